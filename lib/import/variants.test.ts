import { describe, expect, it } from 'vitest';
import { runChecks } from '../checks';
import type { Report } from '../report/types';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { cellDiffs, sectionText, textDiffs } from '../../test/import/compare';
import { dunhao, halfWidth, reportText } from '../../test/import/variants';
import { consistentReport } from '../../test/support/generate';
import { template2021 } from '../../templates/2021';
import { importFile } from './import-file';
import { parseSource } from './parse';
import { linesFromText } from './read-text';

const parse = (text: string) => parseSource({ format: 'text', lines: linesFromText(text) });
const seeds = loadSeedFixtures();
const seed = (p: string) => seeds.find((s) => s.name.startsWith(p))!;

function big(seedNo: number): Report {
  return consistentReport(seedNo, 4000);
}

describe('hand-written variants of a report text', () => {
  it('half-width brackets and spaces, 「1、」 for 「1.」, in every label and heading', () => {
    const r = big(11);
    const got = parse(reportText(r, { label: (s) => dunhao(halfWidth(s)) })).report;
    expect(cellDiffs(got, r)).toEqual([]);
    expect(textDiffs(got, r, true)).toEqual([]);
  });

  it('「规范性文件」 for 「行政规范性文件」 (a known variant, template data)', () => {
    const r = big(12);
    const got = parse(reportText(r, { label: (s) => (s === '行政规范性文件' ? '规范性文件' : s) }));
    expect(cellDiffs(got.report, r)).toEqual([]);
  });

  it('shortened 表三 labels 「1.逾期不补正」「2.逾期不缴费」', () => {
    const r = big(13);
    const short = (s: string) => (s.startsWith('1.申请人无正当理由') ? '1.逾期不补正' : s.startsWith('2.申请人逾期未按') ? '2.逾期不缴费' : s);
    expect(cellDiffs(parse(reportText(r, { label: short })).report, r)).toEqual([]);
  });

  it('long row labels wrapped over lines, their numbers on the next line', () => {
    const r = big(14);
    expect(cellDiffs(parse(reportText(r, { wrapAt: 9 })).report, r)).toEqual([]);
  });

  it('tab-separated rows with empty cells: blanks stay blank (null, not 0) and are reported', () => {
    const r = big(15);
    r.tables.table3.granted.research = null;
    r.tables.table3.carriedOver.total = null;
    r.tables.table4.review.upheld = null;
    r.tables.table2.rules.inForce = null;
    const { report, findings } = parse(reportText(r, { sep: '\t', blank: '' }));
    expect(cellDiffs(report, r)).toEqual([]);
    const blanks = findings.filter((f) => f.cell && f.certainty === 'missing').map((f) => `${f.cell!.row}.${f.cell!.col}`);
    expect(blanks.sort()).toEqual(['carriedOver.total', 'granted.research', 'review.upheld', 'rules.inForce'].sort());
  });

  it('thousands of applications with blanks printed 「—」, spaces between cells', () => {
    const r = consistentReport(16, 20000);
    r.tables.table3.newReceived.legalService = null;
    r.tables.table3.notHeld.natural = null;
    const { report } = parse(reportText(r, { blank: '—' }));
    expect(cellDiffs(report, r)).toEqual([]);
    expect(report.tables.table3.newReceived.total).toBeGreaterThan(1000);
  });

  it('a value missing from a space-separated row (no way to tell which): the row stays blank, unsure', () => {
    const r = big(17);
    const text = reportText(r).replace(/^(（一）予以公开) \d+ /m, '$1 ');
    const { report, findings } = parse(text);
    expect(Object.values(report.tables.table3.granted).every((x) => x === null)).toBe(true);
    expect(findings.some((f) => f.row?.row === 'granted' && f.certainty === 'unsure')).toBe(true);
    // The other rows are still exact.
    expect(cellDiffs(report, r).every((d) => d.startsWith('table3.granted.'))).toBe(true);
  });

  it('page numbers and a running header mixed into text and tables', () => {
    const r = big(18);
    const { report } = parse(reportText(r, { pageEvery: 7 }));
    expect(cellDiffs(report, r)).toEqual([]);
    expect(textDiffs(report, r, true)).toEqual([]);
  });

  it('totals as printed: a wrong total is kept and the checks flag it', () => {
    const r = big(19);
    r.tables.table3.resultsTotal.total = (r.tables.table3.resultsTotal.total as number) + 1;
    const { report } = parse(reportText(r));
    expect(report.tables.table3.resultsTotal.total).toBe(r.tables.table3.resultsTotal.total);
    expect(report.meta.totals).toBe('asPrinted');
    expect(runChecks(template2021, report).some((f) => f.severity === 'error')).toBe(true);
  });

  it('seed 003 with wrong section numbering and a run-in sub-heading still lands every part', () => {
    const s = seed('003');
    const text = s.text.replace('五、存在的主要问题及改进情况', '六、存在的主要问题及改进情况').replace('（一）主动公开\n', '（一）主动公开：');
    const { report, findings } = parse(text);
    expect(cellDiffs(report, s.report)).toEqual([]);
    expect(sectionText(report)).toEqual(sectionText(s.report));
    expect(findings.some((f) => f.kind === 'headingNumber' && f.section === 'problems')).toBe(true);
  });

  it('a title that is not the standard one is kept as printed; agency and year come from it', () => {
    const r = big(20);
    const text = reportText(r).replace(/^.*\n/, `${r.meta.agencyName}${r.meta.year}年度政府信息公开工作年度报告\n（2025年1月20日）\n`);
    const { report } = parse(text);
    expect(report.meta.title).toBe(`${r.meta.agencyName}${r.meta.year}年度政府信息公开工作年度报告`);
    expect(report.meta.agencyName).toBe(r.meta.agencyName);
    expect(report.meta.year).toBe(r.meta.year);
    expect(report.meta.publishDate).toBe('2025-01-20');
  });
});

