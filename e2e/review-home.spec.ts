import { expect, test, type APIRequestContext } from '@playwright/test';
import { createReport, login } from './helpers';

/** Far from the other specs' years, so that this year holds the latest pending submission. */
const YEAR = 2090;

/** A complete, balanced report with the given paragraphs, saved as autosave does; returns the version. */
async function fill(api: APIRequestContext, id: string, paragraph: string) {
  const now = await (await api.get(`/api/reports/${id}`)).json();
  const content = structuredClone(now.content);
  for (const table of Object.values(content.tables) as Record<string, Record<string, unknown>>[])
    for (const row of Object.values(table)) for (const col of Object.keys(row)) row[col] = col === 'amount' ? '0' : 0;
  for (const section of Object.values(content.text) as Record<string, string>[]) for (const part of Object.keys(section)) section[part] = paragraph;
  content.text.otherMatters.processingFee = '本年度未收取信息处理费。';
  const saved = await api.put(`/api/reports/${id}`, { data: { baseVersion: now.version, content } });
  expect(saved.status()).toBe(200);
  return (await saved.json()).version as number;
}

test('辖区报告 opens on the year waiting for review with 「待审核 N」 first, marks a late submission, and counts as the editor does', async ({ browser }) => {
  const filer = await (await browser.newContext()).newPage();
  await login(filer, 'ziwei');
  // Last year's report with the same paragraphs: the editor warns of text copied unchanged.
  const paragraph = '本机关按照条例要求，认真做好政府信息公开各项工作，主动公开工作进展顺利。';
  const lastId = await createReport(filer, YEAR - 1);
  await fill(filer.request, lastId, paragraph);
  const id = await createReport(filer, YEAR);
  const version = await fill(filer.request, id, paragraph);

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'wenfeng');
  // The deadline passed before the report is submitted.
  await reviewer.goto(`/review?year=${YEAR}`);
  await reviewer.getByLabel('提交截止日期').fill('2026-01-01');
  await reviewer.getByRole('button', { name: '保存' }).click();
  await expect(reviewer.getByRole('status').filter({ hasText: '截止日期已保存' })).toBeVisible();

  const submitted = await filer.request.post(`/api/reports/${id}/transition`, { data: { transition: 'submit', from: 'draft', version } });
  expect(submitted.status(), await submitted.text()).toBe(200);

  // From the top bar, without a year: the year with the pending submission.
  await reviewer.goto('/reports');
  await reviewer.getByRole('link', { name: '辖区报告' }).click();
  await reviewer.waitForURL('**/review');
  await expect(reviewer.getByRole('heading', { level: 1 })).toContainText(`${YEAR} 年度报告`);
  const counts = reviewer.getByTestId('status-counts');
  await expect(counts.locator('.count').first()).toHaveText('待审核 1');
  // Work first: the submitted report heads the list, marked late.
  const first = reviewer.getByTestId('district-table').locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-agency', '文峰区紫薇大道街道办事处');
  await expect(first.getByTestId('late')).toHaveText('逾期提交');
  const listed = (await first.locator('td').nth(2).textContent())!;
  await reviewer.screenshot({ path: 'test-results/review-home-1400.png', fullPage: true });
  await reviewer.setViewportSize({ width: 390, height: 844 });
  await reviewer.screenshot({ path: 'test-results/review-home-390.png', fullPage: true });
  await reviewer.setViewportSize({ width: 1400, height: 900 });

  // The editor's check panel gives the same counts as the list.
  await first.getByRole('link', { name: '审核' }).click();
  await reviewer.waitForURL(`**/reports/${id}`);
  const panel = (await reviewer.getByTestId('check-summary').textContent())!;
  const hints = (t: string) => Number(/提示 (\d+) 条/.exec(t)?.[1]);
  expect(hints(panel)).toBeGreaterThan(0);
  expect(hints(listed)).toBe(hints(panel));
  expect(listed).toMatch(/无错误/);
  expect(panel).toMatch(/错误 0 条/);
});
