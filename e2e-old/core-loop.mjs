// The core loop in a real old Chromium (issue 22): `node e2e-old/core-loop.mjs <86|92> <baseURL>`
// against a demo server (NIANBAO_DEMO=1, fresh data). A filer signs in, creates a report, fills
// every part (the meta fields and texts typed, 表二/表三/表四 pasted as from Excel), sees the
// live check flag and clear 表三, has the autosave acknowledged (a PUT answered 200 with a
// version, and the status says that version), previews, downloads the PDF, the Word file and the
// JSON and submits; another filer imports a published report; the reviewer finds the report in
// the review list, comments, approves, opens the downloaded publication page, downloads the
// district package, and opens the summary and 辖区分析 with its charts; the administrator
// creates an agency.
// Fails on any uncaught page error, a page whose script never hydrates, or no acknowledged save.
// SCREENSHOTS=<dir> keeps a 1366×768 screenshot of every step.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS, ensureKernel } from './old-chromium.mjs';

const major = process.argv[2] ?? '86';
const base = (process.argv[3] ?? 'http://127.0.0.1:3310').replace(/\/$/, '');
const year = Number(process.env.OLD_BROWSER_YEAR ?? 2023);
const shots = process.env.SCREENSHOTS ? join(process.env.SCREENSHOTS, `chromium-${major}`) : null;
const PASSWORD = 'nianbao2026';
const FILER_AGENCY = '文峰区紫薇大道街道办事处';
const T = 20_000;

const { executablePath, puppeteer } = ensureKernel(major);
const started = Date.now();
const problems = [];
const log = (s) => console.log(`[${major}] ${((Date.now() - started) / 1000).toFixed(1)} s ${s}`);

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ARGS,
  defaultViewport: { width: 1366, height: 768 },
  // A UTF-8 locale: with an ASCII one Chromium cannot write a Chinese file name and calls the download 「download」.
  env: { ...process.env, TZ: 'Asia/Shanghai', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
});
const version = await browser.version();
if (!version.includes(`/${major}.`)) throw new Error(`expected Chromium ${major}, got ${version}`);
log(`${version} ${executablePath}`);

let current = null;
/** A page in its own context (cookies of its own), with every script error recorded. */
async function newPage(who) {
  const ctx = await browser.createIncognitoBrowserContext();
  const page = await ctx.newPage();
  current = page;
  await page.setViewport({ width: 1366, height: 768 });
  page.on('pageerror', (e) => problems.push(`${who}: uncaught ${e.message.split('\n')[0]} (${page.url()})`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /hydrat|Minified React error|ChunkLoadError/i.test(m.text())) problems.push(`${who}: console ${m.text().slice(0, 200)}`);
  });
  page.setDefaultTimeout(T);
  return page;
}

function check(ok, what) {
  if (!ok) throw new Error(what);
}

/** React has hydrated the page: its elements carry React's fiber keys. */
async function hydrated(page, what) {
  try {
    await page.waitForFunction(() => !!document.body && Object.keys(document.body).some((k) => k.startsWith('__react')), { timeout: T });
  } catch {
    throw new Error(`${what}: the page never hydrated (${page.url()})`);
  }
}

let shot = 0;
async function screenshot(page, name, fullPage = false) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage });
}

/** Lets the page's context save downloads into a fresh folder (Page.setDownloadBehavior does not reach incognito contexts). */
async function downloadsOf(page) {
  const dir = mkdtempSync(join(tmpdir(), `old-chromium-${major}-`));
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', browserContextId: page.browserContext()._id, downloadPath: dir });
  return dir;
}

/** The first element of `selector` whose text is `text` (trimmed), or whose text matches it. */
async function byText(page, selector, text) {
  const handle = await page.waitForFunction(
    (sel, t, isRe) => [...document.querySelectorAll(sel)].find((e) => (isRe ? new RegExp(t).test(e.textContent) : e.textContent.trim() === t)),
    { timeout: T },
    selector,
    text instanceof RegExp ? text.source : text,
    text instanceof RegExp,
  );
  return handle.asElement();
}

async function clickText(page, selector, text) {
  const el = await byText(page, selector, text);
  await el.click();
}

