import { expect, test } from '@playwright/test';
import { createReport, login, openStep, t3Cell, waitSaved } from './helpers';

const APPLICANTS = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg'];

test('a filer fills 表三, sees a broken column flagged, fixes it, and finds it saved after reload', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2024);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('文峰区紫薇大道街道办事处2024年政府信息公开工作年度报告');

  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  // Paste a block of zeros copied from Excel (25 rows × 7 columns, CRLF, trailing newline).
  const block = Array.from({ length: 25 }, () => Array(7).fill('0').join('\t')).join('\r\n') + '\r\n';
  await t3Cell(page, 'newReceived', 'natural').focus();
  await page.evaluate((text) => {
    const el = document.activeElement!;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expect(t3Cell(page, 'carriedForward', 'otherOrg')).toHaveValue('0');
  await expect(t3Cell(page, 'resultsTotal', 'total')).toHaveValue('0');

  // 自然人: 3 new applications, 2 granted, nothing carried forward → 3 + 0 ≠ 2 + 0.
  await t3Cell(page, 'newReceived', 'natural').fill('3');
  await t3Cell(page, 'granted', 'natural').fill('2');
  const r1 = page.locator('[data-testid="findings"] li[data-rule="R1"]');
  await expect(r1).toHaveCount(1);
  await expect(r1).toContainText('自然人');
  await expect(r1).toContainText('相差 1');
  // Exactly that column is flagged on the cells.
  const flagged = page.locator('table.grid td.flagged input');
  const ids = await flagged.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.every((id) => id!.endsWith('.natural'))).toBe(true);
  expect(ids).toContain('table3.newReceived.natural');
  expect(ids).toContain('table3.carriedForward.natural');
  // Totals are computed and read-only.
  await expect(t3Cell(page, 'newReceived', 'total')).toHaveValue('3');
  await expect(t3Cell(page, 'newReceived', 'total')).toHaveAttribute('readonly', '');

  // Clicking the finding focuses its first cell.
  await r1.getByRole('button').click();
  await expect(t3Cell(page, 'newReceived', 'natural')).toBeFocused();

  // Fix: one application carried forward to next year.
  await t3Cell(page, 'carriedForward', 'natural').fill('1');
  await expect(r1).toHaveCount(0);
  await expect(page.locator('table.grid td.flagged')).toHaveCount(0);
  await waitSaved(page);

  await page.reload();
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(t3Cell(page, 'newReceived', 'natural')).toHaveValue('3');
  await expect(t3Cell(page, 'granted', 'natural')).toHaveValue('2');
  await expect(t3Cell(page, 'carriedForward', 'natural')).toHaveValue('1');
  await expect(t3Cell(page, 'resultsTotal', 'total')).toHaveValue('2');
  for (const col of APPLICANTS.slice(1)) await expect(t3Cell(page, 'granted', col)).toHaveValue('0');
  await expect(page.locator('[data-testid="findings"] li[data-rule="R1"]')).toHaveCount(0);
});

test('the grid moves by keyboard, refuses bad input in place and keeps blanks blank', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2023);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  const first = t3Cell(page, 'newReceived', 'natural');
  await first.focus();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(t3Cell(page, 'carriedOver', 'natural')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(t3Cell(page, 'carriedOver', 'business')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(t3Cell(page, 'carriedOver', 'research')).toBeFocused();
  // A negative number and a word are refused: shown as typed with the reason, never stored; Esc clears them.
  await page.keyboard.type('-');
  await expect(t3Cell(page, 'carriedOver', 'research')).toHaveValue('-');
  await expect(page.locator('.cell-message')).toContainText('不能填负数');
  await page.keyboard.press('Escape');
  await expect(t3Cell(page, 'carriedOver', 'research')).toHaveValue('');
  await page.keyboard.type('abc');
  await expect(page.locator('.cell-message')).toContainText('整数');
  await page.keyboard.press('Escape');
  await expect(t3Cell(page, 'carriedOver', 'research')).toHaveValue('');
  await page.keyboard.type('４'); // full-width digit from a Chinese IME
  await expect(t3Cell(page, 'carriedOver', 'research')).toHaveValue('4');
  await waitSaved(page);
  await page.reload();
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(first).toHaveValue('7');
  await expect(t3Cell(page, 'carriedOver', 'research')).toHaveValue('4');
  // Untouched cells are still blank, not 0, and counted as missing.
  await expect(t3Cell(page, 'carriedOver', 'natural')).toHaveValue('');
  await expect(page.locator('[data-testid="findings"] li[data-rule="R6"]').first()).toContainText('未填写');
});

test('a stale second tab cannot overwrite the first tab, and keeps its own input', async ({ page, context }) => {
  await login(page, 'ziwei');
  const id = await createReport(page, 2022);
  const second = await context.newPage();
  await second.goto(`/reports/${id}`);

  await openStep(page, /一、总体情况/);
  await page.getByLabel('（一）主动公开').fill('第一个标签页写的内容');
  await waitSaved(page);

  await openStep(second, /一、总体情况/);
  await second.getByLabel('（一）主动公开').fill('第二个标签页写的内容');
  await expect(second.getByRole('alert').filter({ hasText: '本页的修改没有保存' })).toBeVisible();
  await expect(second.getByTestId('save-status')).toHaveText(/未保存/);
  // The second tab's input is still there…
  await expect(second.getByLabel('（一）主动公开')).toHaveValue('第二个标签页写的内容');
  // …and the server still holds the first tab's text.
  await page.reload();
  await openStep(page, /一、总体情况/);
  await expect(page.getByLabel('（一）主动公开')).toHaveValue('第一个标签页写的内容');
});

