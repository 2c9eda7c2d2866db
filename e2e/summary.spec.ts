import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { createReport, fillAndSubmit, login } from './helpers';
import { parseCsv } from '../test/support/csv';

const YEAR = 2038;


async function filerReport(page: Page, username: string, amount: string) {
  await login(page, username);
  const id = await createReport(page, YEAR);
  return { id, version: await fillAndSubmit(page.request, id, amount) };
}

test('the district summary: approved or all submitted, balanced, and downloaded as CSV and XLSX', async ({ browser }) => {
  const ziwei = await (await browser.newContext()).newPage();
  const dongdajie = await (await browser.newContext()).newPage();
  const approved = await filerReport(ziwei, 'ziwei', '0.1');
  await filerReport(dongdajie, 'dongdajie', '0.2');

  const reviewer = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(reviewer, 'wenfeng');
  const ok = await reviewer.request.post(`/api/reports/${approved.id}/transition`, { data: { transition: 'approve', from: 'submitted', version: approved.version } });
  expect(ok.status()).toBe(200);

  // From the district's list to its summary.
  await reviewer.goto(`/review?year=${YEAR}`);
  await reviewer.getByRole('link', { name: /辖区汇总/ }).click();
  await reviewer.waitForURL(`**/review/summary?year=${YEAR}`);
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(`文峰区${YEAR}年度政府信息公开情况汇总`);
  await expect(reviewer.getByTestId('summary-counts')).toContainText('已提交 1');
  await expect(reviewer.getByTestId('summary-counts')).toContainText('已通过 1');
  const agencies = reviewer.getByTestId('summary-agencies');
  await expect(agencies.locator('tr[data-agency="文峰区紫薇大道街道办事处"]')).toHaveAttribute('data-included', 'true');
  await expect(agencies.locator('tr[data-agency="文峰区东大街街道办事处"]')).toHaveAttribute('data-included', 'false');
  await expect(reviewer.getByTestId('summary-message')).toContainText('汇总了 1 份报告');
  await expect(reviewer.getByTestId('summary-check-status')).toHaveText(/全部平衡/);
  const amount = reviewer.getByTestId('preview').locator('[data-cell="table2.administrativeFees.amount"]');
  await expect(amount).toHaveText('0.1');

  // Everything submitted: both offices, and the amounts add exactly.
  await reviewer.getByLabel('汇总范围').selectOption('submitted');
  await reviewer.getByRole('button', { name: '查看' }).click();
  await reviewer.waitForURL(/include=submitted/);
  await expect(agencies.locator('tr[data-included="true"]')).toHaveCount(2);
  await expect(reviewer.getByTestId('summary-message')).toContainText('汇总了 2 份报告');
  await expect(amount).toHaveText('0.3');
  await expect(reviewer.getByTestId('preview').locator('[data-cell="table3.newReceived.total"]')).toHaveText('2');
  await expect(reviewer.getByTestId('summary-check-status')).toHaveText(/全部平衡/);

  // CSV: BOM, the labels from the template, the sums, the agencies — nothing a spreadsheet would run.
  const [csvDownload] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('link', { name: '下载 CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toBe(`文峰区${YEAR}年度政府信息公开情况汇总.csv`);
  const bytes = await readFile((await csvDownload.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = parseCsv(bytes.toString('utf8').slice(1));
  expect(lines[0]).toEqual(['表', '行', '列', '合计']);
  expect(lines).toContainEqual(['三', '一、本年新收政府信息公开申请数量', '总计', '2']);
  expect(lines.find((l) => l[0] === '二' && l[3] === '0.3')).toBeTruthy();
  expect(lines).toContainEqual(['文峰区紫薇大道街道办事处', '已通过', '是']);
  expect(lines).toContainEqual(['文峰区东大街街道办事处', '已提交', '是']);
  const formulaLike = lines.flat().filter((f) => /^[=+\-@\t\r]/.test(f) && !/^-\d+(\.\d+)?$/.test(f));
  expect(formulaLike).toEqual([]);

  const [xlsxDownload] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('link', { name: /下载 Excel/ }).click()]);
  expect(xlsxDownload.suggestedFilename()).toBe(`文峰区${YEAR}年度政府信息公开情况汇总.xlsx`);
  const xlsx = await readFile((await xlsxDownload.path())!);
  expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  // The tables as printed: one sheet each, merged headers, the template's labels, numbers.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['表二', '表三', '表四', '机关']);
  const t3 = wb.getWorksheet('表三')!;
  expect(t3.getCell('A1').value).toBe('三、收到和处理政府信息公开申请情况');
  const find = (ws: ExcelJS.Worksheet, text: string) => {
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((cell) => void (found ??= cell.value === text ? cell : undefined)));
    if (!found) throw new Error(`${ws.name} has no cell 「${text}」`);
    return found;
  };
  const applicants = find(t3, '申请人情况');
  const merge = (t3.model.merges as string[]).find((m) => m.startsWith(`${applicants.address}:`));
  expect(merge, 'the 申请人情况 header is one merged cell').toBeTruthy();
  const [, last] = merge!.split(':');
  expect(t3.getCell(last).master.address).toBe(applicants.address);
  expect(Number(t3.getCell(last).col) - Number(applicants.col)).toBeGreaterThanOrEqual(6);
  for (const label of ['自然人', '法人或其他组织', '总计', '商业企业', '一、本年新收政府信息公开申请数量']) find(t3, label);
  // 自然人 of 一、本年新收…: a number cell holding 2 (one from each office).
  const newReceived = find(t3, '一、本年新收政府信息公开申请数量');
  const natural = find(t3, '自然人');
  const sum = t3.getRow(Number(newReceived.row)).getCell(Number(natural.col));
  expect(sum.type).toBe(ExcelJS.ValueType.Number);
  expect(sum.value).toBe(2);
  const agencySheet = wb.getWorksheet('机关')!;
  expect(agencySheet.getRow(1).values).toEqual([, '机关', '状态', '计入汇总']);
  await reviewer.screenshot({ path: 'test-results/summary-1400.png', fullPage: true });
});