describe('「（六）其他处理」 printed as one row (issue 11 §2)', () => {
  /** The report's text with (六)'s three sub-rows replaced by one row of the given values. */
  function oneRow(r: Report, values: number[]): string {
    const text = reportText(r);
    return text.replace(/（六）其他处理\n[\s\S]*?(?=（七）总计)/, `（六）其他处理 ${values.join(' ')}\n`);
  }
  const subRows = ['noCorrection', 'feeUnpaid', 'otherHandling'] as const;

  it('all zeros: the sub-items are 0, said in the findings, and the report is not called the 2019 format', () => {
    const r = big(31);
    for (const k of subRows) for (const c of Object.keys(r.tables.table3[k])) r.tables.table3[k][c] = 0;
    const { report, findings } = parse(oneRow(r, [0, 0, 0, 0, 0, 0, 0]));
    expect(cellDiffs(report, r)).toEqual([]);
    expect(findings.find((f) => f.kind === 'inferred')?.message).toMatch(/都是 0/);
    expect(findings.some((f) => f.kind === 'format2019')).toBe(false);
  });

  it('not all zeros: the sub-items stay blank and are asked for; nothing else is lost', () => {
    const r = big(32);
    const { report, findings } = parse(oneRow(r, [3, 0, 1, 0, 0, 0, 4]));
    for (const k of subRows) expect(Object.values(report.tables.table3[k]).every((v) => v === null)).toBe(true);
    expect(cellDiffs(report, r).every((d) => subRows.some((k) => d.startsWith(`table3.${k}.`)))).toBe(true);
    const ask = findings.find((f) => f.kind === 'groupRow');
    expect(ask?.certainty).toBe('missing');
    expect(ask?.message).toMatch(/请按原始记录填写/);
  });
});

describe('2019 trial format and missing tables', () => {
  const table2019 = `上海市某局2019年政府信息公开工作年度报告
一、总体情况
本机关依法做好政府信息公开工作。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 1 1 20
规范性文件 5 5 80
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 10 2 3500
其他对外管理服务事项 4 0 12
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 8 0 1200
行政强制 2 0 30
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 3 -1
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 12 345.6
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量 10 1 0 0 0 0 11
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 6 1 0 0 0 0 7
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1
（三）不予公开
1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供
1.本机关不掌握相关政府信息 2 0 0 0 0 0 2
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理
1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六）其他处理 1 0 0 0 0 0 1
（七）总计 10 1 0 0 0 0 11
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
五、政府信息公开工作存在的主要问题及改进情况
问题是公开不够及时。
六、其他需要报告的事项
无。`;

  it('detects the 2019 format and says which cells map and which do not', () => {
    const { report, findings } = parse(table2019);
    const verdict = findings.find((f) => f.kind === 'format2019' && !f.row && !f.lines);
    expect(verdict?.message).toMatch(/2019 年试行格式/);
    expect(verdict?.message).toMatch(/（六）其他处理/);
    expect(verdict?.message).toMatch(/政府集中采购/);
    // Mapped: 表三 rows other than (六)'s sub-rows, 表四, 表二 处理决定数量.
    expect(report.tables.table3.granted.total).toBe(7);
    expect(report.tables.table3.notHeld.natural).toBe(2);
    expect(report.tables.table3.resultsTotal.total).toBe(11);
    expect(report.tables.table4.review.upheld).toBe(1);
    expect(report.tables.table2.licensing.decisions).toBe(3500);
    expect(report.tables.table2.punishment.decisions).toBe(1200);
    // Not mapped: blank, never guessed.
    expect(report.tables.table3.noCorrection.total).toBeNull();
    expect(report.tables.table3.otherHandling.total).toBeNull();
    expect(report.tables.table2.rules.issued).toBeNull();
    expect(report.tables.table2.administrativeFees.amount).toBeNull();
    expect(report.text.problems.currentProblems).toBe('问题是公开不够及时。');
  });

  it('a report whose tables are missing says so plainly and keeps its text', () => {
    const s = seed('003');
    const noTables = s.text.replace(/二、主动公开政府信息情况[\s\S]*?(?=五、存在的主要问题)/, '二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n');
    const { report, findings } = parse(noTables);
    expect(findings[0]).toMatchObject({ kind: 'tablesMissing', certainty: 'missing' });
    expect(findings[0].message).toMatch(/原文没有表格/);
    expect(report.tables.table3.newReceived.total).toBeNull();
    expect(sectionText(report).overview).toBe(sectionText(s.report).overview);
  });

  it('one table missing is named', () => {
    const r = big(21);
    const text = reportText(r).replace(/第二十条第（一）项[\s\S]*?(?=三、收到和处理)/, '');
    const { report, findings } = parse(text);
    expect(findings.some((f) => f.kind === 'tablesMissing' && f.message.includes('表二'))).toBe(true);
    expect(cellDiffs(report, r).every((d) => d.startsWith('table2.'))).toBe(true);
  });

  it('text that is not a report at all is a clear error', async () => {
    await expect(importFile(new TextEncoder().encode('今天天气很好。\n我们去公园散步。\n'.repeat(50)), 'note.txt')).rejects.toThrow(/不是政府信息公开工作年度报告/);
  });
});
