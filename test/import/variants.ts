/**
 * Hand-written variants of a published report's text, made from a Report so the truth is
 * known: tables flattened one row per line (space- or tab-separated), labels in other widths
 * and wordings, long labels wrapped with their numbers on the next line, blanks as empty tabs or
 * 「—」, page headers and numbers mixed in.
 */
import type { CellValue, Report } from '../../lib/report/types';
import { flattenLeaves } from '../../lib/template/walk';
import { template2021 as t } from '../../templates/2021';

export type VariantOptions = {
  sep?: ' ' | '\t';
  /** Rewrites every printed label (e.g. to half-width brackets). */
  label?: (s: string) => string;
  /** Wrap row labels longer than this many characters; the numbers go on a line of their own. */
  wrapAt?: number;
  /** How a blank cell prints: '' (an empty tab cell) or a mark such as —. */
  blank?: string;
  /** Insert a running header and a page number every N lines. */
  pageEvery?: number;
};

const v = (x: CellValue, blank: string) => (x === null ? blank : String(x));

export function reportText(r: Report, o: VariantOptions = {}): string {
  const sep = o.sep ?? ' ';
  const L = o.label ?? ((s: string) => s);
  const blank = o.blank ?? '—';
  const out: string[] = [`${r.meta.agencyName}${r.meta.year}年政府信息公开工作年度报告`, ''];
  const row = (label: string, values: CellValue[]) => {
    const nums = values.map((x) => v(x, blank)).join(sep);
    const lab = L(label);
    if (o.wrapAt && lab.length > o.wrapAt) {
      for (let i = 0; i < lab.length; i += o.wrapAt) out.push(lab.slice(i, i + o.wrapAt));
      out.push(nums);
    } else out.push(`${lab}${sep}${nums}`);
  };
  for (const s of t.sections) {
    out.push(`${s.numeral}、${s.title}`, '');
    let n = 0;
    for (const p of s.parts) {
      const text = r.text[s.key][p.key];
      if (!text || (s.table && !p.title)) continue;
      if (p.title) out.push(L(`（${'一二三四五六'[n++]}）${p.title}`));
      out.push(...text.split('\n'), '');
    }
    if (s.table === 'table2')
      for (const b of t.tables.table2.blocks) {
        out.push(L(b.caption), ['信息内容', ...b.columns.map((c) => c.label)].join(sep));
        for (const rw of b.rows) row(rw.label, b.columns.map((c) => r.tables.table2[rw.key][c.key]));
      }
    if (s.table === 'table3') {
      const cols = flattenLeaves(t.tables.table3.columns);
      out.push(L(t.tables.table3.cornerNote), ['申请人情况', ...cols.map((c) => c.label)].join(sep));
      const walk = (nodes: typeof t.tables.table3.rows) => {
        for (const n of nodes) {
          if (n.children?.length) {
            out.push(L(n.label));
            walk(n.children);
          } else row(n.label, cols.map((c) => r.tables.table3[n.key!][c.key]));
        }
      };
      walk(t.tables.table3.rows);
    }
    if (s.table === 'table4') {
      const m = t.tables.table4.measures.map((x) => x.label);
      out.push(['行政复议', '行政诉讼'].join(sep), ['未经复议直接起诉', '复议后起诉'].join(sep), [...m, ...m, ...m].join(sep));
      out.push(['review', 'litigationDirect', 'litigationAfterReview'].flatMap((g) => m.map((_, i) => v(r.tables.table4[g][t.tables.table4.measures[i].key], blank))).join(sep));
      if (r.text[s.key].note) out.push(r.text[s.key].note);
    }
    out.push('');
  }
  if (!o.pageEvery) return out.join('\n');
  const paged: string[] = [];
  out.forEach((l, i) => {
    paged.push(l);
    if (i > 0 && i % o.pageEvery! === 0) paged.push(`— ${i / o.pageEvery!} —`, `${r.meta.agencyName}${r.meta.year}年政府信息公开工作年度报告`);
  });
  return paged.join('\n');
}

/** Full-width brackets and colons to half-width with a space, 「1.」 to 「1、」: what real reports print. */
export const halfWidth = (s: string) => s.replace(/（/g, '(').replace(/）/g, ') ').replace(/：/g, ':');
export const dunhao = (s: string) => s.replace(/^(\d)\./, '$1、');
