import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { blankReport } from './blank';
import { mergeReports, resolveMerge } from './merge';
import type { Report } from './types';

const base = (): Report => {
  const r = blankReport(template2021, { agencyName: '某街道办事处', year: 2025 });
  r.text.problems.measures = '加强培训。';
  r.text.problems.lastYearFollowUp = '已整改。';
  r.tables.table3.newReceived.natural = 3;
  return r;
};

describe('mergeReports', () => {
  it('keeps both sides’ changes to different parts and cells without asking (tab A: 改进措施, tab B: 上年度改进情况)', () => {
    const a = base();
    a.text.problems.measures = '加强培训，完善制度。';
    a.tables.table3.newReceived.business = 2;
    const b = base();
    b.text.problems.lastYearFollowUp = '已全部整改到位。';
    b.tables.table3.newReceived.natural = 5;
    const { merged, conflicts } = mergeReports(template2021, base(), b, a);
    expect(conflicts).toEqual([]);
    expect(merged.text.problems.measures).toBe('加强培训，完善制度。');
    expect(merged.text.problems.lastYearFollowUp).toBe('已全部整改到位。');
    expect(merged.tables.table3.newReceived).toMatchObject({ natural: 5, business: 2, total: 7 });
  });
  it('a part or cell changed on both sides is a conflict, resolved per choice', () => {
    const a = base();
    a.text.problems.measures = 'A 的措施';
    a.tables.table3.newReceived.natural = 4;
    const b = base();
    b.text.problems.measures = 'B 的措施';
    b.tables.table3.newReceived.natural = 6;
    const { merged, conflicts } = mergeReports(template2021, base(), b, a);
    expect(conflicts.map((c) => c.path.join('.'))).toEqual(['text.problems.measures', 'tables.table3.newReceived.natural']);
    expect(merged.text.problems.measures).toBe('B 的措施');
    const chosen = resolveMerge(template2021, merged, conflicts, new Set([1]));
    expect(chosen.text.problems.measures).toBe('B 的措施');
    expect(chosen.tables.table3.newReceived).toMatchObject({ natural: 4, total: 4 });
  });
});
