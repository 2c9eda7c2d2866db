/**
 * The one parser from source lines to a report. Small pure steps, each testable alone:
 *   unifyDocument (radicals a font gave for common characters) → markNoise (page numbers, running headers) → findSections (headings by meaning) →
 *   readFrontMatter (title, agency, year) → per section: paragraphs → parts, or a table
 *   (labels → values per row) → 2019-format and missing-table verdicts.
 * Totals are imported as printed (`meta.totals: 'asPrinted'`); the checks then say where the
 * report's own arithmetic is wrong. Every cell not read with confidence stays null.
 */
import { blankReport } from '../report/blank';
import { readContactSentence, splitLegacyContact } from '../report/contact';
import type { Report, TableValues } from '../report/types';
import { MAX_CONFIRM_NOTE } from '../report/schema';
import { currentTemplate } from '../template/registry';
import type { ReportTemplate, TableKey } from '../template/types';
import { sectionOfTable, tableCells } from '../template/walk';
import { markNoise, type CleanLine } from './clean-lines';
import { unifyDocument } from './unify-characters';
import { consistencyPass, groupCellDoubts } from './consistency';
import { ImportError } from './errors';
import { findSections, type SectionSpan } from './find-sections';
import { readContact, readFrontMatter, readSignature, yearFromText } from './meta';
import { detectLayout, paragraphsOf, type Paragraph } from './paragraphs';
import { assignParts } from './parts';
import { spanRange } from './source-lines';
import { readTable2 } from './table2';
import { readTable3, type TableRead } from './table3';
import { readTable4 } from './table4';
import type { ImportFinding, ImportResult, SourceDoc } from './types';
import { LAST_YEAR, OLDEST_FILE_YEAR } from '../report/limits';

function readTable(template: ReportTemplate, key: TableKey, lines: CleanLine[], start: number, end: number): TableRead {
  switch (key) {
    case 'table2':
      return readTable2(template.tables.table2, lines, start, end);
    case 'table3':
      return readTable3(template.tables.table3, lines, start, end);
    case 'table4':
      return readTable4(template.tables.table4, lines, start, end);
  }
}

function mergeTable(into: TableValues, from: TableValues) {
  for (const [row, cols] of Object.entries(from)) if (into[row]) for (const [col, v] of Object.entries(cols)) if (col in into[row]) into[row][col] = v;
}

