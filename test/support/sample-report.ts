/**
 * Generated reports for renderer tests and benchmarks: every cell filled with a distinctive
 * number (so "every number in order" means something), long and short text, an empty part,
 * a very long agency name, several hundred distinct Chinese characters and a rare one.
 */
import { blankReport } from '../../lib/report/blank';
import type { Report } from '../../lib/report/types';
import type { ReportTemplate } from '../../lib/template/types';
import { tableCells } from '../../lib/template/walk';

/** 䶮 (U+4DAE, as in 刘䶮) is in 《通用规范汉字表》 but missing from many fonts. */
export const RARE_CHAR = '䶮';

/**
 * 600 distinct characters from GB 2312 level 1 (the 3755 commonest hanzi), decoded from their
 * GBK byte pairs, so the text needs several hundred glyphs of one font.
 */
export function commonChars(count = 600): string[] {
  const gbk = new TextDecoder('gbk');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xd7 && out.length < count; hi++)
    for (let lo = 0xa1; lo <= 0xfe && out.length < count; lo += 2) out.push(gbk.decode(new Uint8Array([hi, lo])));
  return out;
}

export function sampleReport(template: ReportTemplate, opts: { agencyName?: string; year?: number } = {}): Report {
  const report = blankReport(template, {
    agencyName: opts.agencyName ?? '某某省某某市某某区人民政府某某街道办事处',
    year: opts.year ?? 2024,
  });
  report.meta.publishDate = `${(opts.year ?? 2024) + 1}-01-23`;
  let n = 0;
  for (const key of ['table2', 'table3', 'table4'] as const) {
    for (const c of tableCells(template, key)) {
      n++;
      // Distinct values: a city-sized count in 表二, four- and five-digit counts in 表三/四.
      const v = key === 'table2' ? (c.valueType === 'amount' ? '96171.6234' : 3985700 + n) : key === 'table3' ? 10000 + n * 7 : 100 + n;
      report.tables[key][c.row][c.col] = v;
    }
  }
  const chars = commonChars();
  const para = (i: number, len: number) =>
    Array.from({ length: len }, (_, k) => chars[(i * 97 + k) % chars.length]).join('') +
    '，“应公开、尽公开”（含政策解读）《条例》；2024年共发布信息1234条：一是……二是——三是。';
  for (const s of template.sections) {
    s.parts.forEach((p, i) => {
      report.text[s.key][p.key] = [para(i, 60), para(i + 7, 140), para(i + 3, 30)].join('\n');
    });
  }
  // Every one of the 600 characters at least once, in the lead paragraph.
  report.text.overview.lead = `${chars.join('')}。\n${report.text.overview.lead}`;
  // One titled part left empty: it must print nothing and not leave a gap in the numbering.
  report.text.overview.management = '';
  report.text.overview.platform = `本街道地名含生僻字${RARE_CHAR}，须正常显示。${report.text.overview.platform}`;
  report.text.reviewLitigationTable.note = '注：行政复议、行政诉讼数量含上年度结转数量。';
  return report;
}
