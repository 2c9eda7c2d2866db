import { expect, test, type APIRequestContext } from '@playwright/test';
import { createReport, login } from './helpers';
import type { Report } from '../lib/report/types';

const YEAR = 2071;

async function save(api: APIRequestContext, id: string, edit: (content: Report) => void) {
  const now = await (await api.get(`/api/reports/${id}`)).json();
  const content = structuredClone(now.content as Report);
  edit(content);
  const saved = await api.put(`/api/reports/${id}`, { data: { baseVersion: now.version, content } });
  expect(saved.status()).toBe(200);
}

const allZero = (content: Report) => {
  for (const table of Object.values(content.tables) as unknown as Record<string, Record<string, unknown>>[])
    for (const row of Object.values(table)) for (const col of Object.keys(row)) row[col] = col === 'amount' ? '0' : 0;
};

test('对比: a new report says it has one version; year over year the real differences come first and blank ↔ 0 is one line; versions carry time and author', async ({ page }) => {
  test.setTimeout(180_000); // two reports, four saves and three comparisons on a shared machine
  await login(page, 'ziwei');
  const lastId = await createReport(page, YEAR - 1);
  await save(page.request, lastId, allZero);
  const id = await createReport(page, YEAR);

  // One version only: no 「第 1 版 与 第 1 版」.
  await page.goto(`/reports/${id}/compare`);
  await expect(page.locator('.alert')).toContainText('这份报告只有第 1 版（');
  await expect(page.locator('.alert')).toContainText('紫薇大道街道填报员');
  await expect(page.getByTestId('compare-summary')).toHaveCount(0);

  // A new, mostly blank report against last year's zeros: one real difference, the rest one line.
  await save(page.request, id, (c) => (c.tables.table3.newReceived.natural = 5));
  await page.goto(`/reports/${id}/compare?with=last-year`);
  await expect(page.getByTestId('compare-summary')).toContainText(new RegExp(`^${YEAR - 1} 年度 → ${YEAR} 年度：.*表三 1 个单元格.*有改动；另有 \\d+ 个单元格只是空白与 0 之别$`));
  const real = page.getByTestId('cell-changes').locator('tbody tr');
  await expect(real).toHaveCount(1);
  await expect(real.first()).toHaveAttribute('data-cell', 'table3.newReceived.natural');
  await expect(real.first()).toContainText('+5');
  const blanks = page.getByTestId('blank-zero');
  await expect(blanks.locator('summary')).toHaveText(/^另有 \d+ 个单元格只是空白与 0 之别（2070 年度填 0，2071 年度未填写）$/);
  const n = Number(/另有 (\d+) 个/.exec((await blanks.locator('summary').textContent())!)![1]);
  expect(n).toBeGreaterThan(150);
  await expect(page.getByTestId('blank-zero-cells')).toBeHidden();
  await blanks.locator('summary').click();
  await expect(page.getByTestId('blank-zero-cells').locator('tbody tr')).toHaveCount(n);
  await page.screenshot({ path: 'test-results/compare-1400.png', fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/compare-390.png', fullPage: false });
  await page.setViewportSize({ width: 1400, height: 900 });

  // Between versions: named with time and author. Versions 2 and 3 are one burst of autosaves,
  // so 2 is not kept: the current version is compared with the kept one before it, the first.
  await save(page.request, id, (c) => (c.tables.table3.newReceived.natural = 7));
  await page.goto(`/reports/${id}/compare`);
  const summary = page.getByTestId('compare-summary');
  await expect(summary).toContainText(/第 1 版（\d{4}年\d+月\d+日 \d{2}:\d{2} · 紫薇大道街道填报员） → 第 3 版（/);
  await expect(summary).toContainText('表三 1 个单元格有改动');
  await expect(page.getByLabel('版本')).toContainText('紫薇大道街道填报员');
});
