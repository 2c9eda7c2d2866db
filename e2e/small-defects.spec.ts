import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { createReport, editContent, fillAndSubmit, login, openStep } from './helpers';

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

  test('/admin lists agencies and accounts in pinyin order (one comparator, lib/collate.ts)', async ({ page }) => {
    await login(page, 'admin');
    await page.goto('/admin');
    // The street offices under 文峰区: depth 1 of the admin's tree.
    const offices = await page.getByTestId('agency-tree').locator('li').evaluateAll((lis) =>
      lis.filter((li) => (li as HTMLElement).style.paddingLeft === '1.5em').map((li) => li.getAttribute('data-agency')!),
    );
    expect(offices.length).toBeGreaterThan(10);
    const pinyin = [...offices].sort(new Intl.Collator('zh-CN').compare);
    expect(offices).toEqual(pinyin);
    // The province's names make the difference: code-point order is another order.
    expect([...offices].sort()).not.toEqual(pinyin);
    // The agency choices of a new account follow the tree; the accounts go by agency in pinyin order.
    const options = (await page.locator('#account-agency option').allInnerTexts()).map((o) => o.trim());
    expect(options.filter((o) => offices.includes(o))).toEqual(offices);
    const agencies = (await page.getByTestId('accounts').locator('td[data-label="所属机关"]').allInnerTexts()).map((a) => a.trim());
    expect(agencies).toEqual([...agencies].sort(new Intl.Collator('zh-CN').compare));
  });
});

/** Whether each match of `selector` draws its text on one line (「正常」, not 「正/常」). */
async function oneLine(page: Page, selector: string): Promise<boolean[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size === 1;
    }),
  );
}

test('the editor toolbar keeps its buttons on one row at 1366 × 768 (「导出 JSON」 not alone below)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ziwei');
  await createReport(page, 2072);
  const head = page.locator('.editor-head');
  await expect(head.getByRole('link', { name: '导出 JSON' })).toBeVisible();
  const tops = await head.locator('.btn').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(5);
  expect(new Set(tops).size, `button rows at ${tops.join(', ')}`).toBe(1);
  // Tab order still runs along that row to 「导出 JSON」.
  await head.getByTestId('file-docx').focus();
  await page.keyboard.press('Tab');
  await expect(head.getByRole('link', { name: '导出 JSON' })).toBeFocused();
});

