import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

/*
 * A city reviewer drills from the city's summary down to one street office, on the province
 * demo (NIANBAO_DEMO=province: 河南省 → 12 cities → districts → 50 units each), which the second
 * web server of playwright.config.ts serves. The older of its two years is all approved.
 */
const PROVINCE_PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
test.use({ baseURL: `http://127.0.0.1:${PROVINCE_PORT}` });
const YEAR = new Date().getFullYear() - 2;

test('安阳市 → 文峰区 → a street office: each level lists the one below with its figures and completion', async ({ page }) => {
  await login(page, 'anyang');
  await page.goto(`/review/summary?year=${YEAR}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`安阳市${YEAR}年度政府信息公开情况汇总`);
  const children = page.getByTestId('summary-children');
  // The city's own departments and its eight districts and counties, each with its subtree's figures.
  const wenfeng = children.locator('tr[data-agency="文峰区"]');
  await expect(wenfeng).toBeVisible();
  await expect(children.locator('tbody tr')).toHaveCount(18);
  await expect(wenfeng.locator('td[data-label="机关数"]')).toHaveText('51');
  // Its 50 units' reports; the district's own report is not added to the units' sum again.
  await expect(wenfeng.locator('td[data-label="计入份数"]')).toHaveText('50');

  await wenfeng.getByRole('link', { name: '文峰区' }).click();
  await expect(page).toHaveURL(/agency=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`文峰区${YEAR}年度政府信息公开情况汇总`);
  await expect(page.getByTestId('summary-path')).toContainText('安阳市');
  const offices = page.getByTestId('summary-children');
  await expect(offices.locator('tbody tr')).toHaveCount(50);
  const office = offices.locator('tbody tr', { hasText: '街道办事处' }).first();
  const name = (await office.locator('td[data-label="下级机关"]').innerText()).trim();
  await office.getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]+/);
  await expect(page.getByText(name).first()).toBeVisible();
});

test('a city reviewer cannot open a summary outside the city', async ({ page }) => {
  await login(page, 'anyang');
  await page.goto(`/review/summary?year=${YEAR}`);
  // 河南省 is above the city: as if there were no such page.
  const res = await page.goto(`/review/summary?year=${YEAR}&agency=00000000-0000-4000-8000-000000000000`);
  expect(res?.status()).toBe(404);
});

test('辖区报告 as the province: one page of 50 of 5 000 units, found by pinyin initials, by city, page by page — readable at 390', async ({ page }) => {
  await login(page, 'henan');
  const res = await page.goto(`/review?year=${YEAR}`);
  const html = (await res!.body()).length;
  // One page, not 5 000 rows (the flat list was 3.4 MB).
  expect(html).toBeLessThan(200_000);
  const table = page.getByTestId('district-table');
  await expect(table.locator('tbody tr[data-agency]')).toHaveCount(50);
  await expect(page.getByTestId('list-matched')).toContainText(/共 \d{4} 个机关，第 1 \/ \d+ 页/);

  await page.getByLabel('搜索机关').fill('wfqzwdd');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(table.locator('tbody tr[data-agency]')).toHaveCount(1);
  await expect(table.locator('tbody tr[data-agency]')).toHaveAttribute('data-agency', '文峰区紫薇大道街道办事处');

  await page.getByLabel('搜索机关').fill('');
  const anyang = await page.locator('#list-under option', { hasText: /^安阳市（/ }).getAttribute('value');
  await page.getByLabel('下级').selectOption(anyang!);
  await page.getByLabel('排序').selectOption('name');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.getByTestId('list-matched')).toContainText('符合条件');
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId('list-matched')).toContainText('第 2 /');
  const names = await table.locator('tbody tr[data-agency]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency')!));
  expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));

  // On a phone each unit is a card: the name on its own line, wide enough to read; actions reachable.
  await page.setViewportSize({ width: 390, height: 844 });
  const first = table.locator('tbody tr[data-agency] td.agency').first();
  expect((await first.boundingBox())!.width).toBeGreaterThan(250);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

/** Chart texts (axis labels, values, legends) that stick out of their picture: none should. */
async function textsOutsideCharts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('.insight-svg svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue; // the variant drawn for the other width
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(t.textContent ?? '');
      }
    }
    return out;
  });
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`河南省 → 安阳市 → 文峰区 → a street office at ${viewport.width}: the review list, the summary and 辖区分析 level by level`, async ({ page }, info) => {
    test.slow();
    await page.setViewportSize(viewport);
    const shot = (name: string) => page.screenshot({ path: info.outputPath(`${viewport.width}-${name}.png`), fullPage: true });
    const noSideways = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await login(page, 'henan');

    // 辖区报告, narrowed to one city.
    await page.goto(`/review?year=${YEAR}`);
    const anyang = await page.locator('#list-under option', { hasText: /^安阳市（/ }).getAttribute('value');
    await page.getByLabel('下级').selectOption(anyang!);
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page.getByTestId('district-table').locator('tbody tr[data-agency]').first()).toBeVisible();
    await noSideways();
    await shot('review-list-anyang');

    // 辖区汇总: the province → 安阳市 → 文峰区 → a street office's report.
    await page.goto(`/review/summary?year=${YEAR}`);
    await page.getByTestId('summary-children').getByRole('link', { name: '安阳市', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`安阳市${YEAR}年度政府信息公开情况汇总`);
    await noSideways();
    await shot('summary-anyang');
    await page.getByTestId('summary-children').getByRole('link', { name: '文峰区', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`文峰区${YEAR}年度政府信息公开情况汇总`);
    await noSideways();

    // 辖区分析: the province's cities, each added up, one click down at a time.
    await page.getByRole('link', { name: '辖区分析' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`文峰区${YEAR}年度政府信息公开分析`);
    await expect(page.getByTestId('insight-path')).toHaveText(/河南省 › 安阳市 › 文峰区/);
    await page.getByTestId('insight-path').getByRole('link', { name: '河南省' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`河南省${YEAR}年度政府信息公开分析`);
    const cities = page.getByTestId('insight-branches');
    await expect(cities.locator('tbody tr')).toHaveCount(12);
    expect(await textsOutsideCharts(page)).toEqual([]);
    await noSideways();
    await shot('insight-henan');

    await cities.getByRole('link', { name: '安阳市', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`安阳市${YEAR}年度政府信息公开分析`);
    const districts = page.getByTestId('insight-branches');
    await expect(districts.locator('tr[data-agency="文峰区"]')).toBeVisible();
    expect(await textsOutsideCharts(page)).toEqual([]);
    await noSideways();
    await shot('insight-anyang');

    await districts.getByRole('link', { name: '文峰区', exact: true }).click();
    await expect(page.getByTestId('insight-path')).toHaveText(/河南省 › 安阳市 › 文峰区/);
    // A district drilled down to lists its units, each a link to its report.
    const units = page.getByTestId('insight-branches');
    await expect(units.locator('tbody tr')).toHaveCount(50);
    expect(await textsOutsideCharts(page)).toEqual([]);
    await noSideways();
    await shot('insight-wenfeng');
    const office = units.locator('tbody tr', { hasText: '街道办事处' }).first();
    const name = (await office.getAttribute('data-agency'))!;
    await office.getByRole('link', { name }).click();
    await expect(page).toHaveURL(/\/reports\/[0-9a-f-]+/);
    await expect(page.getByText(name).first()).toBeVisible();
  });
}
