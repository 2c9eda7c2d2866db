import { expect, test } from '@playwright/test';
import { createReport, editContent, login, openStep } from './helpers';

/** Issue 24, point 8: small defects seen on the way, each checked on screen. */

test('「以上年度报告为基础」 without last year’s report keeps the year and the tick', async ({ page }) => {
  await login(page, 'ziwei');
  await page.goto('/reports');
  await page.getByLabel('报告年度').fill('2077');
  await page.getByLabel('以上年度报告为基础').check();
  await page.getByRole('button', { name: '新建报告' }).click();
  await expect(page.locator('form [role="alert"]')).toContainText('2076');
  await expect(page.getByLabel('报告年度')).toHaveValue('2077');
  await expect(page.getByLabel('以上年度报告为基础')).toBeChecked();
});

test('「引用」 drops list markers, and the list does not show 「1. - 1.」; 「预览」 is brought into view at 1366 × 768', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ziwei');
  const last = await createReport(page, 2078);
  await editContent(page, last, (c) => {
    c.text.problems.currentProblems = '- 1.沟通不畅，答复不够及时。\n- 2.平台栏目更新慢。';
  });
  await page.goto('/reports');
  await page.getByLabel('报告年度').fill('2079');
  await page.getByLabel('以上年度报告为基础').check();
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await openStep(page, /五、存在的主要问题及改进情况/);
  const items = page.getByTestId('last-year-problems').locator('li span');
  await expect(items.first()).toHaveText('沟通不畅，答复不够及时。');
  await page.getByRole('button', { name: '引用第 1 条' }).click();
  await expect(page.getByLabel('（一）上年度存在问题的改进情况', { exact: true })).toHaveValue('针对上年度“沟通不畅，答复不够及时”的问题，');

  await page.getByRole('button', { name: '预览' }).click();
  const pane = page.locator('.preview-pane');
  await expect(pane).toBeInViewport();
});

test.describe('on the province demo', () => {
  test.use({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1}` });
  test('the province summary lists its cities in pinyin order (安阳市 first, not 三门峡市)', async ({ page }) => {
    await login(page, 'henan');
    await page.goto(`/review/summary?year=${new Date().getFullYear() - 2}`);
    const names = (await page.getByTestId('summary-children').locator('tbody tr td[data-label="下级机关"]').allInnerTexts()).map((n) => n.trim());
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
    expect(names.indexOf('安阳市')).toBeLessThan(names.indexOf('三门峡市'));
  });
});