test('the admin table keeps 「正常」「管理员」 whole; 「停用」 asks first, naming the account, by keyboard too', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'admin');
  await page.goto('/admin');
  const table = page.getByTestId('accounts');
  // Columns by place (角色 3rd, 状态 5th): the same selectors on the page before the fix.
  const states = await oneLine(page, '[data-testid="accounts"] tbody td:nth-child(5) .status');
  const roles = await oneLine(page, '[data-testid="accounts"] tbody td:nth-child(3)');
  expect(states.length).toBeGreaterThan(3);
  expect([...states, ...roles]).not.toContain(false);
  const row = table.locator('tr[data-username="dongdajie"]');
  // Enter on 「停用」 opens the question; Esc cancels and nothing happens.
  await row.getByRole('button', { name: '停用账号 dongdajie' }).focus();
  await page.keyboard.press('Enter');
  const ask = page.getByRole('dialog');
  await expect(ask).toContainText('停用账号「dongdajie」（东大街街道填报员）？');
  await expect(ask).toContainText('文峰区东大街街道办事处');
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await page.waitForTimeout(300);
  await expect(row).toHaveAttribute('data-active', 'true');
  // Enter on the dialog's focused 「停用」 does it; 「启用」 puts it back at once.
  await row.getByRole('button', { name: '停用账号 dongdajie' }).click();
  await expect(ask.getByRole('button', { name: '停用', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-active', 'false');
  await row.getByRole('button', { name: '启用账号 dongdajie' }).click();
  await expect(row).toHaveAttribute('data-active', 'true');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the summary page fits 390 px: no sideways scroll, 「查看」 on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'wenfeng');
  await page.goto('/review/summary');
  const year = page.getByLabel('年度', { exact: true });
  await year.fill(String(new Date().getFullYear() - 1));
  await year.press('Enter');
  await page.waitForURL(/year=/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const view = page.getByRole('button', { name: '查看' });
  const box = (await view.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await oneLine(page, 'main .status')).not.toContain(false);
});

test('a failed save counts down, retries at once when the network is back; an expired session links to the sign-in page', async ({ page, context }) => {
  await login(page, 'ziwei');
  await createReport(page, 2073);
  await openStep(page, /一、总体情况/);
  const box = page.getByRole('textbox').first();
  await box.click();
  const status = page.getByTestId('save-status');
  await context.setOffline(true);
  await page.keyboard.type('本年度');
  // Retries after 2, 4, 8 s: at the third failure the wait is 8 s, and it is seen counting down.
  await expect(status).toContainText('8 秒后第 4 次重试', { timeout: 20_000 });
  await expect(status).toContainText(/[5-7] 秒后第 4 次重试/, { timeout: 3_000 });
  // The browser says the network is back: the save goes now, not when the count ends.
  await context.setOffline(false);
  await expect(status).toHaveText(/已保存/, { timeout: 2_500 });

  // The session ends (signed out elsewhere): the message links to /login in a new tab; signing in
  // there lets this page's save land, with what was typed meanwhile.
  await context.clearCookies();
  await page.keyboard.type('工作');
  await expect(status).toContainText('登录已过期', { timeout: 10_000 });
  const link = status.getByRole('link', { name: '在新标签页重新登录' });
  await expect(link).toHaveAttribute('target', '_blank');
  const [tab] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await tab.waitForURL('**/login');
  await tab.getByLabel('用户名').fill('ziwei');
  await tab.getByLabel('密码').fill('nianbao2026');
  await tab.getByRole('button', { name: '登录' }).click();
  await tab.waitForURL('**/reports');
  await tab.close();
  await expect(status).toHaveText(/已保存/, { timeout: 20_000 });
  const id = page.url().split('/').pop();
  const saved = await (await page.request.get(`/api/reports/${id}`)).json();
  expect(Object.values(saved.content.text.overview).join('')).toContain('本年度工作');
});

test('approval asks for the publication date — today in Beijing by default — and the final files and the package print it', async ({ browser }) => {
  const filerCtx = await browser.newContext();
  const filer = await filerCtx.newPage();
  await login(filer, 'ziwei');
  const id = await createReport(filer, 2074);
  const version = await fillAndSubmit(filer.request, id, '0');
  await filerCtx.close();

  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  // 5 January 2075, 01:30 in Beijing — still the 4th in UTC: the default is Beijing's day.
  await page.clock.setFixedTime(new Date('2075-01-04T17:30:00Z'));
  await login(page, 'wenfeng');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/reports/${id}`);
  // The reviewer's three more buttons move as one group to a row of their own: none alone below.
  const tops = await page.locator('.editor-actions .btn').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(8);
  expect(new Set(tops).size, `button rows at ${tops.join(', ')}`).toBe(1);
  await page.getByRole('button', { name: '审核通过' }).click();
  const dialog = page.getByRole('dialog');
  const date = dialog.getByLabel('发布日期');
  await expect(date).toHaveValue('2075-01-05');
  await expect(date).toHaveAttribute('min', '2075-01-01');
  await dialog.getByRole('button', { name: '审核通过' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-status')).toHaveText('已通过');

  // Stored as the report's 发布日期, in a new version (the reviewed one kept), said in the history.
  const stored = await (await page.request.get(`/api/reports/${id}`)).json();
  expect(stored.content.meta.publishDate).toBe('2075-01-05');
  expect(stored.version).toBe(version + 1);
  await page.reload();
  await expect(page.locator('.timeline')).toContainText('发布日期定为2075年1月5日');
  // The publication page prints it under the title; the package's index lists it; its name is not the district's own report's.
  const html = await (await page.request.get(`/api/reports/${id}/html`)).text();
  expect(html).toContain('2075年1月5日');
  const pkg = await page.request.get('/api/review/package?year=2074');
  expect(pkg.status()).toBe(200);
  expect(decodeURIComponent(pkg.headers()['content-disposition'])).toContain('文峰区辖区2074年政府信息公开工作年度报告汇编.zip');
  const files = unzipSync(new Uint8Array(await pkg.body()));
  const index = Buffer.from(files['index.html']).toString();
  expect(index).toContain('<td>2075年1月5日</td>');
  expect(index).not.toContain('未填写');
  expect(Buffer.from(files['README.txt']).toString()).toMatch(/打包时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
  await ctx.close();
});

test('「）。」 keeps half an em in the preview with Noto Serif CJK (the browser’s own trim is off: squeezed once, as in the PDF)', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2088);
  await openStep(page, /一、总体情况/);
  await page.getByRole('textbox').first().click();
  await page.keyboard.type('依申请公开（试行）。其他');
  await page.getByRole('button', { name: '预览' }).click();
  const sheet = page.getByTestId('preview');
  await expect(sheet).toContainText('（试行）。');
  // A desk whose only Chinese serif is Noto Serif CJK (it has the halt/chws features the trim uses).
  await page.addStyleTag({ content: `.doc-sheet, .doc-sheet * { font-family: 'Noto Serif CJK SC' !important; }` });
  const advances = await sheet.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const chars: { ch: string; left: number }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        chars.push({ ch: text[i], left: r.getBoundingClientRect().left });
      }
    }
    const s = chars.map((c) => c.ch).join('');
    const at = s.indexOf('行）。其');
    const size = parseFloat(getComputedStyle(el).fontSize);
    // In em: 行 → ）, ） → 。 (squeezed: half), 。 → 其.
    return [1, 2, 3].map((k) => (chars[at + k].left - chars[at + k - 1].left) / size);
  });
  expect(advances[0]).toBeCloseTo(1, 1);
  expect(advances[1], '「）」 squeezed to half an em, not to nothing').toBeCloseTo(0.5, 1);
  expect(advances[2]).toBeCloseTo(1, 1);
});