export function parseSource(read: SourceDoc, template: ReportTemplate = currentTemplate): ImportResult {
  const doc = unifyDocument(read);
  const lines = markNoise(doc.lines);
  const findings: ImportFinding[] = [];
  const source = { format: doc.format, text: doc.lines.map((l) => l.text).join('\n'), lines: doc.lines.map((l) => l.text) };
  const spans = findSections(template, lines, findings);
  const firstHeading = spans.length ? spans[0].headingIndex : lines.length;
  const front = readFrontMatter(template, lines, firstHeading, findings);
  const allText = lines.map((l) => l.text).join('\n');
  let year = front.year ?? yearFromText(allText);
  if (year === null || year < OLDEST_FILE_YEAR || year > LAST_YEAR) {
    year = new Date().getFullYear() - 1;
    findings.push({ message: `没有读出报告年度，暂按 ${year} 年，请核对`, certainty: 'missing', kind: 'year' });
  }
  const report: Report = blankReport(template, { agencyName: front.agencyName, year });
  report.meta.title = front.title;
  report.meta.totals = 'asPrinted';
  report.meta.publishDate = front.publishDate;

  // Paragraph layout is learnt from the text sections only (tables have their own line shapes).
  const textSpans = spans.filter((s) => !s.section.table);
  const layoutLines = textSpans.flatMap((s) => lines.slice(s.start, s.end));
  const layout = detectLayout(layoutLines.length ? layoutLines : lines);

  const tableReads: Partial<Record<TableKey, TableRead>> = {};
  const lastSpan = spans[spans.length - 1];
  for (const span of spans) {
    const { section } = span;
    let end = span.end;
    if (span === lastSpan) {
      const sig = readSignature(lines, span.start, end);
      if (sig.take) {
        end -= sig.take;
        report.meta.publishDate ??= sig.date;
        findings.push({ message: `文末署名和日期：发布日期 ${sig.date}`, certainty: 'sure', lines: spanRange(lines, end, span.end), kind: 'signature' });
      }
    }
    if (section.table) {
      const read = readTable(template, section.table, lines, span.start, end);
      tableReads[section.table] = read;
      mergeTable(report.tables[section.table], read.values);
      findings.push(...read.findings);
      // Text under the table: 表四's 注; elsewhere it has no place in the format.
      const after = read.lastValueLine >= 0 ? read.lastValueLine + 1 : span.start;
      const paras = paragraphsOf(lines, after, end, layout);
      if (paras.length) {
        const notePart = section.parts.find((p) => !p.title);
        if (notePart) {
          report.text[section.key][notePart.key] = paras.map((p) => p.text).join('\n');
          findings.push({ message: `表下文字放在「${notePart.label}」`, certainty: read.lastValueLine >= 0 ? 'sure' : 'unsure', lines: { from: paras[0].from, to: paras[paras.length - 1].to }, section: section.key, part: notePart.key, kind: 'part' });
        } else
          findings.push({
            message: `第${section.numeral}部分表格之后的文字没有对应的位置，未导入：「${paras.map((p) => p.text).join('').slice(0, 60)}」`,
            certainty: 'unsure',
            lines: { from: paras[0].from, to: paras[paras.length - 1].to },
            section: section.key,
            kind: 'leftover',
          });
      }
      continue;
    }
    let paras: Paragraph[] = paragraphsOf(lines, span.start, end, layout, span.runIn);
    if (section.key === template.sections[0].key && front.preamble.length) {
      // An opening paragraph printed between the title and 一、总体情况 belongs to the lead.
      const first = front.preamble[0];
      const pre = paragraphsOf(lines, first, front.preamble[front.preamble.length - 1] + 1, layout);
      paras = [...pre, ...paras];
    }
    const parts = assignParts(template, section, paras);
    Object.assign(report.text[section.key], parts.text);
    findings.push(...parts.findings);
  }
  if (!spans.some((s) => s.section.key === template.sections[0].key) && front.preamble.length) {
    const paras = paragraphsOf(lines, front.preamble[0], front.preamble[front.preamble.length - 1] + 1, layout);
    const lead = template.sections[0].parts.find((p) => !p.title);
    if (lead && paras.length) report.text[template.sections[0].key][lead.key] = paras.map((p) => p.text).join('\n');
  }
  readContactInto(report, template.sections[0].key);

  verdicts(template, spans, tableReads, findings, lines);
  if (spans.length === 0 && !Object.values(tableReads).some((t) => t?.anyValue))
    throw new ImportError(nothingFoundMessage(read));
  consistencyPass(template, report, findings);
  markToConfirm(template, report, findings);
  const names = new Map(
    (['table2', 'table3', 'table4'] as TableKey[]).flatMap((t) =>
      tableCells(template, t).map((c) => [`${t}.${c.row}.${c.col}`, `表${sectionOfTable(template, t).numeral}「${c.rowPath[c.rowPath.length - 1]}」「${c.colLabel}」`] as const),
    ),
  );
  const grouped = groupCellDoubts(findings, (f) => names.get(`${f.cell!.table}.${f.cell!.row}.${f.cell!.col}`) ?? '');
  return { report, findings: grouped, source };
}

/**
 * The share of characters no report is written in: private-use code points (glyph ids a font
 * gave without a Unicode mapping), controls, replacement marks, and Latin letters from the
 * symbol and accented ranges a wrong encoding turns CJK into.
 */
export function garbledShare(text: string): number {
  const chars = [...text.replace(/\s+/g, '')];
  if (!chars.length) return 0;
  const odd = chars.filter((c) => /[\uE000-\uF8FF\u0000-\u001F\u007F-\u00BF\uFFFD]|[\u00C0-\u024F]/.test(c)).length;
  return odd / chars.length;
}

/** Why a file gave no report: a web page that only links or shows the report says so. */
function nothingFoundMessage(read: SourceDoc): string {
  const page = read.page;
  if (page?.attachments.length)
    return `这个网页里没有报告正文，报告是以附件发布的（${page.attachments.map((a) => `「${a.slice(0, 60)}」`).join('、')}）。请在网页上点开附件，下载 PDF 或 Word 文件后上传该文件`;
  if (page?.images)
    return `这个网页里没有报告的文字，只有 ${page.images} 张图片（报告可能是以图片发布的），无法识别。请找到报告的 PDF 或 Word 版本后上传`;
  if (read.format === 'pdf' && garbledShare(read.lines.map((l) => l.text).join('')) > 0.3)
    return 'PDF 里的文字提取出来是乱码（制作 PDF 时字体没有带上文字编码），无法识别。请上传报告的 Word/WPS 原件（.docx、.doc、.wps），或在 WPS/Word 中重新「输出为 PDF」后上传';
  return '没有找到年度报告的章节标题（如「一、总体情况」「三、收到和处理政府信息公开申请情况」）和表格，文件可能不是政府信息公开工作年度报告';
}

