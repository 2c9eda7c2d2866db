import { expect, test, type Locator, type Page } from '@playwright/test';
import { createReport, login, openStep, waitSaved } from './helpers';

/**
 * The number grids take keys as Excel does (issue 24, point 1): what the clerk sees is what is
 * stored. Real key and mouse events throughout; the stored value is read back from the API.
 */

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);

async function stored(page: Page, id: string): Promise<unknown> {
  await waitSaved(page);
  const reportId = page.url().split('/').pop()!;
  const { content } = await (await page.request.get(`/api/reports/${reportId}`)).json();
  const [table, row, col] = id.split('.');
  return content.tables[table][row][col];
}

/** Types into a cell the way a clerk does: click it, then `value`, then Enter. */
async function enter(input: Locator, value: string) {
  await input.click();
  await input.page().keyboard.type(value);
  await input.page().keyboard.press('Enter');
}

test('表二: a second click keeps the cell selected, typing replaces; F2 and double-click edit inside', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2081);
  await openStep(page, /二、主动公开政府信息情况/);
  const punishment = cell(page, 'table2.punishment.decisions');
  await enter(punishment, '36');
  await expect(punishment).toHaveValue('36');
  // Click, click again, type 40 → 40 (it used to be 3406).
  await punishment.click();
  await punishment.click();
  await page.keyboard.type('40');
  await expect(punishment).toHaveValue('40');
  await page.keyboard.press('Enter');
  // Enter commits and moves down.
  await expect(cell(page, 'table2.coercion.decisions')).toBeFocused();
  expect(await stored(page, 'table2.punishment.decisions')).toBe(40);

  // F2 edits inside: the caret goes to the end, ←/→ move it.
  await punishment.click();
  await page.keyboard.press('F2');
  await page.keyboard.type('5');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('1');
  await expect(punishment).toHaveValue('4105');
  await page.keyboard.press('Enter');
  expect(await stored(page, 'table2.punishment.decisions')).toBe(4105);
  // A double-click edits inside too.
  await punishment.dblclick();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('6');
  await page.keyboard.press('Tab');
  await expect(punishment).toHaveValue('4106');
  expect(await stored(page, 'table2.punishment.decisions')).toBe(4106);

  // The amount takes two decimals under the same rules.
  const fee = cell(page, 'table2.administrativeFees.amount');
  await enter(fee, '12.50');
  await fee.click();
  await fee.click();
  await page.keyboard.type('3.25');
  await page.keyboard.press('Escape');
  await expect(fee).toHaveValue('12.50');
  await page.keyboard.type('-1.5');
  await expect(page.locator('.cell-message')).toContainText('负数');
  await page.keyboard.press('Tab');
  await expect(fee).toHaveValue('12.50');
  expect(await stored(page, 'table2.administrativeFees.amount')).toBe('12.50');
  await fee.click();
  await page.keyboard.type('7.05');
  await page.keyboard.press('Enter');
  expect(await stored(page, 'table2.administrativeFees.amount')).toBe('7.05');
  await page.reload();
  await openStep(page, /二、主动公开政府信息情况/);
  await expect(punishment).toHaveValue('4106');
  await expect(fee).toHaveValue('7.05');
});

