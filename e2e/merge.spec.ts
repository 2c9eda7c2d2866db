import { expect, test } from '@playwright/test';
import { createReport, login, openStep, waitSaved } from './helpers';

/**
 * Issue 24, point 6: two tabs editing one report merge against the version both started from —
 * different parts are both kept without asking; a part changed on both sides is shown side by
 * side to choose. (「以本页内容覆盖」 used to put back the other tab's older text.)
 */
test('two tabs: changes to different parts are both kept; the same part changed on both is chosen side by side', async ({ page, context }) => {
  await login(page, 'ziwei');
  const id = await createReport(page, 2087);
  const b = await context.newPage();
  await b.goto(`/reports/${id}`);
  await openStep(page, /五、存在的主要问题及改进情况/);
  await openStep(b, /五、存在的主要问题及改进情况/);

  // Tab A changes 改进措施, tab B (still on version 1) changes 上年度存在问题的改进情况.
  await page.getByLabel('（三）改进措施', { exact: true }).click();
  await page.keyboard.type('完善信息发布审核机制。');
  await waitSaved(page);
  await b.getByLabel('（一）上年度存在问题的改进情况', { exact: true }).click();
  await b.keyboard.type('上年度问题已全部整改。');
  await expect(b.getByTestId('merged-note')).toContainText('双方修改了不同的部分，都已保留');
  await waitSaved(b);
  // B shows and saved both; A's text was not reverted.
  await expect(b.getByLabel('（三）改进措施', { exact: true })).toHaveValue('完善信息发布审核机制。');
  await page.reload();
  await openStep(page, /五、存在的主要问题及改进情况/);
  await expect(page.getByLabel('（三）改进措施', { exact: true })).toHaveValue('完善信息发布审核机制。');
  await expect(page.getByLabel('（一）上年度存在问题的改进情况', { exact: true })).toHaveValue('上年度问题已全部整改。');

  // Both change 改进措施, and A also a 表三 cell: only 改进措施 is asked about.
  await page.getByLabel('（三）改进措施', { exact: true }).fill('A 写的措施。');
  await waitSaved(page);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await page.locator('[data-cell="table3.newReceived.natural"]').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await waitSaved(page);
  await b.getByLabel('（三）改进措施', { exact: true }).fill('B 写的措施。');
  const choices = b.getByTestId('merge-choices');
  await expect(choices.locator('fieldset')).toHaveCount(1);
  await expect(choices.locator('legend')).toHaveText('五、存在的主要问题及改进情况 · 改进措施');
  await expect(choices).toContainText('本页：B 写的措施。');
  await expect(choices).toContainText('A 写的措施。');
  await expect(b.getByRole('button', { name: '以本页内容覆盖' })).toHaveCount(0);
  await choices.getByRole('radio').nth(1).check();
  await choices.getByRole('button', { name: '按所选合并并保存' }).click();
  await waitSaved(b);
  await expect(b.getByLabel('（三）改进措施', { exact: true })).toHaveValue('A 写的措施。');
  await page.reload();
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(page.locator('[data-cell="table3.newReceived.natural"]')).toHaveValue('5');
  await openStep(page, /五、存在的主要问题及改进情况/);
  await expect(page.getByLabel('（三）改进措施', { exact: true })).toHaveValue('A 写的措施。');
  await expect(page.getByLabel('（一）上年度存在问题的改进情况', { exact: true })).toHaveValue('上年度问题已全部整改。');
});
