import { expect, type Page } from '@playwright/test';

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
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
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
  expect((await page.request.put(`/api/reports/${id}`, { data: { baseVersion: current.version, content: current.content } })).ok()).toBe(true);
}
