import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { approve, createReport, fillAndSubmit, login, seriousViolations } from './helpers';

const YEAR = 2052;
const LAST_YEAR = YEAR - 1;
const ZIWEI = '文峰区紫薇大道街道办事处';

type Tables = Record<string, Record<string, Record<string, unknown>>>;

/** 紫薇大道 in YEAR: 12 applications (8 granted, 2 partly, 2 not held), 3 复议 of which 2 corrected. */
function ziweiYear(content: { tables?: unknown }) {
  const tables = content.tables as Tables;
  for (const col of ['natural', 'total']) {
    Object.assign(tables.table3.newReceived, { [col]: 12 });
    Object.assign(tables.table3.granted, { [col]: 8 });
    Object.assign(tables.table3.partial, { [col]: 2 });
    Object.assign(tables.table3.notHeld, { [col]: 2 });
    Object.assign(tables.table3.resultsTotal, { [col]: 12 });
  }
  Object.assign(tables.table4.review, { upheld: 1, corrected: 2, total: 3 });
}

async function filedAndApproved(filer: Page, reviewer: Page, year: number, edit?: (c: { tables?: unknown }) => void) {
  const id = await createReport(filer, year);
  const version = await fillAndSubmit(filer.request, id, '0', edit as never);
  await approve(reviewer, id, version);
}