/**
 * Every imported number the importer was not sure of — a doubt about its cell, or about the
 * row it was read in (a label matched only by meaning, values placed by position) — goes into
 * `meta.toConfirm` with the reason, so that it stays marked in the editor until someone looks
 * at it. Blank cells are not listed: a blank is already marked and blocks submission.
 */
function markToConfirm(template: ReportTemplate, report: Report, findings: ImportFinding[]): void {
  const notes: Record<string, string> = {};
  const mark = (table: TableKey, row: string, col: string, note: string) => {
    const id = `${table}.${row}.${col}`;
    if (report.tables[table][row]?.[col] === null || report.tables[table][row]?.[col] === undefined || notes[id]) return;
    notes[id] = note.length > MAX_CONFIRM_NOTE ? `${note.slice(0, MAX_CONFIRM_NOTE - 1)}…` : note;
  };
  for (const f of findings) {
    if (f.certainty !== 'unsure') continue;
    for (const c of f.cells ?? (f.cell ? [f.cell] : [])) mark(c.table, c.row, c.col, f.message);
    if (f.row) for (const col of Object.keys(report.tables[f.row.table][f.row.row] ?? {})) mark(f.row.table, f.row.row, col, f.message);
  }
  if (Object.keys(notes).length) report.meta.toConfirm = notes;
}

/** 2019 format and missing tables, said plainly at the top of the findings. */
function verdicts(template: ReportTemplate, spans: SectionSpan[], reads: Partial<Record<TableKey, TableRead>>, findings: ImportFinding[], lines: CleanLine[]) {
  const tableKeys: TableKey[] = ['table2', 'table3', 'table4'];
  const y2019 = tableKeys.flatMap((k) => reads[k]?.format2019 ?? []);
  if (y2019.length) {
    findings.unshift({
      message: `这份报告使用 2019 年试行格式（国办公开办函〔2019〕60号），不是 2021 年格式。能对应的已导入：表三除「（六）其他处理」分项以外的各行、表四全部${
        y2019.some((s) => s.includes('已导入')) ? '、表二的处理决定数量' : ''
      }。不能对应的留空：${y2019.filter((s) => !s.includes('已导入')).join('；')}。请按 2021 年格式补填。`,
      certainty: 'unsure',
      kind: 'format2019',
    });
  }
  const missing = tableKeys.filter((k) => !reads[k]?.anyValue);
  if (missing.length === tableKeys.length) {
    findings.unshift({ message: '原文没有表格（表二、表三、表四都没有找到数字），表格全部留空，请对照原报告填写', certainty: 'missing', kind: 'tablesMissing' });
  } else
    for (const k of missing) {
      const s = template.sections.find((x) => x.table === k)!;
      const span = spans.find((x) => x.section.key === s.key);
      findings.unshift({
        message: `原文第${s.numeral}部分没有表格数字（表${s.numeral}缺失），该表留空`,
        certainty: 'missing',
        lines: span ? spanRange(lines, span.headingIndex, span.end) : undefined,
        section: s.key,
        kind: 'tablesMissing',
      });
    }
}

/**
 * The contact: our own sentence 「如对本报告有疑问，请与…联系（地址：…；…）」 fills the contact
 * fields and leaves the text (printing the fields puts it back, lib/document); otherwise the
 * words after 「请联系：」, with labelled details (电话：…) in their fields, and the text unchanged.
 */
function readContactInto(report: Report, sectionKey: string): void {
  const texts = report.text[sectionKey] ?? {};
  for (const [part, text] of Object.entries(texts)) {
    const found = readContactSentence(text);
    if (!found) continue;
    Object.assign(report.meta, found.fields);
    texts[part] = (text.slice(0, found.index) + text.slice(found.index + found.length)).replace(/\n{2,}/g, '\n').trim();
    return;
  }
  Object.assign(report.meta, splitLegacyContact(readContact(Object.values(texts).join('\n'))));
}
