import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { login, openStep, t3Cell, waitSaved } from './helpers';

const seedText = (name: string) => readFileSync(path.join(process.cwd(), 'test/fixtures/seeds', name), 'utf8');

test('import a published report, review it beside its source, and continue it as a draft; then start next year from it', async ({ page }) => {
  await login(page, 'dongdajie');
  await page.goto('/reports');
  await page.getByRole('link', { name: '导入已发布的报告…' }).click();
  await page.waitForURL('**/reports/import');

  // Something that is no report is refused with a message, nothing is created.
  await page.getByLabel('将文件拖到这里，或').setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 broken') });
  await expect(page.locator('.alert.error')).toContainText('PDF');

  // Seed 004: 文峰区东关街道办事处 2024, 行政处罚 2, 总体情况 written with its own sub-headings.
  await page.getByLabel('将文件拖到这里，或').setInputFiles({
    name: '东关街道2024年报.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(seedText('004_2b84c46586bd41e1.txt')),
  });
  await expect(page.getByTestId('import-summary')).toContainText('2024 年度');
  const preview = page.getByTestId('preview');
  await expect(preview.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' })).toBeVisible();
  await expect(preview.locator('td[data-cell="table2.punishment.decisions"]')).toHaveText('2');
  // A finding points at its source lines.
  const finding = page.getByTestId('import-findings').getByRole('button').first();
  await finding.click();
  await expect(page.locator('.source li.selected').first()).toBeVisible();

  await page.getByRole('button', { name: '导入为草稿' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  const id2024 = page.url().split('/').pop()!;
  await openStep(page, /二、主动公开政府信息情况/);
  await expect(page.locator('[data-cell="table2.punishment.decisions"]')).toHaveValue('2');
  await expect(page.locator('[data-testid="findings"] li[data-severity="error"]')).toHaveCount(0);

  // Importing the same year again says so, and links to the existing report.
  await page.goto('/reports/import');
  await page.getByLabel('将文件拖到这里，或').setInputFiles({ name: 'again.txt', mimeType: 'text/plain', buffer: Buffer.from(seedText('004_2b84c46586bd41e1.txt')) });
  await page.getByRole('button', { name: '导入为草稿' }).click();
  await expect(page.locator('.alert.error')).toContainText('已经存在');
  await expect(page.getByRole('link', { name: '打开已有的报告' })).toHaveAttribute('href', `/reports/${id2024}`);

  // Next year, started from the imported one: 上年结转 and 上年度问题 carried over.
  await page.goto('/reports');
  await page.getByLabel('报告年度').fill('2025');
  await page.getByLabel('以上年度报告为基础').check();
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(t3Cell(page, 'carriedOver', 'natural')).toHaveValue('0');
  await expect(t3Cell(page, 'newReceived', 'natural')).toHaveValue('');
  await openStep(page, /五、存在的主要问题及改进情况/);
  // The follow-up starts empty, with last year's problems beside it: nothing to complain about.
  const followUp = page.getByLabel(/上年度存在问题的改进情况/);
  await expect(followUp).toHaveValue('');
  const copied = page.locator('[data-testid="findings"] li[data-rule="COPIED"]');
  await expect(copied).toHaveCount(0);
  const reference = page.getByTestId('last-year-problems').locator('li');
  await expect(reference.first()).toBeVisible();
  const problem = (await reference.first().locator('span').textContent())!;
  // One click quotes a problem as the start of a new paragraph — not a copy.
  await reference.first().getByRole('button', { name: '引用第 1 条' }).click();
  await expect(followUp).toHaveValue(`针对上年度“${problem.replace(/[。；，.;,]+$/, '')}”的问题，`);
  await expect(followUp).toBeFocused();
  await page.keyboard.type('本年度已建立信息发布审核机制。');
  await expect(copied).toHaveCount(0);
  // Last year's words pasted unchanged are still flagged.
  await followUp.fill(problem);
  await expect(copied).toHaveCount(1);
  await followUp.fill(`针对上年度“${problem.replace(/[。；，.;,]+$/, '')}”的问题，本年度已建立信息发布审核机制。`);
  await expect(copied).toHaveCount(0);
  await waitSaved(page);

  // The two years side by side.
  await page.getByRole('link', { name: '对比', exact: true }).click();
  await expect(page.getByTestId('compare-summary')).toContainText('2024 年度 → 2025 年度');
  // Last year's 0 against this year's blank: one of the blank ↔ 0 cells, listed apart.
  await page.getByTestId('blank-zero').locator('summary').click();
  await expect(page.getByTestId('blank-zero-cells').locator('tr[data-cell="table3.newReceived.natural"]')).toContainText('（空白）');
  await expect(page.locator('.text-change[data-part="problems.lastYearFollowUp"] ins')).not.toHaveCount(0);
});

test('a real WPS-made PDF: the numbers the importer doubted stay marked in the draft until changed or confirmed', async ({ page }) => {
  await login(page, 'dongdajie');
  await page.goto('/reports/import');
  await page.getByLabel('将文件拖到这里，或').setInputFiles({
    name: '洪泽区2023年报.pdf',
    mimeType: 'application/pdf',
    buffer: readFileSync(path.join(process.cwd(), 'test/fixtures/real/hongze-qu-2023-wps.pdf')),
  });
  await expect(page.getByTestId('import-summary')).toContainText('2023 年度', { timeout: 30_000 }); // a PDF: pdfjs loads in the import worker first
  // The row found only by its number and position: its cells are marked in the preview, and the page says they stay marked.
  await expect(page.getByTestId('import-summary')).toContainText('存疑的 7 个数字导入后在编辑页仍有标记');
  await page.getByRole('button', { name: '导入为草稿' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);

  // One warning for the row (its seven cells were doubted for one reason), the cells marked.
  const doubts = page.locator('[data-testid="findings"] li[data-rule="IMPORT"]');
  await expect(doubts).toHaveCount(1);
  await expect(doubts).toContainText('这一行 7 格导入时存疑');
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  const natural = t3Cell(page, 'lawForbidden', 'natural');
  await expect(natural).toHaveAttribute('data-to-confirm', 'true');
  await expect(natural).toHaveAttribute('title', /导入时存疑/);

  // Changing a marked cell settles that cell.
  const business = t3Cell(page, 'lawForbidden', 'business');
  await business.fill('5');
  await business.press('Enter');
  await expect(business).not.toHaveAttribute('data-to-confirm');
  await expect(doubts).toContainText('这一行 6 格导入时存疑');
  await waitSaved(page);
  // Kept with the report: after a reload, still six.
  await page.reload();
  await expect(doubts).toContainText('这一行 6 格导入时存疑');
  await openStep(page, /三、收到和处理政府信息公开申请情况/);
  await expect(natural).toHaveAttribute('data-to-confirm', 'true');

  // 「核对无误」: the values stay, the marks go — for good.
  const value = await natural.inputValue();
  await doubts.getByRole('button', { name: /^核对无误/ }).click();
  await expect(doubts).toHaveCount(0);
  await expect(natural).not.toHaveAttribute('data-to-confirm');
  // On a phone the table scrolls in its own box; the page (and the check panel) keeps its width.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(natural).toHaveValue(value);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('check-summary')).toBeVisible();
  await expect(doubts).toHaveCount(0);
});
