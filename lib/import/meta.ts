/**
 * Step 5: the report's metadata from the front and back matter: title (kept as printed when it
 * is not the standard one), agency name and year from the title, an optional date line under
 * the title or a 署名 + 日期 at the end (publication date), the contact in the opening text.
 */
import { standardTitle } from '../report/blank';
import type { ReportTemplate } from '../template/types';
import type { CleanLine } from './clean-lines';
import { visualWidth } from './match-key';
import type { ImportFinding } from './types';

const DATE_LINE = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?$/;

export function isoDate(text: string): string | null {
  const m = DATE_LINE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type FrontMatter = {
  agencyName: string;
  year: number | null;
  title: string | null;
  printedTitle: string;
  publishDate: string | null;
  /** Line indices after the title that are text (an opening paragraph printed before 一). */
  preamble: number[];
};

export function readFrontMatter(template: ReportTemplate, lines: CleanLine[], end: number, findings: ImportFinding[]): FrontMatter {
  const body = [] as number[];
  for (let i = 0; i < end; i++) if (!lines[i].isNoise && lines[i].text.trim()) body.push(i);
  const titleIdx: number[] = [];
  let acc = '';
  for (const i of body.slice(0, 4)) {
    const t = lines[i].text.trim();
    if (isoDate(t)) break;
    titleIdx.push(i);
    acc += t;
    if (/报告$/.test(acc.replace(/\s+/g, ''))) break;
  }
  const compact = acc.replace(/\s+/g, '');
  const isTitle = /报告$/.test(compact) && visualWidth(compact) <= 60;
  const used = isTitle ? titleIdx : [];
  const out: FrontMatter = { agencyName: '', year: null, title: null, printedTitle: isTitle ? compact : '', publishDate: null, preamble: [] };
  for (const i of body) {
    if (used.includes(i)) continue;
    const d = isoDate(lines[i].text);
    if (d && !out.publishDate) out.publishDate = d;
    else out.preamble.push(i);
  }
  if (!isTitle) {
    findings.push({ message: '没有找到报告标题（应为「机关名称＋年份＋年政府信息公开工作年度报告」），请补填机关名称和年度', certainty: 'missing', kind: 'title' });
    return out;
  }
  const from = lines[used[0]].no;
  const to = lines[used[used.length - 1]].no;
  const m = /^(.*?)(\d{4})年度?(?:政府信息公开|政务公开|信息公开)/.exec(compact);
  if (m) {
    out.agencyName = m[1];
    out.year = Number(m[2]);
  }
  if (!m || !out.agencyName)
    findings.push({ message: `标题「${compact}」中没有读出机关名称或年份，请补填`, certainty: 'missing', lines: { from, to }, kind: 'title' });
  else if (out.year !== null && compact !== standardTitle(template, out.agencyName, out.year)) {
    out.title = compact;
    findings.push({ message: `标题「${compact}」与标准标题不同，按原文保留`, certainty: 'sure', lines: { from, to }, kind: 'title' });
  } else findings.push({ message: `标题：机关「${out.agencyName}」，年度 ${out.year}`, certainty: 'sure', lines: { from, to }, kind: 'title' });
  return out;
}

/**
 * A 署名 and 日期 closing the report (right-aligned in print): returns the date and how many
 * trailing lines of [start, end) they take.
 */
export function readSignature(lines: CleanLine[], start: number, end: number): { date: string | null; take: number } {
  const idx: number[] = [];
  for (let i = end - 1; i >= start && idx.length < 3; i--) if (!lines[i].isNoise && lines[i].text.trim()) idx.push(i);
  if (!idx.length) return { date: null, take: 0 };
  const date = isoDate(lines[idx[0]].text);
  if (!date) return { date: null, take: 0 };
  let firstTaken = idx[0];
  const before = idx[1] !== undefined ? lines[idx[1]].text.trim() : '';
  if (before && visualWidth(before) <= 30 && !/[。，；：,;:]/.test(before)) firstTaken = idx[1];
  return { date, take: end - firstTaken };
}

/** 「请联系：…」 in the opening text: the contact as printed. */
export function readContact(text: string): string {
  const m = /(?:请联系|联系方式)[：:]\s*([^。\n]{4,80})/.exec(text);
  return m ? m[1].trim() : '';
}

/** The year when the title has none: 统计期限 「2024年1月1日」, else the commonest 20xx年. */
export function yearFromText(text: string): number | null {
  const p = /(20\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(text);
  if (p) return Number(p[1]);
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}
