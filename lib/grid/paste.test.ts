import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { gridLayout } from './layout';
import { planLabelPaste, planPaste } from './paste';
import { parsePasteBlock } from './parse';

const t3 = gridLayout(template2021, 'table3');
const at = (row: string, col: string) => ({ table: 'table3' as const, row, col });
const block = (rows: number, cols: number, label?: (r: number) => string) =>
  Array.from({ length: rows }, (_, r) => [...(label ? [label(r)] : []), ...Array.from({ length: cols }, (_, c) => String(r * 10 + c))]);

describe('planPaste', () => {
  it('a 24 × 6 block at 自然人 skips the computed 总计 row and fills all 144 values (was 138, 结转 left blank)', () => {
    const plan = planPaste(template2021, t3, at('newReceived', 'natural'), block(24, 6));
    expect(plan.targets).toHaveLength(144);
    expect(plan.targets.filter((t) => t.ref.row === 'carriedForward').map((t) => t.raw)).toEqual(['230', '231', '232', '233', '234', '235']);
    expect(plan.targets.some((t) => t.ref.row === 'resultsTotal')).toBe(false);
    expect(plan.summary).toContain('已粘贴 144 个值：24 行');
    expect(plan.notes.join()).toContain('跳过自动计算的「（七）总计」行');
  });
  it('a 25 × 7 block with the totals lands by position, the totals named as not pasted', () => {
    const plan = planPaste(template2021, t3, at('newReceived', 'natural'), block(25, 7));
    expect(plan.targets).toHaveLength(24 * 6);
    expect(plan.notes.join()).toContain('31 个值落在自动计算的合计上');
  });
  it('says which rows and values fell outside', () => {
    const plan = planPaste(template2021, t3, at('otherHandling', 'legalService'), block(4, 3));
    expect(plan.targets.map((t) => `${t.ref.row}.${t.ref.col}`)).toEqual([
      'otherHandling.legalService',
      'otherHandling.otherOrg',
      'carriedForward.legalService',
      'carriedForward.otherOrg',
    ]);
    const notes = plan.notes.join('\n');
    expect(notes).toContain('最后 1 行超出表格');
    expect(notes).toContain('5 个值落在自动计算的合计上');
  });
  it('recognises a block that carries its row labels and pastes it by label', () => {
    const labels = ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '1.属于国家秘密', '（七）总计', '四、结转下年度继续办理'];
    const text = ['申请人情况\t\t自然人\t商业企业', ...labels.map((l, i) => `${i === 2 ? '三、本年度办理结果\t' : i === 3 ? '\t（三）不予公开\t' : ''}${l}\t${Array.from({ length: 7 }, (_, c) => i * 10 + c).join('\t')}`)].join('\r\n');
    const b = parsePasteBlock(text);
    expect(planPaste(template2021, t3, at('newReceived', 'natural'), b).labelled).toBe(true);
    const plan = planLabelPaste(template2021, t3, b);
    const got = Object.fromEntries(plan.targets.map((t) => [`${t.ref.row}.${t.ref.col}`, t.raw]));
    expect(got['newReceived.natural']).toBe('0');
    expect(got['granted.natural']).toBe('20');
    expect(got['stateSecret.otherOrg']).toBe('35');
    expect(got['carriedForward.business']).toBe('51');
    expect(plan.targets).toHaveLength(5 * 6);
    const notes = plan.notes.join('\n');
    expect(notes).toContain('「（七）总计」是自动计算的合计');
    expect(notes).toContain('1 行没有数字');
    expect(notes).toContain('本表另有 19 行不在剪贴板中');
  });
  it('表二 by label: each row gets its own block\'s columns', () => {
    const t2 = gridLayout(template2021, 'table2');
    const b = parsePasteBlock('信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t2\t3\n行政处罚\t40\n行政事业性收费\t1.25\n');
    const plan = planLabelPaste(template2021, t2, b);
    expect(plan.targets.map((t) => `${t.ref.row}.${t.ref.col}=${t.raw}`)).toEqual(['rules.issued=1', 'rules.abolished=2', 'rules.inForce=3', 'punishment.decisions=40', 'administrativeFees.amount=1.25']);
  });
});

describe('planLabelPaste with the Word template\'s merged label cells', () => {
  it('skips the empty cells merged labels leave before the values', () => {
    const b = parsePasteBlock('一、本年新收政府信息公开申请数量\t\t\t10\t1\t0\t0\t0\t0\t11\n三、本年度办理结果\t（一）予以公开\t\t6\t1\t0\t0\t0\t0\t7');
    const plan = planLabelPaste(template2021, t3, b);
    const got = Object.fromEntries(plan.targets.map((t) => [`${t.ref.row}.${t.ref.col}`, t.raw]));
    expect(got).toMatchObject({ 'newReceived.natural': '10', 'newReceived.business': '1', 'granted.natural': '6', 'granted.business': '1' });
    expect(plan.targets).toHaveLength(12);
  });
});
