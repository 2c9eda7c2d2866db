import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { blankReport } from './blank';
import { describeIssues, draftReportSchema } from './schema';

describe('what a refused report says', () => {
  it('names the cell and the part as the form does, not the JSON path', () => {
    const r = structuredClone(blankReport(template2021, { agencyName: '文峰区紫薇大道街道办事处', year: 2024 }));
    (r.tables.table3.newReceived as Record<string, unknown>).natural = 'abc';
    (r.text.overview as Record<string, unknown>).proactive = 42;
    const parsed = draftReportSchema(template2021).safeParse(r);
    expect(parsed.success).toBe(false);
    const text = describeIssues(parsed.error!);
    expect(text).toContain('表三「一、本年新收政府信息公开申请数量」「自然人」：应为数字');
    expect(text).toMatch(/一、总体情况 · [^：]+：应为文字/);
    expect(text).not.toMatch(/tables\.|newReceived|text\.overview/);
  });
});
