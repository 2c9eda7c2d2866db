/**
 * The printed agency name is the registered one (issue 10, item 4): a filer who types another
 * office's name sees the difference in 基本信息, and the title, the PDF and its file name keep
 * the registered name.
 */
import { expect, test } from '@playwright/test';
import { createReport, login } from './helpers';

const YEAR = 2033;
const REGISTERED = '文峰区紫薇大道街道办事处';
const OTHER = '文峰区东大街街道办事处';

test('a typed agency name is shown as a difference and never printed', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'ziwei');
  const id = await createReport(page, YEAR);
  const now = await (await page.request.get(`/api/reports/${id}`)).json();
  const content = { ...now.content, meta: { ...now.content.meta, agencyName: OTHER } };
  expect((await page.request.put(`/api/reports/${id}`, { data: { baseVersion: now.version, content } })).status()).toBe(200);

  await page.goto(`/reports/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${REGISTERED}${YEAR}年政府信息公开工作年度报告`);
  await expect(page.getByLabel('机关全称')).toHaveValue(REGISTERED);
  await expect(page.getByLabel('机关全称')).toHaveAttribute('readonly', '');
  const notice = page.getByTestId('agency-name-differs');
  await expect(notice).toContainText(OTHER);
  await expect(notice).toContainText(REGISTERED);
  await page.screenshot({ path: 'test-results/agency-name-notice.png', fullPage: false });

  const pdf = await page.request.get(`/api/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(decodeURIComponent(pdf.headers()['content-disposition'])).toContain(`${REGISTERED}${YEAR}年政府信息公开工作年度报告.pdf`);
  const exported = await page.request.get(`/api/reports/${id}/export`);
  expect(decodeURIComponent(exported.headers()['content-disposition'])).toContain(REGISTERED);

  // 「改为登记的名称」 makes the stored name the registered one; the notice goes.
  await notice.getByRole('button', { name: '改为登记的名称' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveText(/已保存/, { timeout: 15_000 });
  expect((await (await page.request.get(`/api/reports/${id}`)).json()).content.meta.agencyName).toBe(REGISTERED);
});
