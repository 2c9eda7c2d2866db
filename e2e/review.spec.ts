import { expect, test, type Page } from '@playwright/test';
import { readPdf, WATERMARK_TEXT } from '../test/support/pdf-text';
import { createReport, login, openStep, waitSaved } from './helpers';

/** Every cell 0 and every part written: a report that passes every hard check (saved as autosave does). */
async function fillComplete(page: Page, id: string) {
  const current = await (await page.request.get(`/api/reports/${id}`)).json();
  const content = structuredClone(current.content);
  for (const table of Object.values(content.tables) as Record<string, Record<string, unknown>>[])
    for (const row of Object.values(table)) for (const col of Object.keys(row)) row[col] = col === 'amount' ? '0' : 0;
  for (const section of Object.values(content.text) as Record<string, string>[])
    for (const part of Object.keys(section)) section[part] = '本年度相关工作情况。';
  content.text.otherMatters.processingFee = '本年度未收取信息处理费。';
  const res = await page.request.put(`/api/reports/${id}`, { data: { baseVersion: current.version, content } });
  expect(res.ok()).toBe(true);
}

async function pdfText(page: Page, id: string): Promise<string> {
  const res = await page.request.get(`/api/reports/${id}/pdf`);
  expect(res.status()).toBe(200);
  const pdf = await readPdf(await res.body());
  return pdf.pages.flatMap((p) => p.items.map((i) => i.str)).join('');
}

