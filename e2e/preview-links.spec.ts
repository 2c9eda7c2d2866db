import { expect, test } from '@playwright/test';
import { readPdf, WATERMARK_TEXT } from '../test/support/pdf-text';
import { createReport, editContent, login } from './helpers';

const MARK = '本年度未收取信息处理费（预览链接测试）。';

test('a reviewer shares a read-only link; an anonymous browser reads it and its PDF; revoked → 404', async ({ browser }) => {
  // The filer writes something recognisable into the report.
  const filerCtx = await browser.newContext();
  const filer = await filerCtx.newPage();
  await login(filer, 'dongdajie');
  const id = await createReport(filer, 2030);
  await editContent(filer, id, (c) => (c.text.otherMatters.processingFee = MARK));
  // A filer has no say over links.
  expect((await filer.request.post(`/api/reports/${id}/preview-links`, { data: { days: 7 } })).status()).toBe(403);
  await filerCtx.close();

  // The district's reviewer creates a three-day link.
  const reviewerCtx = await browser.newContext();
  const reviewer = await reviewerCtx.newPage();
  await login(reviewer, 'wenfeng');
  await reviewer.goto(`/review/links/${id}`);
  const panel = reviewer.getByTestId('preview-links');
  await expect(panel.getByText('还没有预览链接。')).toBeVisible();
  await panel.getByLabel('有效期（天）').fill('3');
  await panel.getByRole('button', { name: '创建预览链接' }).click();
  const url = await panel.getByTestId('preview-link-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{43}$/);
  await expect(panel.locator('tbody tr[data-state="active"]')).toHaveCount(1);
  // Out of range is refused with a message.
  await panel.getByLabel('有效期（天）').evaluate((el) => ((el as HTMLInputElement).form!.noValidate = true));
  await panel.getByLabel('有效期（天）').fill('31');
  await panel.getByRole('button', { name: '创建预览链接' }).click();
  await expect(panel.getByRole('alert')).toHaveText('有效期不能超过 30 天');

  // Someone without an account opens it: the printed document, marked 草稿, nothing to edit.
  const anonCtx = await browser.newContext();
  const anon = await anonCtx.newPage();
  const res = await anon.goto(url);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['referrer-policy']).toBe('no-referrer');
  expect(res?.headers()['x-robots-tag']).toContain('noindex');
  await expect(anon.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const preview = anon.getByTestId('preview');
  await expect(preview).toContainText('文峰区东大街街道办事处2030年政府信息公开工作年度报告');
  await expect(preview).toContainText(MARK);
  await expect(preview).toHaveAttribute('data-draft', 'true');
  await expect(anon.getByRole('textbox')).toHaveCount(0);
  // …and downloads the PDF, with the 草稿 watermark.
  const pdf = await anon.request.get(`${url}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['referrer-policy']).toBe('no-referrer');
  expect(pdf.headers()['x-robots-tag']).toContain('noindex');
  const text = (await readPdf(await pdf.body())).pages.flatMap((p) => p.items.map((i) => i.str)).join('');
  expect(text).toContain(WATERMARK_TEXT);
  expect(text.replace(/\s/g, '')).toContain('本年度未收取信息处理费');
  // The link opens this report only, not the app.
  expect((await anon.request.get(`/api/reports/${id}`)).status()).toBe(401);

  // Revoked: the same 404 as a token that never existed.
  reviewer.once('dialog', (d) => void d.accept());
  await panel.locator('tbody tr[data-state="active"]').getByRole('button', { name: /撤销/ }).click();
  await expect(panel.locator('tbody tr[data-state="revoked"]')).toHaveCount(1);
  const revoked = await anon.goto(url);
  expect(revoked?.status()).toBe(404);
  expect(revoked?.headers()['referrer-policy']).toBe('no-referrer');
  const revokedText = await anon.locator('main').innerText();
  await expect(anon.getByTestId('preview')).toHaveCount(0);
  const unknown = await anon.goto(`/p/${'A'.repeat(43)}`);
  expect(unknown?.status()).toBe(404);
  expect(await anon.locator('main').innerText()).toBe(revokedText);
  expect((await anon.request.get(`${url}/pdf`)).status()).toBe(404);
  expect(await (await anon.request.get(`${url}/pdf`)).text()).toBe(await (await anon.request.get(`/p/${'A'.repeat(43)}/pdf`)).text());
  await anonCtx.close();
  await reviewerCtx.close();
});
