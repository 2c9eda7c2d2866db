/**
 * Browsers whose script does not run (issue 22). On Chromium 86–92 the editor used to show its
 * server HTML with 「已保存 14:38」 while not one save was sent. Now: 已保存 only for a version
 * the server acknowledged; a page whose script never starts says editing is unavailable; IE
 * (360's 兼容模式) and Chromium < 86 get a plain page that says to switch. The real old kernels
 * run in e2e-old/ (.ci/old-browsers.sh).
 */
import { expect, test, type Page } from '@playwright/test';
import { createReport, login, openStep } from './helpers';

const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
const CHROME85 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/85.0.4183.121 Safari/537.36';
const CHROME86 = 'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36';

async function editorUnavailable(page: Page) {
  await expect(page.getByTestId('editor-boot')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('编辑器未启动，不能保存');
  await expect(page.getByTestId('save-status')).not.toContainText('已保存');
  // The form is there to read, faded, and takes no clicks.
  const editor = page.locator('.editor');
  expect(await editor.evaluate((e) => getComputedStyle(e).pointerEvents)).toBe('none');
  expect(Number(await editor.evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(1);
}

test('an editor whose script never starts says it cannot edit, never 已保存', async ({ page, browser }) => {
  await login(page, 'ziwei');
  const id = await createReport(page, 2093);

  // Scripts turned off.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const off = await noScript.newPage();
  await off.goto(`/reports/${id}`);
  await editorUnavailable(off);
  // (A browser with scripts turned off also shows the <noscript> line at once — seen in
  // Chromium 92 through puppeteer; Playwright's javaScriptEnabled: false does not parse <noscript>.)
  await expect(off.locator('.boot-failed')).toContainText('编辑器没有启动：本页不能填写');
  await expect(off.locator('.boot-failed')).toBeVisible({ timeout: 10_000 });
  await noScript.close();

  // The script fails to load (an old kernel fails the same way at its first syntax error):
  // 「正在启动」 first, then — by CSS alone — that this browser cannot run the editor.
  const broken = await page.context().newPage();
  await broken.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => route.abort());
  await broken.goto(`/reports/${id}`);
  await editorUnavailable(broken);
  await expect(broken.locator('.boot-wait')).toBeVisible();
  await expect(broken.locator('.boot-failed')).toBeHidden();
  await expect(broken.locator('.boot-failed')).toBeVisible({ timeout: 10_000 });
  await expect(broken.locator('.boot-wait')).toBeHidden();
  await expect(broken.getByTestId('save-status')).not.toContainText('已保存');
  await broken.close();

  // With the script: no notice, and 已保存 names the version the page holds.
  await page.goto(`/reports/${id}`);
  await expect(page.getByTestId('editor-boot')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveText(/^已保存 \d\d:\d\d$/);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-version', '1');
});

test('已保存 only after the server acknowledged the save with a version', async ({ page }) => {
  await login(page, 'ziwei');
  const id = await createReport(page, 2094);
  await openStep(page, /一、总体情况/);
  // A save answered 200 without a version is not an acknowledgement.
  await page.route(`**/api/reports/${id}`, (route) =>
    route.request().method() === 'PUT' ? route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }) : route.continue(),
  );
  await page.getByLabel('（一）主动公开').fill('本年度主动公开政府信息 12 条。');
  const status = page.getByTestId('save-status');
  await expect(status).toContainText('保存失败：服务器没有确认保存');
  await expect(status).toHaveAttribute('data-state', 'error');
  // Back to the real server: the retry is acknowledged as version 2.
  await page.unroute(`**/api/reports/${id}`);
  await page.getByRole('button', { name: '立即重试' }).click();
  await expect(status).toHaveText(/^已保存 \d\d:\d\d$/);
  await expect(status).toHaveAttribute('data-version', '2');
});

test('IE (360 兼容模式) and Chromium < 86 get a plain page that says to switch; 86 gets the app', async ({ browser }) => {
  for (const [ua, heading, says] of [
    [IE11, '请切换到极速模式', '兼容模式'],
    [CHROME85, '浏览器版本过低，请升级或换用新版浏览器', 'Chromium 内核 85'],
  ] as const) {
    const ctx = await browser.newContext({ userAgent: ua, javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const path of ['/login', '/reports', '/review/insight']) {
      const res = await page.goto(path);
      expect(res!.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.locator('#unsupported-browser')).toContainText(says);
      expect(await res!.text()).not.toMatch(/<script/i);
    }
    // The API answers as always (a client that sends this User-Agent from a script, a tool).
    const api = await ctx.request.get('/api/reports/00000000-0000-0000-0000-000000000000', { headers: { 'User-Agent': ua } });
    expect(api.headers()['content-type']).toContain('application/json');
    await ctx.close();
  }
  const ctx = await browser.newContext({ userAgent: CHROME86 });
  const page = await ctx.newPage();
  await page.goto('/login');
  await expect(page.getByLabel('用户名')).toBeVisible();
  await expect(page.locator('meta[name="renderer"]')).toHaveAttribute('content', 'webkit');
  await ctx.close();
});
