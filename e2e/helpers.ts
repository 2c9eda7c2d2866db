import { expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'nianbao2026';

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/reports');
}

/** Creates a report for the user's own office for `year` and returns its id (the editor is open). */
export async function createReport(page: Page, year: number): Promise<string> {
  await page.goto('/reports');
  await page.getByLabel('报告年度').fill(String(year));
  await page.getByRole('button', { name: '新建报告' }).click();
  // A refusal (say, the office already has a report for that year — another spec took the year)
  // fails here with its message, instead of a navigation that never comes.
  const refusal = page.locator('form [role="alert"]');
  await Promise.race([page.waitForURL(/\/reports\/[0-9a-f-]{36}$/), refusal.waitFor()]);
  if (!/\/reports\/[0-9a-f-]{36}$/.test(page.url())) throw new Error(`新建 ${year} 年度报告被拒：${await refusal.textContent()}`);
  return page.url().split('/').pop()!;
}

export async function openStep(page: Page, name: RegExp | string) {
  await page.getByRole('navigation', { name: '报告各部分' }).getByRole('button', { name }).click();
}

/** The input of one 表三 cell, by the row's last label and the column's label. */
export function t3Cell(page: Page, row: string, col: string) {
  return page.locator(`[data-cell="table3.${row}.${col}"]`);
}

export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveText(/已保存/, { timeout: 15_000 });
}

/** Saves a change to a report's content through the API, as the logged-in user. */
export async function editContent(page: Page, id: string, edit: (content: { text: Record<string, Record<string, string>> }) => void) {
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  edit(current.content);
  const saved = await page.request.put(`/api/reports/${id}`, { data: { baseVersion: current.version, content: current.content }, headers: { 'Accept-Encoding': 'gzip' } });
  expect(saved.ok()).toBe(true);
  // An autosave's answer is a few bytes: sent as is, not through a zlib stream per save.
  expect(saved.headers()['content-encoding']).toBeUndefined();
}

/**
 * A complete, balanced report saved as autosave does: every cell 0 except one application by a
 * 自然人, granted, and the fee `amount` (so the sum of two reports shows 0.1 + 0.2 = 0.3 exactly).
 */
export async function fillAndSubmit(api: APIRequestContext, id: string, amount: string, edit?: (content: { meta: Record<string, unknown>; text: Record<string, Record<string, string>> }) => void) {
  const now = await (await api.get(`/api/reports/${id}`)).json();
  const content = structuredClone(now.content);
  for (const table of Object.values(content.tables) as Record<string, Record<string, unknown>>[])
    for (const row of Object.values(table)) for (const col of Object.keys(row)) row[col] = col === 'amount' ? '0' : 0;
  for (const row of ['newReceived', 'granted', 'resultsTotal']) for (const col of ['natural', 'total']) content.tables.table3[row][col] = 1;
  content.tables.table2.administrativeFees.amount = amount;
  for (const section of Object.values(content.text) as Record<string, string>[]) for (const part of Object.keys(section)) section[part] = '本年度相关工作情况。';
  content.text.otherMatters.processingFee = '本年度未收取信息处理费。';
  edit?.(content);
  const saved = await api.put(`/api/reports/${id}`, { data: { baseVersion: now.version, content } });
  expect(saved.status()).toBe(200);
  const { version } = await saved.json();
  const submitted = await api.post(`/api/reports/${id}/transition`, { data: { transition: 'submit', from: 'draft', version } });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return version as number;
}

/** Approves a submitted report as the reviewer on `page`. */
export async function approve(page: Page, id: string, version: number) {
  const res = await page.request.post(`/api/reports/${id}/transition`, { data: { transition: 'approve', from: 'submitted', version } });
  expect(res.status(), await res.text()).toBe(200);
}

/** WCAG 2.1 A and AA rules of axe-core. */
export const WCAG21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Axe's serious and critical violations on the page as it is now, one line each (what, where). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG21).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? v.help}`));
}