async function typeInto(page, selector, text) {
  await page.waitForSelector(selector, { visible: true });
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

async function login(page, username) {
  await page.goto(`${base}/login`, { waitUntil: 'load' });
  await hydrated(page, 'login');
  await screenshot(page, `login-${username}`);
  await typeInto(page, '#username', username);
  await typeInto(page, '#password', PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form button[type="submit"]')]);
  check(!page.url().endsWith('/login'), `${username}: sign-in failed`);
  log(`${username} signed in`);
}

/** Opens the editor's step whose button text contains `name`. */
async function openStep(page, name) {
  await clickText(page, 'nav[aria-label="报告各部分"] button', new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.waitForFunction((s) => document.querySelector('nav[aria-label="报告各部分"] [aria-current="step"]')?.textContent.includes(s), {}, name);
}

/** A paste as Excel or WPS gives it, at the focused cell. */
async function paste(page, selector, rows) {
  await page.focus(selector);
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, rows.map((r) => r.join('\t')).join('\r\n') + '\r\n');
}

/** A block of zeros as wide and tall as the grid, pasted at its first editable cell. */
async function pasteZeros(page) {
  const { rows, cols } = await page.evaluate(() => {
    // Computed cells (totals) count too: a block copied from a spreadsheet has them, the grid skips them.
    const inputs = [...document.querySelectorAll('table.grid input[data-cell]')];
    const trs = new Set(inputs.map((i) => i.closest('tr')));
    const perRow = Math.max(...[...trs].map((tr) => tr.querySelectorAll('input[data-cell]').length));
    return { rows: trs.size, cols: perRow };
  });
  await paste(page, 'table.grid input[data-cell]:not([readonly])', Array.from({ length: rows }, () => Array(cols).fill('0')));
}

async function filer() {
  const page = await newPage('filer');
  const saves = [];
  page.on('response', async (res) => {
    if (res.request().method() === 'PUT' && /\/api\/reports\/[0-9a-f-]{36}$/.test(res.url())) {
      const body = await res.json().catch(() => ({}));
      saves.push({ status: res.status(), version: body.version });
    }
  });
  await login(page, 'ziwei');
  await hydrated(page, 'report list');
  await screenshot(page, 'reports');

  // 新建报告
  await typeInto(page, '#year', String(year));
  await clickText(page, 'button', '新建报告');
  // The editor, or the form's refusal (say, the office has a report for that year already).
  await page.waitForFunction(() => /\/reports\/[0-9a-f-]{36}$/.test(location.pathname) || document.querySelector('form [role="alert"]'));
  const refusal = await page.$eval('form [role="alert"]', (e) => e.textContent).catch(() => null);
  check(!refusal, `新建 ${year} 年度报告被拒：${refusal}`);
  const id = page.url().split('/').pop();
  await page.waitForSelector('[data-testid="report-editor"][data-started]').catch(() => {
    throw new Error('editor: its script never started (the boot notice stayed)');
  });
  await hydrated(page, 'editor');
  check((await page.$('[data-testid="editor-boot"]')) === null, 'editor: the boot notice is still shown');
  log(`report ${id} created, editor live`);
  await screenshot(page, 'editor-meta');

  // 基本信息: the contact fields.
  await typeInto(page, '#meta-contact', '紫薇大道街道党政办');
  await typeInto(page, '#meta-contactPhone', '0372-1234567');

  // Every text part of every section, typed.
  const steps = await page.$$eval('nav[aria-label="报告各部分"] button', (bs) => bs.map((b) => b.textContent.trim()));
  for (const step of steps.slice(1)) {
    await openStep(page, step);
    const areas = await page.$$('textarea[id^="part-"]:not([readonly])');
    for (const a of areas) {
      const areaId = await a.evaluate((e) => e.id);
      await typeInto(page, `#${areaId}`, areaId.endsWith('processingFee') ? '本年度未收取信息处理费。' : '本年度相关工作情况。');
    }
    if (/主动公开政府信息情况/.test(step) || /行政复议、行政诉讼/.test(step)) {
      await pasteZeros(page);
      await screenshot(page, step.startsWith('二') ? 'table2' : 'table4');
    }
    if (/收到和处理政府信息公开申请情况/.test(step)) {
      await pasteZeros(page);
      await page.waitForFunction(() => document.querySelector('[data-cell="table3.resultsTotal.total"]')?.value === '0');
      // 自然人: 3 new, 2 granted, none carried forward — the live check flags the column.
      await typeInto(page, '[data-cell="table3.newReceived.natural"]', '3');
      // The keyboard moves through the grid as in a spreadsheet.
      await page.focus('[data-cell="table3.newReceived.natural"]');
      await page.keyboard.press('ArrowDown');
      check((await page.evaluate(() => document.activeElement.getAttribute('data-cell'))) === 'table3.carriedOver.natural', 'ArrowDown did not move to the next row');
      await typeInto(page, '[data-cell="table3.granted.natural"]', '2');
      await page.waitForSelector('[data-testid="findings"] li[data-rule="R1"]');
      await page.waitForSelector('table.grid td.flagged');
      log('表三: the live check flags 自然人');
      await screenshot(page, 'table3-check');
      await typeInto(page, '[data-cell="table3.carriedForward.natural"]', '1');
      await page.waitForFunction(() => !document.querySelector('[data-testid="findings"] li[data-rule="R1"]'));
      await screenshot(page, 'table3');
    }
  }

  // The autosave is acknowledged: a PUT answered 200 with a version, and the status says so.
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved' && /已保存/.test(document.querySelector('[data-testid="save-status"]').textContent), { timeout: 30_000 });
  const acked = saves.filter((s) => s.status === 200 && Number.isInteger(s.version));
  check(acked.length > 0, `no acknowledged save (PUTs: ${JSON.stringify(saves)})`);
  const shown = Number(await page.$eval('[data-testid="save-status"]', (e) => e.getAttribute('data-version')));
  check(shown === acked[acked.length - 1].version, `the status says version ${shown}, the server acknowledged ${acked[acked.length - 1].version}`);
  log(`autosave acknowledged: ${acked.length} saves, version ${shown}`);

  // 预览
  await clickText(page, '.editor-head button', '预览');
  await page.waitForSelector('.preview-pane');
  await byText(page, '.preview-pane *', new RegExp(`${FILER_AGENCY.slice(0, 5)}`));
  await page.evaluate(() => document.querySelector('.preview-pane').scrollIntoView());
  await screenshot(page, 'preview');
  log('preview shown');

  // 下载 PDF, 下载 Word, 导出 JSON
  const downloads = await downloadsOf(page);
  const pdfAnswer = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${id}/pdf`), { timeout: 60_000 });
  await page.click('[data-testid="file-pdf"]');
  check((await pdfAnswer).status() === 200, `PDF: answered ${(await pdfAnswer).status()}`);
  const pdf = await waitForFile(downloads, /\.pdf$/, 20_000);
  check(readFileSync(join(downloads, pdf)).subarray(0, 5).toString() === '%PDF-', 'the PDF download is not a PDF');
  log(`PDF downloaded: ${pdf}`);
  await page.click('[data-testid="file-docx"]');
  const docx = await waitForFile(downloads, /\.docx$/, 60_000);
  check(readFileSync(join(downloads, docx)).subarray(0, 2).toString() === 'PK', 'the Word download is not a DOCX');
  await clickText(page, '.editor-head a', '导出 JSON');
  const json = await waitForFile(downloads, /\.json$/, 20_000);
  check(JSON.parse(readFileSync(join(downloads, json), 'utf8')).tables?.table3?.newReceived?.natural === 3, 'the JSON export lacks 表三');
  log('Word and JSON downloaded');

  // 提交审核
  await clickText(page, '.editor-head button', '提交审核');
  await page.waitForSelector('dialog[open]');
  await clickText(page, 'dialog[open] button', '确定提交');
  await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent.trim() === '已提交', { timeout: T }).catch(async () => {
    const err = await page.$eval('[data-testid="transition-error"]', (e) => e.textContent).catch(() => '');
    throw new Error(`submit failed ${err}`);
  });
  await screenshot(page, 'submitted');
  log('submitted');
  rmSync(downloads, { recursive: true, force: true });
  await page.browserContext().close();
  return id;
}

/** Another filer imports a published report (seed 004, a text file) and keeps it as a draft. */
async function importer() {
  const page = await newPage('importer');
  await login(page, 'dongdajie');
  await page.goto(`${base}/reports/import`, { waitUntil: 'load' });
  await hydrated(page, 'import');
  const input = await page.waitForSelector('#import-file:not([disabled])');
  await input.uploadFile(new URL('../test/fixtures/seeds/004_2b84c46586bd41e1.txt', import.meta.url).pathname);
  await byText(page, '[data-testid="import-summary"]', /2024 年度/);
  await page.waitForSelector('[data-testid="preview"] td[data-cell="table2.punishment.decisions"]');
  await screenshot(page, 'import');
  await clickText(page, 'button', '导入为草稿');
  // A draft, or — the second kernel on the same server — the report of that year exists already.
  await page.waitForFunction(() => /\/reports\/[0-9a-f-]{36}$/.test(location.pathname) || /已经存在/.test(document.querySelector('.alert.error')?.textContent ?? ''));
  if (/\/reports\/[0-9a-f-]{36}$/.test(page.url())) await page.waitForSelector('[data-testid="report-editor"][data-started]');
  log('imported');
  await page.browserContext().close();
}

async function waitForFile(dir, pattern, timeout = 60_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const done = readdirSync(dir).find((f) => pattern.test(f));
    if (done) return done;
    if (Date.now() > until) throw new Error(`no download matching ${pattern} in ${timeout / 1000} s (${dir}: ${readdirSync(dir).join(", ") || "empty"})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function reviewer(id) {
  const page = await newPage('reviewer');
  await login(page, 'wenfeng');
  await page.goto(`${base}/review?year=${year}`, { waitUntil: 'load' });
  await hydrated(page, 'review list');
  const row = `[data-testid="district-table"] tr[data-agency="${FILER_AGENCY}"]`;
  await page.waitForSelector(row);
  check(/已提交/.test(await page.$eval(row, (e) => e.textContent)), 'the review list does not show the report as 已提交');
  await screenshot(page, 'review-list');
  log('review list');

  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${row} a.btn`)]);
  check(page.url().endsWith(`/reports/${id}`), `审核 went to ${page.url()}`);
  await page.waitForSelector('[data-testid="report-editor"][data-started]');
  // A comment on a part of the text.
  await openStep(page, '一、总体情况');
  await page.click('#part-overview-proactive');
  await page.waitForFunction(() => document.activeElement?.id === 'comment-overview');
  await page.keyboard.type('请补充主动公开的发布条数');
  await clickText(page, 'button', '发表意见');
  await byText(page, '[data-testid="comments"] li', /请补充主动公开的发布条数/);
  await screenshot(page, 'review-comment');
  log('comment posted');

  // 审核通过
  await clickText(page, '.editor-head button', '审核通过');
  await page.waitForSelector('dialog[open]');
  await clickText(page, 'dialog[open] button', '审核通过');
  await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]')?.textContent.trim() === '已通过', { timeout: T });
  log('approved');
  await screenshot(page, 'approved');
  // The publication page, as downloaded, opened from disk.
  const downloads = await downloadsOf(page);
  await clickText(page, '.editor-head a', '发布用网页');
  const html = await waitForFile(downloads, /\.html$/, 30_000);
  const pub = await page.browserContext().newPage();
  await pub.goto(`file://${join(downloads, html)}`, { waitUntil: 'load' });
  check((await pub.$eval('h1', (e) => e.textContent)).includes(FILER_AGENCY), 'the publication page has no title');
  await screenshot(pub, 'publication-page');
  await pub.close();
  log('publication page');

  // 打包下载 on the review list: the stream is read with its progress, then saved.
  await page.goto(`${base}/review?year=${year}`, { waitUntil: 'load' });
  await hydrated(page, 'review list');
  await clickText(page, '[data-testid="package-download"] button', /打包下载/);
  const zip = await waitForFile(downloads, /\.zip$/, 120_000);
  check(readFileSync(join(downloads, zip)).subarray(0, 2).toString() === 'PK', 'the package is not a ZIP');
  log(`package downloaded: ${zip}`);
  rmSync(downloads, { recursive: true, force: true });

  await page.goto(`${base}/review/summary?year=${year}`, { waitUntil: 'load' });
  await hydrated(page, 'summary');
  await page.waitForSelector('[data-testid="summary-counts"]');
  await screenshot(page, 'summary', true);
  log('summary');

  await page.goto(`${base}/review/insight?year=${year}`, { waitUntil: 'load' });
  await hydrated(page, 'insight');
  await page.waitForSelector('[data-testid^="chart-"] svg');
  await screenshot(page, 'insight', true);
  log('辖区分析');
  await page.browserContext().close();
}

/** The administrator creates a street office (a server action through the hydrated form). */
async function administrator() {
  const page = await newPage('admin');
  await login(page, 'admin');
  await page.goto(`${base}/admin`, { waitUntil: 'load' });
  await hydrated(page, 'admin');
  const name = `文峰区旧内核${major}号${Date.now() % 100000}街道办事处`; // unique on a server that ran before
  await typeInto(page, '#agency-name', name);
  await clickText(page, 'form[aria-labelledby="new-agency"] button', '创建机关');
  await byText(page, 'form[aria-labelledby="new-agency"] [role="status"]', '机关已创建');
  await page.waitForSelector(`[data-testid="agency-tree"] li[data-agency="${name}"]`);
  await screenshot(page, 'admin', true);
  log('admin created an agency');
  await page.browserContext().close();
}

let failed = null;
try {
  const id = await filer();
  await importer();
  await reviewer(id);
  await administrator();
} catch (e) {
  failed = e;
  const where = join(process.env.SCREENSHOTS ?? tmpdir(), `old-chromium-${major}-failure.png`);
  await current?.screenshot({ path: where, fullPage: true }).then(() => console.error(`[${major}] the page at the failure: ${where}`), () => {});
} finally {
  await browser.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failed || problems.length) {
  console.error(`[${major}] FAILED after ${seconds} s`);
  if (failed) console.error(`  ${failed.stack ?? failed}`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`[${major}] passed in ${seconds} s`);
