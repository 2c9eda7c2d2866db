import { expect, test } from '@playwright/test';
import { createReport, login, openStep, waitSaved } from './helpers';

const TITLE = '文峰区紫薇大道街道办事处2021年政府信息公开工作年度报告';

test('the live preview follows the form, and PDF and Word download with the printed title as file name', async ({ page }) => {
  await login(page, 'ziwei');
  const id = await createReport(page, 2021);
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.locator('h1')).toHaveText(TITLE.replace(/\s/g, ''), { useInnerText: false });
  for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
    await expect(preview.getByRole('heading', { name: h })).toBeVisible();
  }
  await expect(preview.locator('table[data-table="table3"]')).toContainText('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  await expect(preview).toHaveAttribute('data-draft', 'true');
  await expect(page.getByTestId('font-note')).toContainText('排版字体');

  // Typing shows up in the preview, numbered as it will print.
  await openStep(page, /一、总体情况/);
  await page.getByLabel('（二）依申请公开').fill('本年度未收到政府信息公开申请。');
  await expect(preview.getByRole('heading', { name: '（一）依申请公开' })).toBeVisible();
  await expect(preview).toContainText('本年度未收到政府信息公开申请。');
  await waitSaved(page);

  const pdf = await page.request.get(`/api/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${TITLE}.pdf`)}`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The button saves first, then downloads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Word' }).click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
  const docx = await page.request.get(`/api/reports/${id}/docx`);
  expect(docx.headers()['content-type']).toContain('wordprocessingml');
  expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
});

test("another agency's PDF and Word files are not found", async ({ browser }) => {
  const a = await browser.newContext();
  const pa = await a.newPage();
  await login(pa, 'dongdajie');
  const id = await createReport(pa, 2021);
  await a.close();
  const b = await browser.newContext();
  const pb = await b.newPage();
  await login(pb, 'ziwei');
  for (const kind of ['pdf', 'docx']) {
    const res = await pb.request.get(`/api/reports/${id}/${kind}`);
    expect(res.status()).toBe(404);
    expect(await res.text()).not.toContain('东大街');
  }
  await b.close();
  const anon = await browser.newContext();
  expect((await anon.request.get(`http://127.0.0.1:${process.env.E2E_PORT ?? 3210}/api/reports/${id}/pdf`)).status()).toBe(401);
  await anon.close();
});
