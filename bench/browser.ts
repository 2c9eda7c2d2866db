/**
 * Browser benchmarks on the production build: keystroke → check panel and cell highlight
 * updated, and the editor page's first-load JavaScript (gzipped). Starts its own server on a
 * fresh embedded database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import { summarize, type BenchResult } from './stats';
import { loadSeedFixtures } from '../test/fixtures/load';

const PORT = Number(process.env.BENCH_PORT) || 3230;
const BASE = `http://127.0.0.1:${PORT}`;

async function startServer(): Promise<ChildProcess> {
  // Always a fresh build: an old .next would measure yesterday's code. BENCH_REUSE_BUILD=1 skips
  // it when the build is known to be current.
  if (process.env.BENCH_REUSE_BUILD !== '1' || !existsSync('.next/BUILD_ID')) {
    console.log('building the production app (next build)…');
    const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('next build failed');
  }
  rmSync('data/bench', { recursive: true, force: true });
  const server = spawn('node', ['server.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, NIANBAO_DATA_DIR: 'data/bench', NIANBAO_DEMO: '1' },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function loginAndCreate(page: Page): Promise<string> {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('用户名').fill('ziwei');
  await page.getByLabel('密码').fill('nianbao2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/reports');
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Sum of the gzipped sizes of every script the editor page loads on a first visit (empty cache). */
async function firstLoadJs(page: Page, url: string): Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') sizes.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