test("a filer cannot reach another agency's report", async ({ browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await login(otherPage, 'dongdajie');
  const id = await createReport(otherPage, 2028);
  await other.close();

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, 'ziwei');
  const res = await page.goto(`/reports/${id}`);
  expect(res?.status()).toBe(404);
  await expect(page.locator('body')).not.toContainText('东大街');
  const api = await page.request.get(`/api/reports/${id}`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain('东大街');
  const put = await page.request.put(`/api/reports/${id}`, { data: { baseVersion: 1, content: {} } });
  expect(put.status()).toBe(404);
  const exp = await page.request.get(`/api/reports/${id}/export`);
  expect(exp.status()).toBe(404);
  expect(await exp.text()).not.toContain('东大街');
  await ctx.close();
});

test('wrong passwords are refused in Chinese and the login is rate limited', async ({ page }) => {
  await page.goto('/login');
  const submit = async (password: string) => {
    // A user name no other test signs in with: the lockout lasts 15 minutes.
    await page.getByLabel('用户名').fill('lockout-probe');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // Wait for the answer: the form resets when the action finishes, and typing into it
    // before then would be wiped.
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeEnabled();
    await expect(page.getByLabel('密码')).toHaveValue('');
  };
  for (let i = 0; i < 5; i++) {
    await submit('wrong-password');
    await expect(page.locator('#login-error')).toContainText('用户名或密码错误');
  }
  // Now refused before the password is even looked at (the right password is refused too:
  // see the integration tests).
  await submit('wrong-password');
  await expect(page.locator('#login-error')).toContainText('次数过多');
  await expect(page).toHaveURL(/\/login$/);
});

test('a block pasted from the focused cell fills that cell too, and says so as a confirmation', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2040);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  // 25 rows × 7 columns as Excel or WPS copies them: 1, 2, 3 … row by row.
  const block = Array.from({ length: 25 }, (_, r) => Array.from({ length: 7 }, (_, c) => String(r * 7 + c + 1)).join('\t')).join('\r\n') + '\r\n';
  const anchor = t3Cell(page, 'newReceived', 'natural');
  await anchor.focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expect(anchor).toHaveValue('1');
  await expect(t3Cell(page, 'newReceived', 'business')).toHaveValue('2');
  const confirmation = page.locator('.cell-message');
  await expect(confirmation).toContainText('已粘贴');
  await expect(confirmation).toHaveAttribute('role', 'status');
  await expect(confirmation).toHaveClass(/\binfo\b/);
  // Leaving the cell keeps the pasted value (it used to write the stale blank back).
  await page.keyboard.press('Tab');
  await expect(anchor).toHaveValue('1');
  await expect(page.locator('[data-testid="findings"] li').filter({ hasText: '表三有' })).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(anchor).toHaveValue('1');
});

test('a refused value is shown as typed and never stored; leaving the cell puts the previous value back', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2041);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  const cell = t3Cell(page, 'newReceived', 'business');
  await cell.fill('5');
  await page.keyboard.press('Tab');
  await cell.focus();
  // 「-3」: the reason is shown at once…
  await page.keyboard.type('-3');
  await expect(cell).toHaveValue('-3');
  await expect(page.locator('.cell-message')).toContainText('不能填负数');
  await expect(page.locator('.cell-message')).toHaveAttribute('role', 'alert');
  // …and leaving puts 5 back (it used to store 3).
  await page.keyboard.press('Tab');
  await expect(cell).toHaveValue('5');
  await expect(page.locator('.cell-message')).toContainText('未保存，仍为 5');
  await waitSaved(page);
  await page.reload();
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(cell).toHaveValue('5');
});

test('PDF and Word buttons show their work, keep the page usable, and say plainly when it failed', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2042);
  const pdfButton = page.getByTestId('file-pdf');
  // A slow render: the button is busy meanwhile, the page still answers.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/reports/*/pdf', async (route) => {
    await held;
    await route.continue();
  });
  await pdfButton.click();
  await expect(pdfButton).toHaveAttribute('aria-busy', 'true');
  await expect(pdfButton).toContainText('正在生成 PDF…');
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await expect(page.getByRole('region', { name: '预览', exact: true })).toBeVisible();
  const download = page.waitForEvent('download');
  release();
  expect((await download).suggestedFilename()).toBe('文峰区紫薇大道街道办事处2042年政府信息公开工作年度报告.pdf');
  await expect(pdfButton).toHaveAttribute('aria-busy', 'false');
  await expect(pdfButton).toHaveText('下载 PDF');
  await page.unroute('**/api/reports/*/pdf');

  // 查看 PDF opens a tab at once and fills it with the PDF when it is ready.
  const popup = page.waitForEvent('popup');
  await page.getByTestId('file-view').click();
  const tab = await popup;
  await expect.poll(() => tab.url(), { timeout: 30_000 }).toMatch(/^blob:/);
  await tab.close();

  // A failure is said in Chinese, with a retry that works.
  await page.route('**/api/reports/*/docx', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { message: '服务器正忙，请稍后重试' } }) }),
  );
  await page.getByTestId('file-docx').click();
  const failure = page.getByTestId('file-error');
  await expect(failure).toContainText('Word 文件生成失败：服务器正忙，请稍后重试。');
  await expect(page.getByTestId('file-docx')).toHaveAttribute('aria-busy', 'false');
  await page.unroute('**/api/reports/*/docx');
  const retried = page.waitForEvent('download');
  await failure.getByRole('button', { name: '重试' }).click();
  expect((await retried).suggestedFilename()).toMatch(/\.docx$/);
  await expect(failure).toHaveCount(0);
});
