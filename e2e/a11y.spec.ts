import { expect, test, type Page } from '@playwright/test';
import { approve, createReport, fillAndSubmit, login, seriousViolations } from './helpers';

const YEAR = 2043;

/**
 * axe-core (WCAG 2.1 A and AA) over every page of the app: no serious or critical violation.
 * Each page is scanned as a user first sees it, and again in the states that add content
 * (every editor step, the preview, the check panel with findings).
 */
async function scan(page: Page, where: string, found: string[]) {
  await page.waitForLoadState('networkidle');
  for (const v of await seriousViolations(page)) found.push(`${where}: ${v}`);
}

test('every page passes axe (WCAG 2.1 A/AA) without serious or critical violations', async ({ browser }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  const anon = await (await browser.newContext()).newPage();
  await anon.goto('/login');
  await scan(anon, 'login', found);

  const filer = await (await browser.newContext()).newPage();
  await login(filer, 'ziwei');
  await scan(filer, 'report list', found);
  await filer.goto('/reports/import');
  await scan(filer, 'import', found);

  // The editor, every step, with findings in the check panel (a draft with blanks has many).
  const id = await createReport(filer, YEAR);
  await scan(filer, 'editor', found);
  const steps = filer.getByRole('navigation', { name: '报告各部分' }).getByRole('button');
  const count = await steps.count();
  expect(count).toBeGreaterThanOrEqual(7);
  for (let i = 0; i < count; i++) {
    await steps.nth(i).click();
    await scan(filer, `editor step ${(await steps.nth(i).innerText()).split('\n')[0]}`, found);
  }
  await filer.getByRole('button', { name: '预览', exact: true }).click();
  await scan(filer, 'editor with preview', found);
  await filer.goto(`/reports/${id}/compare`);
  await scan(filer, 'compare', found);

  // Review: the district list, a submitted report as the reviewer sees it, the summary, the insight, links.
  const version = await fillAndSubmit(filer.request, id, '0');
  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'wenfeng');
  await reviewer.goto(`/review?year=${YEAR}`);
  await scan(reviewer, 'district reports', found);
  await reviewer.goto(`/reports/${id}`);
  await scan(reviewer, 'review of a report', found);
  await reviewer.goto(`/review/summary?year=${YEAR}`);
  await scan(reviewer, 'summary', found);
  await reviewer.goto(`/review/insight?year=${YEAR}&include=submitted&ev=disclosureRate`);
  await scan(reviewer, 'insight', found);
  await reviewer.goto(`/review/links/${id}`);
  await scan(reviewer, 'preview links', found);
  const link = await (await reviewer.request.post(`/api/reports/${id}/preview-links`, { data: { days: 3 } })).json();
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(link.path);
  await scan(reader, 'preview link', found);
  await approve(reviewer, id, version);
  await filer.goto(`/reports/${id}`);
  await scan(filer, 'approved report', found);

  const admin = await (await browser.newContext()).newPage();
  await login(admin, 'admin');
  await admin.goto('/admin');
  await scan(admin, 'admin', found);

  expect(found).toEqual([]);
});

test('the number grids: each cell input is named by its row and column labels; arrows move', async ({ page }) => {
  await login(page, 'dongdajie');
  await createReport(page, YEAR);
  await page.getByRole('navigation', { name: '报告各部分' }).getByRole('button', { name: /三、/ }).click();
  const cell = page.getByRole('textbox', { name: '三、本年度办理结果 （三）不予公开 1.属于国家秘密 · 自然人' });
  await expect(cell).toHaveCount(1);
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('textbox', { name: '三、本年度办理结果 （三）不予公开 1.属于国家秘密 · 法人或其他组织 商业企业' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('textbox', { name: '三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开 · 法人或其他组织 商业企业' })).toBeFocused();
});