async function keystrokeLatency(page: Page, trials: number): Promise<number[]> {
  await page.getByRole('navigation', { name: '报告各部分' }).getByRole('button', { name: /三、/ }).click();
  // Fill 表三 with zeros first (a realistic, fully rendered grid).
  const block = Array.from({ length: 25 }, () => Array(7).fill('0').join('\t')).join('\n');
  await page.locator('[data-cell="table3.newReceived.natural"]').focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  const cell = page.locator('[data-cell="table3.newReceived.natural"]');
  const samples: number[] = [];
  for (let i = 0; i < trials + 3; i++) {
    await cell.focus();
    // Still focused from the last trial, so focus alone does not select: the key must replace.
    await cell.evaluate((el) => (el as HTMLInputElement).select());
    const breaking = i % 2 === 0; // alternate 1 (breaks R1 in 自然人) and 0 (balanced again)
    // Arm the observer first and wait until it is armed, then type: a keystroke that raced
    // ahead of the listener would never be measured.
    await page.evaluate((expectFlag) => {
      (window as unknown as { __latency: Promise<number> }).__latency = new Promise<number>((resolve) => {
        let t0 = 0;
        const input = document.querySelector('[data-cell="table3.newReceived.natural"]')!;
        input.addEventListener('keydown', (e) => (t0 = e.timeStamp), { once: true, capture: true });
        // No named inner functions here: tsx would wrap them in a helper the page does not have.
        const obs = new MutationObserver(() => {
          const flagged = document.querySelectorAll('td.flagged').length > 0;
          const inPanel = !!document.querySelector('[data-testid="findings"] li[data-rule="R1"]');
          if (t0 > 0 && flagged === expectFlag && inPanel === expectFlag) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0)); // until the frame is painted
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    }, breaking);
    await page.keyboard.press(breaking ? '1' : '0');
    const ms = await page.evaluate(() => (window as unknown as { __latency: Promise<number> }).__latency);
    if (i >= 3) samples.push(ms); // the first few warm up the JIT
  }
  return samples;
}

/** Puts a seed report's content into the report just created (an autosave, as the editor does). */
async function fillWithSeed(page: Page, url: string): Promise<string> {
  const id = url.split('/').pop()!;
  const current = await (await page.request.get(`${BASE}/api/reports/${id}`)).json();
  const seed = loadSeedFixtures().find((s) => s.name.startsWith('003'))!.report;
  const content = { ...seed, meta: { ...seed.meta, agencyName: current.content.meta.agencyName, year: current.year, title: null } };
  const res = await page.request.put(`${BASE}/api/reports/${id}`, { data: { baseVersion: current.version, content } });
  if (!res.ok()) throw new Error(`could not save the seed content: ${res.status()}`);
  return id;
}

/** The alternative a user might reach for: Chromium printing our HTML preview (warm browser). */
async function chromiumPrint(page: Page, url: string, runs: number): Promise<number[]> {
  await page.goto(url);
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const html = await page.getByTestId('preview').evaluate((el) => el.outerHTML);
  const css = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href));
  const print = await page.context().browser()!.newPage();
  await print.setContent(`<html lang="zh-CN"><head>${css.map((h) => `<link rel="stylesheet" href="${h}">`).join('')}
    <style>@page { size: A4; margin: 0 } body { margin: 0; background: #fff } .doc-sheet { box-shadow: none }</style></head><body>${html}</body></html>`);
  await print.waitForLoadState('networkidle');
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    await print.pdf({ format: 'A4', printBackground: true });
    if (i > 0) samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * A plain page request (the login page) while PDFs render, against an idle baseline. Each round
 * saves a new version of two reports and asks for both PDFs at once: a version already rendered
 * would come from the PDF cache and render nothing, and one user may have two renders at a time.
 */
async function responsivenessUnderPdfLoad(page: Page, id: string): Promise<{ idle: number[]; loaded: number[]; pdfs: number[] }> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const timed = async (path: string, headers: Record<string, string> = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${BASE}${path}`, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  const first = await (await page.request.get(`${BASE}/api/reports/${id}`)).json();
  const created = await page.request.post(`${BASE}/api/reports`, {
    data: { agencyId: first.agencyId, year: first.year + 1, content: { ...first.content, meta: { ...first.content.meta, year: first.year + 1 } } },
  });
  if (!created.ok()) throw new Error(`could not create a second report: ${created.status()}`);
  const ids = [id, ((await created.json()) as { id: string }).id];
  let edit = 0;
  const newVersion = async (reportId: string) => {
    const now = await (await page.request.get(`${BASE}/api/reports/${reportId}`)).json();
    now.content.text.overview.proactive = `第 ${++edit} 次修改：本年度主动公开政府信息 ${100 + edit} 条。`;
    const res = await page.request.put(`${BASE}/api/reports/${reportId}`, { data: { baseVersion: now.version, content: now.content } });
    if (!res.ok()) throw new Error(`save ${res.status()}`);
  };
  await timed(`/api/reports/${id}/pdf`, { cookie }); // the pool starts and parses its fonts
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await timed('/login'));
  const loaded: number[] = [];
  const pdfs: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const r of ids) await newVersion(r);
    let rendering = true;
    const both = Promise.all(ids.map((r) => timed(`/api/reports/${r}/pdf`, { cookie }).then((ms) => pdfs.push(ms)))).finally(() => (rendering = false));
    while (rendering) {
      loaded.push(await timed('/login'));
      await new Promise((r) => setTimeout(r, 20));
    }
    await both;
  }
  return { idle, loaded, pdfs };
}

/**
 * A plain page request while ten hostile uploads are parsed (issue 10 §1): five DOCX of ~90 KB
 * that unpack to 29 MB of tiny paragraphs and five 2 MB text files, posted at once, twice.
 */
export async function responsivenessUnderImportLoad(page: Page): Promise<{ loaded: number[]; statuses: number[] }> {
  const { hostileDocx, hostileText } = await import('../test/support/hostile');
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const files = [new Blob([hostileDocx() as BlobPart]), new Blob([hostileText() as BlobPart])];
  const loaded: number[] = [];
  const statuses: number[] = [];
  for (let round = 0; round < 2; round++) {
    let parsing = true;
    const ten = Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const form = new FormData();
        form.set('file', files[i % 2], i % 2 ? 'x.txt' : 'x.docx');
        return fetch(`${BASE}/api/import`, { method: 'POST', body: form, headers: { cookie, origin: BASE } }).then(async (r) => {
          await r.arrayBuffer();
          statuses.push(r.status);
        });
      }),
    ).finally(() => (parsing = false));
    while (parsing) {
      const t0 = performance.now();
      const res = await fetch(`${BASE}/login`);
      await res.arrayBuffer();
      loaded.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    await ten;
  }
  return { loaded, statuses };
}

export async function benchBrowser(): Promise<BenchResult[]> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const url = await loginAndCreate(page);
    const latency = await keystrokeLatency(page, 30);
    // Log in in one context…
    const cold = await (await browser.newContext()).newPage();
    await cold.goto(`${BASE}/login`);
    await cold.getByLabel('用户名').fill('ziwei');
    await cold.getByLabel('密码').fill('nianbao2026');
    await cold.getByRole('button', { name: '登录' }).click();
    await cold.waitForURL('**/reports');
    // …then a fresh context with only the session cookie: nothing cached.
    const fresh = await browser.newContext({ storageState: await cold.context().storageState() });
    const jsBytes = await firstLoadJs(await fresh.newPage(), url);
    const id = await fillWithSeed(page, url);
    const print = await chromiumPrint(page, url, 5);
    const load = await responsivenessUnderPdfLoad(page, id);
    const imports = await responsivenessUnderImportLoad(page);
    const counts = [...new Set(imports.statuses)].map((st) => `${imports.statuses.filter((x) => x === st).length}×${st}`).join(', ');
    return [
      summarize('keystroke → panel + highlight (Chromium, prod)', latency, 'ms', 'p95 ≤ 50 ms'),
      { name: 'editor first-load JS (gzip)', runs: 1, median: jsBytes / 1024, p95: jsBytes / 1024, unit: 'KB', target: '≤ 300 KB' },
      summarize('alternative: Chromium page.pdf() of the preview, warm', print, 'ms', 'baseline'),
      summarize('page request, server idle', load.idle, 'ms'),
      summarize('page request while 2 new-version PDFs render', load.loaded, 'ms', '≤ 100 ms'),
      summarize('PDF request, 2 new versions at once (HTTP)', load.pdfs, 'ms'),
      summarize(`page request while 10 hostile uploads are parsed (answers: ${counts})`, imports.loaded, 'ms', 'p95 ≤ 100 ms'),
    ];
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      server.kill('SIGTERM');
    }
  }
}
