#!/usr/bin/env node
/**
 * The offline package's smoke test, the client half (.ci/offline-smoke.sh starts the server):
 * what a filer does on a new installation, over HTTP as a browser would —
 * sign in as the demo filer (the login page's own form, posted without JavaScript), create a
 * report, save it, download its PDF and its Word file, import the PDF. Every step must answer
 * as expected, or this exits non-zero saying which step failed.
 *
 *   node .ci/smoke-client.mjs BASE_URL OUT_DIR [--only-pdf]
 * --only-pdf (the arm64 run under emulation): /healthz, sign in, create, one PDF.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [base, outDir, flag] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: smoke-client.mjs BASE_URL OUT_DIR [--only-pdf]');
  process.exit(2);
}
const onlyPdf = flag === '--only-pdf';
mkdirSync(outDir, { recursive: true });
const origin = new URL(base).origin;
let cookie = '';
const t0 = performance.now();

function step(name) {
  const s = performance.now();
  return (detail = '') => console.log(`smoke: ${name} ok (${Math.round(performance.now() - s)} ms)${detail ? ` ${detail}` : ''}`);
}
function fail(msg) {
  console.error(`smoke: FAILED — ${msg}`);
  process.exit(1);
}
async function call(url, init = {}) {
  const headers = { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}), origin };
  return fetch(new URL(url, base), { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(init.timeout ?? 120_000) });
}
async function expectOk(res, what, type) {
  if (res.status !== 200 && res.status !== 201) fail(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  if (type && !(res.headers.get('content-type') ?? '').includes(type)) fail(`${what}: content-type ${res.headers.get('content-type')}`);
  return res;
}
const unescape = (s) => s.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const attr = (html, name) => {
  const raw = html.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  return raw === undefined ? undefined : unescape(raw);
};

// 0. The health check answers (the caller waited for the port).
{
  const done = step('healthz');
  const res = await expectOk(await call('/healthz'), '/healthz', 'application/json');
  const body = await res.json();
  if (body.database !== 'ok') fail(`/healthz: ${JSON.stringify(body)}`);
  done(JSON.stringify(body));
}

// 1. Sign in through the login page's form, as a browser without JavaScript posts it.
{
  const done = step('sign in as ziwei');
  const page = await (await expectOk(await call('/login'), 'GET /login', 'text/html')).text();
  const form = page.match(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/i)?.[1];
  if (!form) fail('no sign-in form on /login');
  const data = new FormData();
  for (const input of form.match(/<input[^>]*>/g) ?? []) {
    const name = attr(input, 'name');
    if (name && /type="hidden"/.test(input)) data.append(name, attr(input, 'value') ?? '');
  }
  data.append('username', 'ziwei');
  data.append('password', 'nianbao2026');
  const res = await call('/login', { method: 'POST', body: data });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('nianbao_session=') || /session/i.test(c.split('=')[0]));
  if (!set) fail(`sign-in: HTTP ${res.status}, no session cookie`);
  cookie = set.split(';')[0];
  done();
}

// 2. Create this year's report for the filer's office (the 报告 page's form names it).
let id;
let version;
let content;
{
  const done = step('create a report');
  const page = await (await expectOk(await call('/reports'), 'GET /reports', 'text/html')).text();
  const agencyId = page.match(/<select[^>]*name="agencyId"[^>]*>[\s\S]*?<option[^>]*value="([^"]+)"/)?.[1];
  if (!agencyId) fail('no office to create a report for on /reports');
  const year = new Date().getFullYear() - 1;
  const res = await call('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agencyId, year }) });
  const created = await (await expectOk(res, 'POST /api/reports')).json();
  id = created.id;
  const record = await (await expectOk(await call(`/api/reports/${id}`), 'GET /api/reports/:id')).json();
  version = record.version;
  content = record.content;
  if (!id || !version || !content) fail(`create: ${JSON.stringify(created).slice(0, 200)}`);
  done(`id ${id}`);
}

// 3. Save: a paragraph and a few numbers, as the editor's autosave sends them.
if (!onlyPdf) {
  const done = step('save');
  const text = '本年度，本街道认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。';
  const section = Object.keys(content.text ?? {})[0];
  const part = section && Object.keys(content.text[section])[0];
  if (!part) fail(`save: the report has no text parts (${Object.keys(content)})`);
  content.text[section][part] = text;
  const res = await call(`/api/reports/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseVersion: version, content }) });
  const saved = await (await expectOk(res, 'PUT /api/reports/:id')).json();
  const again = await (await expectOk(await call(`/api/reports/${id}`), 'GET after save')).json();
  if (again.version <= version) fail(`save: version ${again.version} after ${version}`);
  if (again.content.text[section][part] !== text) fail('save: the saved text is not in the report');
  version = again.version;
  done(`version ${version} ${JSON.stringify(saved).slice(0, 80)}`);
}

// 4. The PDF.
let pdf;
{
  const done = step('download the PDF');
  const res = await expectOk(await call(`/api/reports/${id}/pdf`, { timeout: 600_000 }), 'GET pdf', 'application/pdf');
  pdf = Buffer.from(await res.arrayBuffer());
  if (pdf.subarray(0, 5).toString() !== '%PDF-' || pdf.length < 20_000) fail(`PDF: ${pdf.length} bytes, starts ${JSON.stringify(pdf.subarray(0, 8).toString())}`);
  writeFileSync(path.join(outDir, 'report.pdf'), pdf);
  done(`${pdf.length} bytes`);
}
if (onlyPdf) {
  console.log(`smoke: all steps ok in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(0);
}

// 5. The Word file.
{
  const done = step('download the DOCX');
  const res = await expectOk(await call(`/api/reports/${id}/docx`), 'GET docx', 'officedocument.wordprocessingml');
  const docx = Buffer.from(await res.arrayBuffer());
  if (docx.subarray(0, 2).toString() !== 'PK' || docx.length < 5_000) fail(`DOCX: ${docx.length} bytes`);
  writeFileSync(path.join(outDir, 'report.docx'), docx);
  done(`${docx.length} bytes`);
}

// 6. Import a PDF: the one just downloaded, read back by the importer in its worker thread.
{
  const done = step('import a PDF');
  const data = new FormData();
  data.append('file', new Blob([pdf], { type: 'application/pdf' }), '年报.pdf');
  const res = await expectOk(await call('/api/import', { method: 'POST', body: data }), 'POST /api/import', 'application/json');
  const result = await res.json();
  const report = result.report;
  if (!report || !JSON.stringify(report).includes('本街道认真贯彻落实')) fail(`import: ${JSON.stringify(result).slice(0, 300)}`);
  done(`${(result.findings ?? []).length} findings`);
}
console.log(`smoke: all steps ok in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