test('表三: Esc puts back the value the cell had when entered; 「-3」, letters, decimals and too large are never stored', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2082);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  const granted = cell(page, 'table3.granted.natural');
  await enter(granted, '30');
  // 30, type 9, Esc → 30 (9 used to stay).
  await granted.click();
  await page.keyboard.type('9');
  await expect(granted).toHaveValue('9');
  await page.keyboard.press('Escape');
  await expect(granted).toHaveValue('30');
  expect(await stored(page, 'table3.granted.natural')).toBe(30);
  // After Esc the content is selected again: typing replaces.
  await page.keyboard.type('31');
  await page.keyboard.press('Enter');
  expect(await stored(page, 'table3.granted.natural')).toBe(31);

  // 「-3」 shows why and is never stored — not as 3, not as anything.
  for (const [typed, why] of [
    ['-3', '不能填负数'],
    ['3a', '整数'],
    ['2.5', '整数'],
    ['1234567890', '数字过大'],
  ]) {
    await granted.click();
    await page.keyboard.type(typed);
    await expect(granted).toHaveValue(typed);
    await expect(granted).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.cell-message')).toContainText(why);
    expect(await stored(page, 'table3.granted.natural')).toBe(31);
    await page.keyboard.press('Enter');
    await expect(granted).toHaveValue('31');
    await expect(page.locator('.cell-message')).toContainText('未保存');
    expect(await stored(page, 'table3.granted.natural')).toBe(31);
  }
  // A blank cell stays blank after a refused value.
  const business = cell(page, 'table3.granted.business');
  await business.click();
  await page.keyboard.type('-3');
  await page.keyboard.press('ArrowDown');
  await expect(business).toHaveValue('');
  await expect(cell(page, 'table3.partial.business')).toBeFocused();
  expect(await stored(page, 'table3.granted.business')).toBeNull();

  // A finding's jump selects the cell: clicking it and typing 20 into 21 gives 20 (was 2201).
  const newReceived = cell(page, 'table3.newReceived.natural');
  await enter(newReceived, '21');
  await enter(cell(page, 'table3.carriedOver.natural'), '0');
  await enter(cell(page, 'table3.carriedForward.natural'), '0');
  const r1 = page.locator('[data-testid="findings"] li[data-rule="R1"]').first();
  await r1.getByRole('button').click();
  await expect(newReceived).toBeFocused();
  await newReceived.click();
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  await expect(newReceived).toHaveValue('20');
  expect(await stored(page, 'table3.newReceived.natural')).toBe(20);
});

test('表四: arrows move and commit, Esc restores, a refused value is put back on leaving', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2083);
  await openStep(page, /四、政府信息公开行政复议、行政诉讼情况/);
  const upheld = cell(page, 'table4.review.upheld');
  await enter(upheld, '2');
  await upheld.click();
  await page.keyboard.type('5');
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 'table4.review.corrected')).toBeFocused();
  await page.keyboard.type('-3');
  await page.keyboard.press('Escape');
  await expect(cell(page, 'table4.review.corrected')).toHaveValue('');
  await page.keyboard.type('x');
  await page.keyboard.press('ArrowLeft');
  await expect(upheld).toBeFocused();
  await expect(cell(page, 'table4.review.corrected')).toHaveValue('');
  expect(await stored(page, 'table4.review.upheld')).toBe(5);
  expect(await stored(page, 'table4.review.corrected')).toBeNull();
});