test('submit, comment, return, fix, resubmit, approve — and the final PDF has no watermark', async ({ browser }) => {
  const filerCtx = await browser.newContext();
  const filer = await filerCtx.newPage();
  await login(filer, 'ziwei');
  const id = await createReport(filer, 2026);

  // A blank report cannot be submitted: the errors are listed.
  await filer.getByRole('button', { name: '提交审核' }).click();
  await expect(filer.getByTestId('transition-error')).toContainText('改正后才能提交审核');
  await expect(filer.getByTestId('transition-error')).toContainText('未填写');

  await fillComplete(filer, id);
  // The page arrives with its fields filled (no empty flash before the form is live).
  const html = await (await filer.request.get(`/reports/${id}`)).text();
  expect(html).toMatch(/id="meta-agencyName"[^>]*value="文峰区紫薇大道街道办事处"|value="文峰区紫薇大道街道办事处"[^>]*id="meta-agencyName"/);
  await filer.reload();
  // Submitting asks first, naming the hints; Esc cancels.
  const hints = Number(/提示 (\d+) 条/.exec((await filer.getByTestId('check-summary').textContent())!)?.[1] ?? 0);
  await filer.getByRole('button', { name: '提交审核' }).click();
  const ask = filer.getByRole('dialog');
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('heading')).toHaveText(hints > 0 ? `有 ${hints} 条提示，确定提交？` : '确定提交审核？');
  await expect(ask.getByRole('button', { name: '确定提交' })).toBeFocused();
  // Focus stays in the dialog (the page behind is inert).
  await filer.keyboard.press('Shift+Tab');
  await expect(ask.getByRole('button', { name: '取消' })).toBeFocused();
  await filer.keyboard.press('Tab');
  await filer.keyboard.press('Tab');
  expect(await filer.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body)).toBe(true);
  await filer.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(filer.getByTestId('report-status')).toHaveText('草稿');
  await filer.getByRole('button', { name: '提交审核' }).click();
  await ask.getByRole('button', { name: '确定提交' }).click();
  // What happened and what comes next; the fields never go blank.
  await expect(filer.getByTestId('transition-done')).toContainText('已提交，等待 文峰区 审核');
  await expect(filer.locator('#meta-agencyName')).toHaveValue('文峰区紫薇大道街道办事处');
  await expect(filer.getByTestId('report-status')).toHaveText('已提交');
  await expect(filer.getByRole('button', { name: '提交审核' })).toHaveCount(0);
  await openStep(filer, /一、总体情况/);
  await expect(filer.getByLabel('（一）主动公开')).toHaveAttribute('readonly', '');
  expect(await pdfText(filer, id)).toContain(WATERMARK_TEXT);

  // The district's reviewer finds it in the district list and comments on section 一.
  const reviewerCtx = await browser.newContext();
  const reviewer = await reviewerCtx.newPage();
  await login(reviewer, 'wenfeng');
  await reviewer.goto('/review?year=2026');
  const row = reviewer.getByTestId('district-table').locator('tr[data-agency="文峰区紫薇大道街道办事处"]');
  await expect(row).toContainText('已提交');
  await expect(reviewer.getByTestId('district-table').locator('tr[data-agency="文峰区东大街街道办事处"]')).toContainText('未开始');
  await row.getByRole('link', { name: '审核' }).click();
  await reviewer.waitForURL(`**/reports/${id}`);
  await openStep(reviewer, /一、总体情况/);
  // A click on a part of the text starts a comment about it.
  await reviewer.getByLabel('（一）主动公开').click();
  const sectionComment = reviewer.locator('#comment-overview');
  await expect(sectionComment).toBeFocused();
  await expect(sectionComment).toHaveValue('关于「（一）主动公开」：');
  await sectionComment.fill('<script>alert(1)</script>请补充主动公开的发布条数');
  await reviewer.getByRole('button', { name: '发表意见' }).click();
  await expect(reviewer.getByTestId('comments').locator('li')).toContainText('请补充主动公开的发布条数');

  // A click on a cell of the read-only table comments on that cell, named as the checks name it.
  await openStep(reviewer, /三、收到和处理政府信息公开申请情况/);
  await reviewer.locator('[data-cell="table3.carriedForward.natural"]').click();
  const cellComment = reviewer.locator('#comment-requestsTable');
  await expect(cellComment).toBeFocused();
  await expect(reviewer.getByTestId('comment-target')).toContainText('表三「四、结转下年度继续办理」·「自然人」');
  await cellComment.fill('结转件数请核实');
  await reviewer.getByRole('button', { name: '发表意见' }).click();
  const cellCommentItem = reviewer.getByTestId('comments').locator('li').filter({ hasText: '结转件数请核实' });
  await expect(cellCommentItem.getByTestId('comment-cell')).toHaveText('表三「四、结转下年度继续办理」·「自然人」');
  // By keyboard: Enter in a cell does the same.
  await reviewer.locator('[data-cell="table3.granted.business"]').focus();
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('comment-target')).toContainText('表三「（一）予以公开」·「商业企业」');
  await expect(cellComment).toBeFocused();
  await reviewer.getByRole('button', { name: '改为针对整个部分' }).click();
  await reviewer.getByRole('button', { name: '退回修改' }).click();
  await reviewer.getByLabel('退回理由').fill('请按意见修改第一部分');
  await reviewer.getByRole('button', { name: '确认退回' }).click();
  await expect(reviewer.getByTestId('report-status')).toHaveText('已退回');

  // The filer sees the comment beside its section, resolves it, fixes the text and resubmits.
  await filer.goto('/reports');
  const listRow = filer.getByTestId('return-note');
  await expect(listRow).toContainText('请按意见修改第一部分');
  await expect(listRow).toContainText('文峰区政务公开办');
  await filer.goto(`/reports/${id}`);
  await expect(filer.getByTestId('report-status')).toHaveText('已退回');
  // The reason, who and when, at the top of the editor.
  const banner = filer.getByTestId('return-banner');
  await expect(banner).toContainText('退回理由：请按意见修改第一部分');
  await expect(banner).toContainText('文峰区政务公开办');
  await expect(banner).toContainText(/\d{4}\/\d{1,2}\/\d{1,2}/);
  await expect(filer.getByTestId('open-comments')).toContainText('2 条意见');
  // The commented cell is marked in the grid; the comment names it and leads to it.
  await filer.getByTestId('open-comments').getByRole('button', { name: '表三「四、结转下年度继续办理」·「自然人」' }).click();
  await expect(filer.locator('[data-cell="table3.carriedForward.natural"]')).toBeFocused();
  await expect(filer.locator('[data-cell="table3.carriedForward.natural"]')).toHaveAttribute('data-commented', 'true');
  await expect(filer.locator('[data-commented="true"]')).toHaveCount(1);
  await expect(filer.getByTestId('comments')).not.toContainText('table3.');
  await filer.getByTestId('comments').getByRole('button', { name: '标记为已解决' }).click();
  await expect(filer.getByTestId('comments').locator('li[data-resolved="true"]')).toHaveCount(1);
  await filer.getByTestId('open-comments').getByRole('button', { name: '一、总体情况' }).click();
  const comment = filer.getByTestId('comments').locator('li');
  await expect(comment).toContainText('<script>alert(1)</script>请补充主动公开的发布条数'); // shown as text, not run
  await filer.getByLabel('（一）主动公开').fill('本年度共主动公开政府信息 126 条。');
  await comment.getByRole('button', { name: '标记为已解决' }).click();
  await expect(comment).toHaveAttribute('data-resolved', 'true');
  await waitSaved(filer);
  await filer.getByRole('button', { name: '提交审核' }).click();
  await filer.getByRole('dialog').getByRole('button', { name: '确定提交' }).click();
  await expect(filer.getByTestId('report-status')).toHaveText('已提交');

  // What changed since it was returned: exactly the rewritten part.
  await reviewer.goto(`/reports/${id}/compare`);
  await reviewer.getByRole('link', { name: '退回以来的修改' }).click();
  await expect(reviewer.getByTestId('compare-summary')).toContainText('1 个文字部分有改动');
  await expect(reviewer.locator('.text-change[data-part="overview.proactive"] ins')).toContainText('126');
  await reviewer.goto(`/reports/${id}`);

  // The reviewer approves; the timeline shows every step with who and the reason.
  await reviewer.reload();
  await reviewer.getByRole('button', { name: '审核通过' }).click();
  await reviewer.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
  await expect(reviewer.getByTestId('report-status')).toHaveText('已通过');
  const timeline = reviewer.getByRole('region', { name: '审核记录' });
  await expect(timeline.locator('li')).toHaveCount(4);
  await expect(timeline).toContainText('请按意见修改第一部分');
  await expect(timeline).toContainText('紫薇大道街道填报员');
  const text = await pdfText(reviewer, id);
  expect(text).not.toContain(WATERMARK_TEXT);
  expect(text).toContain('本年度共主动公开政府信息');

  await reviewer.goto('/review?year=2026');
  await expect(reviewer.getByTestId('status-counts')).toContainText('已通过 1');
  await filerCtx.close();
  await reviewerCtx.close();
});