test('a reviewer reads the district insight: a figure down to one office’s cell, charts equal to their tables, accessible', async ({ browser }) => {
  const ziwei = await (await browser.newContext()).newPage();
  const dongdajie = await (await browser.newContext()).newPage();
  const reviewer = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await login(ziwei, 'ziwei');
  await login(dongdajie, 'dongdajie');
  await login(reviewer, 'wenfeng');
  await filedAndApproved(ziwei, reviewer, LAST_YEAR);
  await filedAndApproved(ziwei, reviewer, YEAR, ziweiYear);
  await filedAndApproved(dongdajie, reviewer, YEAR);

  await reviewer.goto(`/review?year=${YEAR}`);
  await reviewer.getByRole('link', { name: /辖区分析/ }).click();
  await reviewer.waitForURL(`**/review/insight?year=${YEAR}`);
  await expect(reviewer.getByRole('heading', { level: 1 })).toHaveText(`文峰区${YEAR}年度政府信息公开分析`);
  await expect(reviewer.getByTestId('insight-message')).toContainText('计入 2 个单位');

  // 实质公开率 = (8 + 2 + 1) / (12 + 1); the figure opens its evidence, down to 紫薇大道's 予以公开 cell.
  const table = reviewer.getByTestId('indicator-table');
  await expect(table.locator('tr[data-indicator="newReceived"]')).toContainText('13');
  const figure = reviewer.getByTestId('figure-disclosureRate');
  await expect(figure).toHaveText('84.6%');
  await figure.click();
  await reviewer.waitForURL(/ev=disclosureRate/);
  const evidence = reviewer.getByTestId('evidence-disclosureRate');
  await expect(evidence).toHaveAttribute('open', '');
  const row = evidence.locator(`tr[data-agency="${ZIWEI}"]`);
  await expect(row.locator('[data-cell="table3.granted.total"]')).toHaveText('8');
  await expect(row.locator('[data-cell="table3.resultsTotal.total"]')).toHaveText('12');
  await expect(evidence.locator('th.cell-head').first()).toContainText('予以公开');
  // Only that one carries its table; another's evidence links to it.
  const receivedEvidence = reviewer.getByTestId('evidence-newReceived');
  await expect(receivedEvidence.locator('table')).toHaveCount(0);
  await receivedEvidence.locator('summary').click();
  await receivedEvidence.getByRole('link', { name: '显示 2 个单位的单元格' }).click();
  await reviewer.waitForURL(/ev=newReceived/);
  await expect(receivedEvidence).toHaveAttribute('open', '');
  await expect(receivedEvidence.locator(`tr[data-agency="${ZIWEI}"] [data-cell="table3.newReceived.total"]`)).toHaveText('12');
  await expect(evidence.locator('table')).toHaveCount(0);

  // 复议纠错率 2 / 3: a small base, marked. The tenfold rise from last year (1 → 12) is flagged.
  await expect(table.locator('tr[data-indicator="reviewCorrectionRate"]')).toContainText('66.7%');
  await expect(table.locator('tr[data-indicator="reviewCorrectionRate"]')).toContainText('基数小');
  await expect(reviewer.getByTestId('risk-flags').locator(`li[data-rule="swing"] li[data-agency="${ZIWEI}"]`)).toContainText('由上年 1 件增至 12 件');

  // Every chart: an SVG image with a label, and a table holding exactly its data.
  const charts = reviewer.locator('figure.insight-chart');
  await expect(charts).toHaveCount(5);
  for (const chart of await charts.all()) {
    await expect(chart.locator('svg[role="img"]:visible')).toHaveAttribute('aria-label', /.+/);
    // The charts' font reaches the browser (a quoted name in ECharts' style attribute did not).
    const fonts = await chart.locator('svg text').evaluateAll((ts) => [...new Set(ts.map((t) => getComputedStyle(t).fontFamily))]);
    expect(fonts).toEqual(['"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif']);
    const data = JSON.parse((await chart.getAttribute('data-chart'))!) as { categories: string[]; series: { name: string; values: (number | null)[] }[] };
    const head = await chart.locator('table thead th').allTextContents();
    expect(head.slice(1)).toEqual(data.series.map((s) => s.name));
    const rows = await chart.locator('table tbody tr').all();
    expect(rows).toHaveLength(data.categories.length);
    for (const [i, tr] of rows.entries()) {
      expect(await tr.locator('th').textContent()).toBe(data.categories[i]);
      const values = (await tr.locator('td').allTextContents()).map((t) => (t === '—' ? null : Number(t)));
      expect(values).toEqual(data.series.map((s) => s.values[i]));
    }
  }
  const chartData = async (id: string) => JSON.parse((await reviewer.getByTestId(`chart-${id}`).getAttribute('data-chart'))!) as { categories: string[]; series: { values: number[] }[] };
  // Every year the database holds (other specs add theirs), in order; ours among them.
  const received = await chartData('trend-received');
  expect(received.categories).toEqual([...received.categories].sort());
  const at = (year: number) => received.categories.indexOf(`${year}年`);
  expect([received.series[0].values[at(LAST_YEAR)], received.series[0].values[at(YEAR)]]).toEqual([1, 13]);
  const rates = await chartData('trend-rate');
  expect([rates.series[0].values[at(LAST_YEAR)], rates.series[0].values[at(YEAR)]]).toEqual([100, 84.6]);

  expect(await seriousViolations(reviewer)).toEqual([]);

  // The indicator table as XLSX.
  const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('link', { name: /下载指标表/ }).click()]);
  expect(download.suggestedFilename()).toBe(`文峰区${YEAR}年度政府信息公开分析.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet('指标')!;
  const rate = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(2).value === '实质公开率')!;
  expect([rate.getCell(4).value, rate.getCell(5).value, rate.getCell(6).value]).toEqual([11, 13, 84.6]);

  // The same on A4, made on the server (its text and charts: lib/render/pdf/insight-pdf.test.ts).
  const [pdf] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('link', { name: '下载 PDF' }).click()]);
  expect(pdf.suggestedFilename()).toBe(`文峰区${YEAR}年度政府信息公开分析.pdf`);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // On a phone each chart is drawn for its width: the whole chart in view, nothing to scroll sideways.
  await reviewer.setViewportSize({ width: 390, height: 844 });
  const shown = await reviewer.locator('figure.insight-chart svg[role="img"]:visible').all();
  expect(shown).toHaveLength(5);
  for (const svg of shown) {
    const [box, room] = await svg.evaluate((el) => [el.getBoundingClientRect().width, el.parentElement!.clientWidth]);
    expect(box).toBeLessThanOrEqual(room);
    expect(box).toBeGreaterThan(250);
  }
  expect(await reviewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
