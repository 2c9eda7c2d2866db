import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { unzipSync } from 'fflate';
import { approve, createReport, fillAndSubmit, login, seriousViolations } from './helpers';
import { parseCsv } from '../test/support/csv';

const YEAR = 2039;
const STEM = `文峰区紫薇大道街道办事处${YEAR}年政府信息公开工作年度报告`;
const LONG =
  '本年度，我办坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕群众关切，' +
  '持续加大主动公开力度，规范依申请公开办理流程，加强政府信息管理和平台建设，政府信息公开工作取得了新的成效。';
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">';

/** Lines of each body paragraph as laid out (characters per line, by line box). */
async function paragraphLines(page: Page): Promise<number[][]> {
  return page.$$eval('main > p:not(.date):not(.note)', (ps) =>
    ps.map((p) => {
      const lines = new Map<number, number>();
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getClientRects()[0];
          if (!r) continue;
          const top = Math.round(r.top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
      }
      return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
    }),
  );
}

test('an approved report: the publication page from disk offline, JSON and CSV equal to the report', async ({ browser }, info) => {
  const filerCtx = await browser.newContext({ acceptDownloads: true });
  const filer = await filerCtx.newPage();
  await login(filer, 'ziwei');
  const id = await createReport(filer, YEAR);
  const version = await fillAndSubmit(filer.request, id, '1.25', (c) => {
    c.meta.publishDate = `${YEAR + 1}-01-20`;
    c.text.overview.lead = `${LONG}${LONG}\n${LONG}`;
    c.text.otherMatters.otherItems = HOSTILE;
  });
  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'wenfeng');
  await approve(reviewer, id, version);
  const report = (await (await filer.request.get(`/api/reports/${id}`)).json()).content;

  await filer.goto(`/reports/${id}`);
  const save = async (name: string) => {
    const [download] = await Promise.all([filer.waitForEvent('download'), filer.getByRole('link', { name, exact: true }).click()]);
    const path = info.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), path };
  };
  const html = await save('发布用网页');
  expect(html.name).toBe(`${STEM}.html`);

  // Opened from disk with the network cut: nothing is requested, everything is there.
  const readerCtx = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  readerCtx.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  const page = await readerCtx.newPage();
  await page.goto(pathToFileURL(html.path).href);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('h1')).toHaveText(STEM);
  await expect(page.locator('h2')).toHaveCount(6);
  await expect(page.locator('table caption')).toHaveText([/^表二/, /^表三/, /^表四/]);
  await expect(page.locator('#table3 td.corner')).toContainText('勾稽关系');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByText(HOSTILE)).toBeVisible();
  // A value cell names its row and column headers; numbers are right-aligned.
  const cell = page.locator('#table3 tbody tr').first().locator('td').first();
  const headerText = await cell.evaluate((td) =>
    td.getAttribute('headers')!.split(' ').map((h) => document.getElementById(h)!.textContent),
  );
  expect(headerText).toEqual(['一、本年新收政府信息公开申请数量', '申请人情况', '自然人']);
  expect(await cell.evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: info.outputPath('page-1400.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.screenshot({ path: info.outputPath('page-1024.png'), fullPage: true });

  // A phone: no squeezed text, and the row labels stay in view while 表三 scrolls.
  await page.setViewportSize({ width: 390, height: 844 });
  const lines = await paragraphLines(page);
  expect(lines.length).toBeGreaterThan(3);
  for (const p of lines) for (const n of p.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(12);
  expect(Math.min(...lines.flat())).toBeGreaterThan(0);
  expect(Math.max(...lines.map((p) => p[0]))).toBeGreaterThanOrEqual(12);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const region = page.getByRole('region', { name: /^表三/ });
  await region.evaluate((el) => (el.scrollLeft = 400));
  const label = page.locator('#table3 th', { hasText: '（一）予以公开' });
  const [box, regionBox] = [await label.boundingBox(), await region.boundingBox()];
  expect(box!.x).toBeGreaterThanOrEqual(regionBox!.x - 1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: info.outputPath('page-390.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: info.outputPath('page-print.pdf'), preferCSSPageSize: true });
  expect(requests).toEqual([]);

  // Open data: the JSON is the report and valid against the published schema; the CSV holds every cell.
  const json = await save('导出 JSON');
  const data = JSON.parse(await readFile(json.path, 'utf8'));
  expect(data).toEqual(report);
  const schema = await (await filer.request.get('/schema/published-report.schema.json')).json();
  const validate = new Ajv2020({ strict: false }).compile(schema);
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  const csv = await save('表格数据 CSV');
  expect(csv.name).toBe(`${STEM}.csv`);
  const [header, ...rows] = parseCsv((await readFile(csv.path, 'utf8')).replace(/^\uFEFF/, ''));
  expect(header).toEqual(['表', '行', '列', '值', 'table', 'row', 'column']);
  expect(rows).toHaveLength(10 + 25 * 7 + 15);
  for (const [, , , value, t, r, c] of rows) expect(value, `${t}.${r}.${c}`).toBe(String(report.tables[t][r][c]));
});

test('the district package: one ZIP of the approved reports with index, summary and schema', async ({ browser }, info) => {
  const reviewerCtx = await browser.newContext({ acceptDownloads: true });
  const reviewer = await reviewerCtx.newPage();
  await login(reviewer, 'wenfeng');
  await reviewer.goto(`/review?year=${YEAR}`);
  const panel = reviewer.getByTestId('package-download');
  const [download] = await Promise.all([reviewer.waitForEvent('download'), panel.getByRole('button', { name: /打包下载（1 份已通过的报告）/ }).click()]);
  expect(download.suggestedFilename()).toBe(`文峰区辖区${YEAR}年政府信息公开工作年度报告汇编.zip`);
  await expect(panel.getByTestId('package-done')).toContainText('8 个文件');
  await reviewer.screenshot({ path: info.outputPath('package-ui.png') });
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files)).toEqual([
    `${STEM}.pdf`,
    `${STEM}.docx`,
    `${STEM}.html`,
    `${STEM}.json`,
    'index.html',
    `文峰区${YEAR}年度政府信息公开情况汇总.xlsx`,
    'published-report.schema.json',
    'README.txt',
  ]);
  expect(Buffer.from(files[`${STEM}.pdf`].subarray(0, 5)).toString()).toBe('%PDF-');
  expect(Buffer.from(files['index.html']).toString()).toContain(`<td>${YEAR + 1}年1月20日</td>`);
  expect(await seriousViolations(reviewer)).toEqual([]);
  await reviewer.setViewportSize({ width: 390, height: 844 });
  await reviewer.screenshot({ path: info.outputPath('package-ui-390.png'), fullPage: true });
});
