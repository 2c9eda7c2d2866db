import { expect, test } from '@playwright/test';
import { createReport, login } from './helpers';

const OFFICE = '文峰区光明路街道办事处';
const PASSWORD = 'guangming-2026';

test('admin creates a street office and a filer; the filer works; deactivation ends the filer’s session', async ({ browser }) => {
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await login(admin, 'admin');
  await admin.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '管理' }).click();
  await admin.waitForURL('**/admin');

  // A new street office under 文峰区 (the only district in scope, so the default parent).
  const agencyForm = admin.locator('form[aria-labelledby="new-agency"]');
  const accountForm = admin.locator('form[aria-labelledby="new-account"]');
  await agencyForm.getByLabel('机关名称').fill(OFFICE);
  await expect(agencyForm.getByLabel('上级机关').locator('option:checked')).toHaveText('文峰区');
  await admin.getByRole('button', { name: '创建机关' }).click();
  await expect(agencyForm.getByRole('status')).toHaveText('机关已创建');
  await expect(admin.getByTestId('agency-tree').locator(`li[data-agency="${OFFICE}"]`)).toContainText('0 个账号');
  // The same name again is refused, in Chinese.
  await agencyForm.getByLabel('机关名称').fill(OFFICE);
  await admin.getByRole('button', { name: '创建机关' }).click();
  await expect(agencyForm.getByRole('alert')).toHaveText(`机关名称「${OFFICE}」已存在`);

  // A filer account for it; a short password is refused first.
  const office = await admin.locator('#account-agency option', { hasText: OFFICE }).getAttribute('value');
  await accountForm.getByLabel('用户名').fill('GuangMing');
  await accountForm.getByLabel('显示名称').fill('光明路街道填报员');
  await accountForm.getByLabel('角色').selectOption('filer');
  await accountForm.getByLabel('所属机关').selectOption(office!);
  await accountForm.getByLabel('初始密码').fill('short');
  // The browser's own minLength check would stop the form: bypass it to see the server's answer.
  await accountForm.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
  await admin.getByRole('button', { name: '创建账号' }).click();
  await expect(accountForm.getByRole('alert')).toHaveText('密码至少 8 位');
  await expect(accountForm.getByRole('alert')).toBeFocused();
  // What was typed is still there (not the password).
  await expect(accountForm.getByLabel('用户名')).toHaveValue('GuangMing');
  await expect(accountForm.getByLabel('所属机关')).toHaveValue(office!);
  await accountForm.getByLabel('初始密码').fill(PASSWORD);
  await admin.getByRole('button', { name: '创建账号' }).click();
  await expect(accountForm.getByRole('status')).toHaveText('账号已创建');
  const row = admin.getByTestId('accounts').locator('tr[data-username="guangming"]');
  await expect(row.locator('td').nth(1)).toHaveText('光明路街道填报员');
  await expect(row.locator('td').nth(3)).toHaveText(OFFICE);
  await expect(row).toHaveAttribute('data-active', 'true');

  // The new filer signs in (any case) and creates the office's report.
  const filerCtx = await browser.newContext();
  const filer = await filerCtx.newPage();
  await login(filer, 'guangming', PASSWORD);
  const id = await createReport(filer, 2025);
  await expect(filer.getByRole('heading', { level: 1 })).toContainText(OFFICE);
  expect((await filer.request.get(`/api/reports/${id}`)).status()).toBe(200);

  // The admin deactivates the account: the filer's open session stops working at once.
  // 「停用」 asks first, naming the account; 取消 leaves it active.
  await row.getByRole('button', { name: '停用账号 guangming' }).click();
  const ask = admin.getByRole('dialog');
  await expect(ask).toContainText('停用账号「guangming」');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(ask).toHaveCount(0);
  await expect(row).toHaveAttribute('data-active', 'true');
  expect((await filer.request.get(`/api/reports/${id}`)).status()).toBe(200);
  await row.getByRole('button', { name: '停用账号 guangming' }).click();
  await ask.getByRole('button', { name: '停用', exact: true }).click();
  await expect(row).toHaveAttribute('data-active', 'false');
  await expect(row).toContainText('已停用');
  expect((await filer.request.get(`/api/reports/${id}`)).status()).toBe(401);
  await filer.goto('/reports');
  await filer.waitForURL('**/login');
  await filer.getByLabel('用户名').fill('guangming');
  await filer.getByLabel('密码').fill(PASSWORD);
  await filer.getByRole('button', { name: '登录' }).click();
  await expect(filer.locator('#login-error')).toHaveText('此账号已停用，请联系管理员');

  // The admin cannot deactivate themselves: there is no button for it.
  await expect(admin.getByTestId('accounts').locator('tr[data-username="admin"]').getByRole('button', { name: /停用/ })).toHaveCount(0);
  await adminCtx.close();
  await filerCtx.close();
});

test('the admin page is not there for a reviewer', async ({ page }) => {
  await login(page, 'wenfeng');
  await expect(page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '管理' })).toHaveCount(0);
  const res = await page.goto('/admin');
  expect(res?.status()).toBe(404);
});