/** Puts `text` on the clipboard and pastes it into the focused cell with Ctrl+V. */
async function pasteKeys(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

test('paste says exactly what it did: a 24 × 6 block fills all 144 cells, a misfit names what was left out, a labelled block pastes by label', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await login(page, 'ziwei');
  await createReport(page, 2084);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  const note = page.getByTestId('paste-note');

  // The reported case: 24 rows × 6 columns (the clerk's rows without 「（七）总计」) at 自然人.
  const block = Array.from({ length: 24 }, (_, r) => Array.from({ length: 6 }, (_, c) => String(r * 6 + c + 1)).join('\t')).join('\r\n') + '\r\n';
  await cell(page, 'table3.newReceived.natural').click();
  await pasteKeys(page, block);
  await expect(note).toContainText('已粘贴 144 个值：24 行（「一、本年新收政府信息公开申请…」至「四、结转下年度继续办理」）× 6 列（「自然人」至「其他」）');
  await expect(note).toContainText('跳过自动计算的「（七）总计」行');
  // 四、结转 holds the block's last row (it used to stay blank: 「已粘贴 138 个单元格」).
  await expect(cell(page, 'table3.carriedForward.natural')).toHaveValue('139');
  await expect(cell(page, 'table3.carriedForward.otherOrg')).toHaveValue('144');
  await expect(cell(page, 'table3.otherHandling.otherOrg')).toHaveValue('138');
  expect(await stored(page, 'table3.carriedForward.otherOrg')).toBe(144);

  // A block that does not fit: 4 rows × 4 columns at 「3.其他」·「法律服务机构」.
  await cell(page, 'table3.otherHandling.legalService').click();
  await pasteKeys(page, '1\t2\t3\t4\n5\t6\t7\t8\n9\t10\t11\t12\n13\t14\t15\t16');
  await expect(note).toContainText('已粘贴 4 个值：2 行（「3.其他」至「四、结转下年度继续办理」）× 2 列（「法律服务机构」至「其他」）');
  await expect(note).toContainText('剪贴板有 4 行，本表从此处起只有 3 行：最后 1 行超出表格，未粘贴');
  await expect(note).toContainText('有 3 个值超出表格右侧');
  await expect(note).toContainText('5 个值落在自动计算的合计上');
  await expect(cell(page, 'table3.carriedForward.legalService')).toHaveValue('9');
  await page.getByRole('button', { name: '知道了' }).click();
  await expect(note).toHaveCount(0);

  // As copied from the Word template: a header line, group labels, the row labels, 7 values with the total.
  const word = [
    '申请人情况\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
    '一、本年新收政府信息公开申请数量\t\t\t10\t1\t0\t0\t0\t0\t11',
    '三、本年度办理结果\t（一）予以公开\t\t6\t1\t0\t0\t0\t0\t7',
    '\t（三）不予公开\t1．属于国家秘密\t2\t0\t0\t0\t0\t0\t2',
    '\t（七）总计\t\t8\t1\t0\t0\t0\t0\t9',
    '四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2',
  ].join('\r\n');
  await cell(page, 'table3.granted.business').click();
  await pasteKeys(page, word);
  await expect(note).toContainText('第一列是行标签');
  // Nothing was pasted by position.
  await expect(cell(page, 'table3.granted.business')).toHaveValue('14');
  await note.getByRole('button', { name: '按标签匹配粘贴' }).click();
  await expect(note).toContainText('已按标签粘贴 24 个值：4 行');
  await expect(note).toContainText('「（七）总计」是自动计算的合计');
  await expect(note).toContainText('1 行没有数字（表头或标题），已略过');
  await expect(note).toContainText('本表另有 20 行不在剪贴板中，未改动');
  await expect(cell(page, 'table3.newReceived.natural')).toHaveValue('10');
  await expect(cell(page, 'table3.granted.business')).toHaveValue('1');
  await expect(cell(page, 'table3.stateSecret.natural')).toHaveValue('2');
  await expect(cell(page, 'table3.carriedForward.natural')).toHaveValue('2');
  // Rows the block did not name keep their values.
  await expect(cell(page, 'table3.partial.natural')).toHaveValue('19');
  expect(await stored(page, 'table3.stateSecret.natural')).toBe(2);
});

test('「未填写的单元格填 0」 names how many cells and which rows, asks, fills only blanks, and is recorded in the history', async ({ page }) => {
  await login(page, 'ziwei');
  await createReport(page, 2086);
  await openStep(page, /四、政府信息公开行政复议、行政诉讼情况/);
  await enter(cell(page, 'table4.review.upheld'), '3');
  await enter(cell(page, 'table4.litigationDirect.pending'), '1');
  await page.getByRole('button', { name: '未填写的单元格填 0（10 格）' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('将表四的 10 个未填写单元格填 0？');
  await expect(dialog).toContainText('涉及 3 行：「行政复议」「未经复议直接起诉」「复议后起诉」');
  // Cancel leaves the blanks blank.
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(cell(page, 'table4.review.corrected')).toHaveValue('');
  await page.getByRole('button', { name: '未填写的单元格填 0（10 格）' }).click();
  await dialog.getByRole('button', { name: '填 0' }).click();
  await expect(cell(page, 'table4.review.corrected')).toHaveValue('0');
  await expect(cell(page, 'table4.review.upheld')).toHaveValue('3');
  await expect(cell(page, 'table4.review.total')).toHaveValue('3');
  await expect(cell(page, 'table4.litigationAfterReview.total')).toHaveValue('0');
  await expect(page.getByRole('button', { name: /未填写的单元格填 0/ })).toHaveCount(0);
  await expect(page.locator('.timeline li').last()).toContainText('未填写的单元格填 0：表四 10 格，共 3 行（「行政复议」「未经复议直接起诉」「复议后起诉」）');
  expect(await stored(page, 'table4.review.corrected')).toBe(0);
  // The page keeps working on the new version: a later edit saves.
  await enter(cell(page, 'table4.review.corrected'), '2');
  expect(await stored(page, 'table4.review.corrected')).toBe(2);
  // Other tables keep their blanks.
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(cell(page, 'table3.granted.natural')).toHaveValue('');
});
