import { reportTitle, standardTitle } from '../report/blank';
import { safeFileName } from '../validation';
import { contactSentence } from '../report/contact';
import type { Report } from '../report/types';
import type { PartTemplate, ReportTemplate, SectionTemplate } from '../template/types';
import { partNumber, sectionHeading, tableName } from '../template/walk';
import { buildTable } from './tables';
import { breakTitle } from './title-lines';
import type { DocBlock, DocMeta, DocumentTree } from './types';

export type BuildOptions = {
  /**
   * What a blank (null) table cell prints as. Default `''`: a draft shows the gap as an empty
   * cell, which is what the reviewer must see; a report that passed the submission check has
   * no blank cell (R6), so this never shows in a final document. Pass e.g. `'0'` or `'—'` for
   * a different convention.
   */
  blankCell?: string;
  /** Print 「（2026年1月23日）」 under the title when the report has a publication date. Default true. */
  dateLine?: boolean;
  /**
   * Full-width characters per title line: 156 mm at 2号 (22 pt) holds 20. Renderers with another
   * measure may ask for other lines.
   */
  titleLineChars?: number;
};

/** Replaces characters that no file system accepts in a name. */
const safeFileStem = safeFileName;

function dateLine(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return `（${m[1]}年${Number(m[2])}月${Number(m[3])}日）`;
}

/** Paragraphs of one text part: one per input line, trimmed, empty lines dropped. */
export function paragraphsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/**
 * The level-2 numbers （一）（二）… of a section's titled parts, by part key: consecutive over the
 * parts that `prints` keeps. The document numbers the parts that have text (an empty part leaves
 * no gap); the form, which lists every part, numbers them all.
 */
export function partNumbers(section: SectionTemplate, prints: (part: PartTemplate) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of section.parts) if (part.title && prints(part)) out.set(part.key, partNumber(out.size));
  return out;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * The opening paragraph (一's untitled lead) ends with the contact sentence built from the
 * contact fields; with no lead text, the sentence is the paragraph. Left out when no field is
 * filled, or when the lead already names the contact in its own words (an imported report's
 * 「请联系：…」), so it never prints twice.
 */
function withContact(paragraphs: string[], report: Report): void {
  const sentence = contactSentence(report.meta);
  if (!sentence) return;
  const text = compact(paragraphs.join(''));
  // A phone number or an e-mail address is specific; a 联系单位 (党政办) may be named for other reasons.
  const named = [sentence, report.meta.contactPhone, report.meta.contactEmail].map(compact).filter((s) => s.length >= 5);
  if (named.some((s) => text.includes(s))) return;
  if (paragraphs.length) paragraphs[paragraphs.length - 1] += sentence;
  else paragraphs.push(sentence);
}

/**
 * The report as one render-neutral tree. Numbering is decided here, once: level-2 numbers
 * （一）（二）… go to the parts that have a title *and print*, consecutively, so that a part
 * left empty does not leave a gap in the printed numbering. A section heading always prints;
 * an empty part prints nothing, required or not (the checks warn about it, not the printout).
 */
export function buildDocument(template: ReportTemplate, report: Report, opts: BuildOptions = {}): DocumentTree {
  const blankCell = opts.blankCell ?? '';
  const title = reportTitle(template, report);
  const { agencyName, year } = report.meta;
  const standard = standardTitle(template, agencyName, year);
  // The standard title splits naturally into agency | 2024年 | suffix; a custom title is split by words only.
  const segments =
    title === standard ? [agencyName, `${year}年`, template.titleSuffix].filter((s) => s.length > 0) : [title];
  const blocks: DocBlock[] = [{ kind: 'title', text: title, lines: breakTitle(segments, opts.titleLineChars ?? 20) }];
  if ((opts.dateLine ?? true) && report.meta.publishDate) {
    const text = dateLine(report.meta.publishDate);
    if (text) blocks.push({ kind: 'dateLine', text });
  }

  for (const section of template.sections) {
    const number = `${section.numeral}、`;
    blocks.push({
      kind: 'heading',
      level: 1,
      number,
      title: section.title,
      text: sectionHeading(section),
      sectionKey: section.key,
    });
    if (section.table) {
      const table = buildTable(template, section.table, report, { blankCell });
      blocks.push({ kind: 'table', sectionKey: section.key, table: { ...table, caption: `${tableName(template, section.table)}　${section.title}` } });
    }
    const text = (part: PartTemplate) => {
      const paragraphs = paragraphsOf(report.text[section.key]?.[part.key]);
      if (section === template.sections[0] && !part.title) withContact(paragraphs, report);
      return paragraphs;
    };
    const numbers = partNumbers(section, (part) => text(part).length > 0);
    for (const part of section.parts) {
      const paragraphs = text(part);
      if (paragraphs.length === 0) continue;
      const n = numbers.get(part.key);
      if (part.title && n) {
        blocks.push({
          kind: 'heading',
          level: 2,
          number: n,
          title: part.title,
          text: `${n}${part.title}`,
          sectionKey: section.key,
          partKey: part.key,
        });
      }
      // Untitled text under a table belongs to the table (表四's 注：…).
      const kind = section.table && !part.title ? 'tableNote' : 'paragraph';
      for (const text of paragraphs) blocks.push({ kind, text, sectionKey: section.key, partKey: part.key });
    }
  }

  const meta: DocMeta = {
    title,
    author: agencyName,
    subject: `${template.titleSuffix}（${template.formatRef}）`,
    language: 'zh-CN',
    keywords: [agencyName, `${year}`, template.titleSuffix],
    fileStem: safeFileStem(standard),
    agencyName,
    year,
  };
  return { meta, blocks };
}

/** `{机关名称}{年度}年政府信息公开工作年度报告.pdf` (or .docx, .html, .json, .csv). */
export function documentFileName(doc: DocumentTree, ext: string): string {
  return `${doc.meta.fileStem}.${ext}`;
}
