/**
 * Step 2: find the six section headings. A heading is recognised by its words, not its number:
 * real reports print wrong numbers (「五）」, a restarted 「一、」), and a line that starts with
 * 「二、」 inside 总体情况 is a sub-heading of the agency's own, not section 二. Headings must
 * come in template order; one quoted again later in the text is not a heading.
 */
import type { ReportTemplate, SectionTemplate } from '../template/types';
import type { CleanLine } from './clean-lines';
import { chineseNumeral, matchKey } from './match-key';
import type { ImportFinding } from './types';

export type SectionSpan = {
  section: SectionTemplate;
  /** Index into the lines of the heading line. */
  headingIndex: number;
  /** Lines of the section body: [start, end) indices. */
  start: number;
  end: number;
  /** Text after the heading on the same line (a run-in heading 「一、总体情况。2024年…」). */
  runIn: string;
};

const NUMBER = /^(?:第([一二三四五六七八九十]+)部分|([一二三四五六七八九十]+)\s*[、.．,，]|[（(]\s*([一二三四五六七八九十]+)\s*[)）]|(\d{1,2})\s*[、.．])\s*/;

/** The heading wordings of a section, as keys (title first). */
export function sectionKeys(s: SectionTemplate): string[] {
  return [s.title, ...(s.variants ?? [])].map(matchKey);
}

type HeadingHit = { index: number; number: number | null; printed: string; rest: string };

/** Which section a line heads, if any. */
export function matchHeading(template: ReportTemplate, text: string): { sectionIndex: number; hit: HeadingHit } | null {
  const t = text.trim();
  if (!t || t.length > 60) return null;
  const m = NUMBER.exec(t);
  const number = m ? (m[1] ?? m[2] ?? m[3] ? chineseNumeral(m[1] ?? m[2] ?? m[3]) : Number(m[4])) : null;
  const body = m ? t.slice(m[0].length) : t;
  const key = matchKey(body);
  for (let i = 0; i < template.sections.length; i++) {
    for (const k of sectionKeys(template.sections[i])) {
      if (key === k || (key.startsWith(k) && key.length - k.length <= 2 && /^(?:情况|的|工作)?$/.test(key.slice(k.length)))) {
        return { sectionIndex: i, hit: { index: -1, number, printed: t, rest: '' } };
      }
      // A run-in heading: 「一、总体情况：2024年…」.
      const bodyNoSpace = body.replace(/\s+/g, '');
      if (key.startsWith(k) && /^[:：。.]/.test(key.slice(k.length)) && m) {
        const cut = body.search(/[:：。.]/);
        return { sectionIndex: i, hit: { index: -1, number, printed: t, rest: bodyNoSpace ? body.slice(cut + 1).trim() : '' } };
      }
    }
  }
  return null;
}

export function findSections(
  template: ReportTemplate,
  lines: CleanLine[],
  findings: ImportFinding[],
): SectionSpan[] {
  const hits: { sectionIndex: number; lineIndex: number; hit: HeadingHit }[] = [];
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.isNoise) continue;
    if (l.cells && l.cells.filter((c) => c.text.trim()).length > 1) continue;
    const m = matchHeading(template, l.text);
    if (!m || m.sectionIndex < next) continue;
    hits.push({ sectionIndex: m.sectionIndex, lineIndex: i, hit: m.hit });
    next = m.sectionIndex + 1;
  }
  const spans: SectionSpan[] = hits.map((h, k) => ({
    section: template.sections[h.sectionIndex],
    headingIndex: h.lineIndex,
    start: h.lineIndex + 1,
    end: k + 1 < hits.length ? hits[k + 1].lineIndex : lines.length,
    runIn: h.hit.rest,
  }));
  for (const h of hits) {
    const s = template.sections[h.sectionIndex];
    const expected = h.sectionIndex + 1;
    const line = lines[h.lineIndex].no;
    if (h.hit.number !== null && h.hit.number !== expected) {
      findings.push({
        message: `「${s.numeral}、${s.title}」的标题编号印作「${h.hit.printed}」，已按内容认作第${s.numeral}部分`,
        certainty: 'unsure',
        lines: { from: line, to: line },
        section: s.key,
        kind: 'headingNumber',
      });
    } else if (matchKey(h.hit.printed.replace(NUMBER, '')) !== matchKey(s.title)) {
      findings.push({
        message: `第${s.numeral}部分标题印作「${h.hit.printed}」，与格式规定的「${s.numeral}、${s.title}」不同`,
        certainty: 'sure',
        lines: { from: line, to: line },
        section: s.key,
        kind: 'headingWording',
      });
    }
  }
  for (const s of template.sections) {
    if (!spans.some((x) => x.section.key === s.key))
      findings.push({ message: `没有找到第${s.numeral}部分「${s.numeral}、${s.title}」的标题`, certainty: 'missing', section: s.key, kind: 'sectionMissing' });
  }
  return spans;
}
