/**
 * The authorization matrix, over HTTP against the production build: every route handler and
 * page × every role. Each cell asserts the status (allow, or the exact denial: 401 without a
 * session, 404 for a report outside the user's scope, 403 for a role that may see but not act),
 * and a denied answer must carry nothing of the report: neither the agency's name nor a marker
 * text written into the report. Allowed JSON and HTML answers must show the agency's name, so
 * the "carries nothing" check is known to be able to fail.
 *
 * The demo has one district, so a reviewer of another district is not among these accounts:
 * that row is covered on the services in test/integration/summary.test.ts.
 */
import { expect, request, test, type APIRequestContext, type APIResponse, type Browser, type Request } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, login } from './helpers';
import type { Report } from '../lib/report/types';

type Role = 'owner' | 'otherFiler' | 'reviewer' | 'admin' | 'anonymous';
const ROLES: Role[] = ['owner', 'otherFiler', 'reviewer', 'admin', 'anonymous'];
const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = { owner: 'ziwei', otherFiler: 'dongdajie', reviewer: 'wenfeng', admin: 'admin' };

const YEAR = 2030;
const AGENCY = '文峰区紫薇大道街道办事处';
const MARKER = '授权矩阵核对用的正文甲乙丙';

type Outcome = number | { redirect: string };
type Expected = Record<Role, Outcome>;
type Cell = { method: 'GET' | 'PUT' | 'POST'; path: () => string; body?: (role: Role) => Promise<Body> | Body };
type Body = { json: unknown } | { multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> };

/** The usual shape of a report route: readers 200, the other office 404, no session 401. */
const READ: Expected = { owner: 200, otherFiler: 404, reviewer: 200, admin: 200, anonymous: 401 };
const PAGE_READ: Expected = { ...READ, anonymous: { redirect: '/login' } };
const REVIEWER_PAGE: Expected = {
  owner: { redirect: '/reports' },
  otherFiler: { redirect: '/reports' },
  reviewer: 200,
  admin: 200,
  anonymous: { redirect: '/login' },
};

const isAllowed = (o: Outcome) => typeof o === 'number' && o < 300;

const as = {} as Record<Role, APIRequestContext>;
let id = '';
let agencyId = '';
let commentId = '';
let exported: Buffer = Buffer.alloc(0);

async function signedIn(browser: Browser, baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await browser.newContext({ baseURL });
  await login(await ctx.newPage(), username);
  const state = await ctx.storageState();
  await ctx.close();
  return request.newContext({ baseURL, storageState: state });
}

/** The report as its filer sees it now (for bodies that must name the current version). */
async function current(): Promise<{ version: number; status: string; content: Record<string, unknown> }> {
  const res = await as.owner.get(`/api/reports/${id}`);
  expect(res.status()).toBe(200);
  return res.json();
}

async function call(ctx: APIRequestContext, cell: Cell, role: Role): Promise<APIResponse> {
  const url = cell.path();
  const body = cell.body ? await cell.body(role) : undefined;
  const options = {
    maxRedirects: 0,
    ...(body && 'json' in body ? { data: body.json } : {}),
    ...(body && 'multipart' in body ? { multipart: body.multipart } : {}),
  };
  if (cell.method === 'GET') return ctx.get(url, options);
  if (cell.method === 'PUT') return ctx.put(url, options);
  return ctx.post(url, options);
}

async function check(cell: Cell, expected: Expected, { showsReport = true } = {}) {
  // Denials first: an allowed write (submit, approve) changes what the next role would meet.
  const order = [...ROLES].sort((a, b) => Number(isAllowed(expected[a])) - Number(isAllowed(expected[b])));
  for (const role of order) {
    const want = expected[role];
    const res = await call(as[role], cell, role);
    const where = `${role} ${cell.method} ${cell.path()}`;
    const type = res.headers()['content-type'] ?? '';
    const isText = /json|html|text\/plain|text\/csv|x-component/.test(type);
    const text = isText ? await res.text() : '';
    if (typeof want === 'number') expect(res.status(), `${where}: ${text.slice(0, 200)}`).toBe(want);
    else {
      expect(res.status(), where).toBe(307);
      expect(new URL(res.headers().location ?? '', 'http://x').pathname, where).toBe(want.redirect);
    }
    if (isAllowed(want)) {
      if (showsReport && isText) expect(text, `${where} shows the report`).toContain(AGENCY);
    } else {
      const raw = isText ? text : (await res.body()).toString('utf8');
      expect(raw, `${where} leaks the agency`).not.toContain(AGENCY);
      expect(raw, `${where} leaks the report text`).not.toContain(MARKER);
    }
  }
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }, info) => {
  const baseURL = info.project.use.baseURL!;
  for (const [role, username] of Object.entries(ACCOUNTS)) as[role as Role] = await signedIn(browser, baseURL, username);
  as.anonymous = await request.newContext({ baseURL });

  // The report under test: 紫薇大道's, complete (so it can be submitted), with a marker in its text.
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  await login(page, ACCOUNTS.owner);
  id = await createReport(page, YEAR);
  await ctx.close();
  const now = (await (await as.owner.get(`/api/reports/${id}`)).json()) as { version: number; agencyId: string; content: Report };
  agencyId = now.agencyId;
  const content = structuredClone(now.content);
  for (const table of Object.values(content.tables) as unknown as Record<string, Record<string, unknown>>[])
    for (const row of Object.values(table)) for (const col of Object.keys(row)) row[col] = col === 'amount' ? '0' : 0;
  for (const section of Object.values(content.text) as unknown as Record<string, string>[]) for (const part of Object.keys(section)) section[part] = MARKER;
  content.text.otherMatters.processingFee = '本年度未收取信息处理费。';
  expect((await as.owner.put(`/api/reports/${id}`, { data: { baseVersion: now.version, content } })).status()).toBe(200);
  exported = await (await as.owner.get(`/api/reports/${id}/export`)).body();
});

test.afterAll(async () => {
  for (const ctx of Object.values(as)) await ctx?.dispose();
});

/** Route handlers this matrix covers, as `METHOD /path/:param` (checked against app/ below). */
const covered = new Set<string>();
/** A matrix row for one route handler; the title starts with its `METHOD /path`. */
function route(title: string, body: () => Promise<void>) {
  covered.add(title.split(' ').slice(0, 2).join(' '));
  test(title, body);
}

const report = (suffix = '') => () => `/api/reports/${id}${suffix}`;
const save: Cell['body'] = async () => {
  const now = await current();
  return { json: { baseVersion: now.version, content: now.content } };
};

route('GET /api/reports/:id', () => check({ method: 'GET', path: report() }, READ));

route('PUT /api/reports/:id (autosave)', () =>
  check({ method: 'PUT', path: report(), body: save }, { owner: 200, otherFiler: 404, reviewer: 403, admin: 403, anonymous: 401 }, { showsReport: false }));

// 「未填写的单元格填 0」: whoever may edit. The report under test is complete, so the owner gets
// through the permission check to 「这张表没有未填写的单元格」 (400) and nothing is changed.
route('POST /api/reports/:id/fill-blanks', () =>
  check(
    { method: 'POST', path: report('/fill-blanks'), body: async () => ({ json: { table: 'table3', version: (await current()).version } }) },
    { owner: 400, otherFiler: 404, reviewer: 403, admin: 403, anonymous: 401 },
    { showsReport: false },
  ));

route('GET /api/reports/:id/export', () => check({ method: 'GET', path: report('/export') }, READ));

route('GET /api/reports/:id/pdf', () => check({ method: 'GET', path: report('/pdf') }, READ));

route('GET /api/reports/:id/docx', () => check({ method: 'GET', path: report('/docx') }, READ));

route('GET /api/reports/:id/html', () => check({ method: 'GET', path: report('/html') }, READ));

// The CSV holds the numbers only (open data), not the agency's name.
route('GET /api/reports/:id/csv', () => check({ method: 'GET', path: report('/csv') }, READ, { showsReport: false }));

route('GET /api/reports/:id/comments', () => check({ method: 'GET', path: report('/comments') }, READ, { showsReport: false }));

route('POST /api/reports/:id/comments', async () => {
  await check(
    { method: 'POST', path: report('/comments'), body: () => ({ json: { section: 'overview', body: '请核对' } }) },
    { owner: 403, otherFiler: 404, reviewer: 201, admin: 403, anonymous: 401 },
    { showsReport: false },
  );
  const comments = (await (await as.owner.get(`/api/reports/${id}/comments`)).json()) as { id: string }[];
  expect(comments).toHaveLength(1);
  commentId = comments[0].id;
});

route('POST /api/comments/:id/resolve', () =>
  check(
    { method: 'POST', path: () => `/api/comments/${commentId}/resolve` },
    { owner: 200, otherFiler: 404, reviewer: 200, admin: 403, anonymous: 401 },
    { showsReport: false },
  ));

route('POST /api/reports/:id/transition — submit, then approve', async () => {
  const transition = (key: string) => async () => {
    const now = await current();
    return { json: { transition: key, from: now.status, version: now.version } };
  };
  const cell = (key: string): Cell => ({ method: 'POST', path: report('/transition'), body: transition(key) });
  await check(cell('submit'), { owner: 200, otherFiler: 404, reviewer: 403, admin: 403, anonymous: 401 }, { showsReport: false });
  expect((await current()).status).toBe('submitted');
  await check(cell('approve'), { owner: 403, otherFiler: 404, reviewer: 200, admin: 403, anonymous: 401 }, { showsReport: false });
  expect((await current()).status).toBe('approved');
});

route('POST /api/reports (create)', () => {
  // Each role asks for its own year, so an allowed create never meets the one before it.
  const year: Record<Role, number> = { owner: 2031, otherFiler: 2032, reviewer: 2033, admin: 2034, anonymous: 2035 };
  return check(
    { method: 'POST', path: () => '/api/reports', body: (role) => ({ json: { agencyId, year: year[role] } }) },
    { owner: 201, otherFiler: 403, reviewer: 403, admin: 201, anonymous: 401 },
    { showsReport: false },
  );
});

route('POST /api/import (reads a file, stores nothing)', () =>
  check(
    {
      method: 'POST',
      path: () => '/api/import',
      body: () => ({ multipart: { file: { name: 'report.json', mimeType: 'application/json', buffer: exported } } }),
    },
    // Any filer may read a published report into a draft of their own; a reviewer creates none.
    { owner: 200, otherFiler: 200, reviewer: 403, admin: 200, anonymous: 401 },
  ));

route('GET /api/summary', async () => {
  for (const format of ['json', 'csv', 'xlsx'])
    await check(
      { method: 'GET', path: () => `/api/summary?year=${YEAR}&include=approved&format=${format}` },
      { owner: 403, otherFiler: 403, reviewer: 200, admin: 200, anonymous: 401 },
    );
});

test('page /reports/:id', () => check({ method: 'GET', path: () => `/reports/${id}` }, PAGE_READ));

test('page /review', () => check({ method: 'GET', path: () => `/review?year=${YEAR}` }, REVIEWER_PAGE));

test('page /review/summary', () => check({ method: 'GET', path: () => `/review/summary?year=${YEAR}` }, REVIEWER_PAGE));

// The insight page lists only the units whose reports it reads: no agency name to look for.
test('page /review/insight', () => check({ method: 'GET', path: () => `/review/insight?year=${YEAR}` }, REVIEWER_PAGE, { showsReport: false }));

route('GET /api/review/insight/xlsx', () =>
  check(
    { method: 'GET', path: () => `/api/review/insight/xlsx?year=${YEAR}&include=approved` },
    { owner: 403, otherFiler: 403, reviewer: 200, admin: 200, anonymous: 401 },
    { showsReport: false },
  ));

// Rendered in the PDF pool: a reviewer's and an admin's each take a render (the per-user limit is
// two at once, and they come one after the other here).
route('GET /api/review/insight/pdf', () =>
  check(
    { method: 'GET', path: () => `/api/review/insight/pdf?year=${YEAR}&include=approved` },
    { owner: 403, otherFiler: 403, reviewer: 200, admin: 200, anonymous: 401 },
    { showsReport: false },
  ));

const ALL: (o: Outcome) => Expected = (o) => ({ owner: o, otherFiler: o, reviewer: o, admin: o, anonymous: o });
const REVIEWER_ONLY = (allowed: number): Expected => ({ owner: 403, otherFiler: 404, reviewer: allowed, admin: 403, anonymous: 401 });
let linkId = '';
let linkToken = '';

route('POST /api/reports/:id/preview-links', async () => {
  await check({ method: 'POST', path: report('/preview-links'), body: () => ({ json: { days: 3 } }) }, REVIEWER_ONLY(201), { showsReport: false });
  const created = (await (await as.reviewer.post(`/api/reports/${id}/preview-links`, { data: { days: 3 } })).json()) as { id: string; token: string };
  linkId = created.id;
  linkToken = created.token;
});

route('GET /api/reports/:id/preview-links', () => check({ method: 'GET', path: report('/preview-links') }, REVIEWER_ONLY(200), { showsReport: false }));

test('page /admin', () =>
  check({ method: 'GET', path: () => '/admin' }, { owner: 404, otherFiler: 404, reviewer: 404, admin: 200, anonymous: { redirect: '/login' } }, { showsReport: false }));

// The shared page and PDF answer anyone who holds the token — and nobody without it.
test('page /p/:token', () => check({ method: 'GET', path: () => `/p/${linkToken}` }, ALL(200)));
route('GET /p/:token/pdf', async () => {
  await check({ method: 'GET', path: () => `/p/${linkToken}/pdf` }, ALL(200));
  await check({ method: 'GET', path: () => `/p/${'x'.repeat(43)}/pdf` }, ALL(404));
});

route('POST /api/preview-links/:id/revoke', async () => {
  await check({ method: 'POST', path: () => `/api/preview-links/${linkId}/revoke` }, REVIEWER_ONLY(200), { showsReport: false });
  await check({ method: 'GET', path: () => `/p/${linkToken}/pdf` }, ALL(404));
});

// 打包下载: the district's approved reports — for the level above, not for a filer.
route('GET /api/review/package', () =>
  check(
    { method: 'GET', path: () => `/api/review/package?year=${YEAR}` },
    { owner: 403, otherFiler: 403, reviewer: 200, admin: 200, anonymous: 401 },
    { showsReport: false },
  ));

// The JSON Schema of the format holds no report content: open to anyone.
route('GET /schema/:file', () => check({ method: 'GET', path: () => '/schema/report.schema.json' }, ALL(200), { showsReport: false }));

// The health check: anyone, no session (a load balancer or a watchdog asks it), never report data.
route('GET /healthz', () => check({ method: 'GET', path: () => '/healthz' }, ALL(200), { showsReport: false }));

/** Route handlers not yet rows of this matrix: a new route fails the test below until someone decides who may call it. */
const NOT_YET = new Set<string>([]);

test('every route handler in app/ is a row of the matrix', () => {
  const found = readdirSync('app', { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .flatMap((f) => {
      const path = '/' + f.replace(/\/?route\.ts$/, '').replace(/\[(\w+)\]/g, ':$1');
      const methods = [...readFileSync(join('app', f), 'utf8').matchAll(/export (?:const|async function) (GET|PUT|POST|PATCH|DELETE)\b/g)];
      return methods.map((m) => `${m[1]} ${path}`);
    });
  expect(found.length).toBeGreaterThan(10);
  expect(found.filter((r) => !covered.has(r) && !NOT_YET.has(r)).sort()).toEqual([]);
  expect([...covered].filter((r) => !found.includes(r)), 'rows for routes that no longer exist').toEqual([]);
});

/**
 * Server actions are POSTs to the page with a `Next-Action` id. The id is only known to the
 * browser, so a permitted user's real submission is captured and replayed by the others.
 */
type Captured = { url: string; headers: Record<string, string>; body: string };

async function capture(req: Request): Promise<Captured> {
  const keep = ['next-action', 'content-type', 'accept', 'origin', 'next-router-state-tree'];
  const all = await req.allHeaders();
  return { url: req.url(), headers: Object.fromEntries(keep.filter((k) => all[k]).map((k) => [k, all[k]])), body: req.postData() ?? '' };
}

const replay = (ctx: APIRequestContext, c: Captured, body: string) => ctx.post(c.url, { headers: c.headers, data: body, maxRedirects: 0 });
const isActionPost = (r: Request) => r.method() === 'POST' && !!r.headers()['next-action'];

test('server action: set the deadline — only reviewers and admins', async ({ browser }, info) => {
  const ctx = await browser.newContext({ baseURL: info.project.use.baseURL });
  const page = await ctx.newPage();
  await login(page, ACCOUNTS.reviewer);
  await page.goto(`/review?year=${YEAR}`);
  await page.getByLabel('提交截止日期').fill('2031-02-10');
  const [req] = await Promise.all([page.waitForRequest(isActionPost), page.getByRole('button', { name: '保存' }).click()]);
  await expect(page.getByRole('status').filter({ hasText: '截止日期已保存' })).toBeVisible();
  const action = await capture(req);
  expect(action.body).toContain('2031-02-10');
  const forged = action.body.replace('2031-02-10', '2031-12-31');

  for (const role of ['owner', 'otherFiler'] as const) {
    const res = await replay(as[role], action, forged);
    expect(await res.text(), role).toContain('只有审核人和管理员可以设置截止日期');
  }
  const anon = await replay(as.anonymous, action, forged);
  expect(anon.headers()['x-action-redirect'] ?? anon.headers().location ?? '', 'anonymous').toContain('/login');

  await page.reload();
  await expect(page.getByLabel('提交截止日期')).toHaveValue('2031-02-10');
  await ctx.close();
});

test('server action: create a report — only the office’s filer (or an admin)', async ({ browser }, info) => {
  const ctx = await browser.newContext({ baseURL: info.project.use.baseURL });
  const page = await ctx.newPage();
  await login(page, ACCOUNTS.owner);
  await page.getByLabel('报告年度').fill('2036');
  const [req] = await Promise.all([page.waitForRequest(isActionPost), page.getByRole('button', { name: '新建报告' }).click()]);
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  const action = await capture(req);
  const forged = action.body.replace('2036', '2037');
  expect(forged).not.toBe(action.body);

  for (const role of ['otherFiler', 'reviewer'] as const) {
    const res = await replay(as[role], action, forged);
    expect(await res.text(), role).toContain('您不能为该机关新建报告');
  }
  const anon = await replay(as.anonymous, action, forged);
  expect(anon.headers()['x-action-redirect'] ?? anon.headers().location ?? '', 'anonymous').toContain('/login');
  // Nothing was created for 2037: the owner can still create it.
  expect((await as.owner.post('/api/reports', { data: { agencyId, year: 2037 } })).status()).toBe(201);
  await ctx.close();
});

test('server action: sign in — a wrong password opens no session', async ({ browser }, info) => {
  const ctx = await browser.newContext({ baseURL: info.project.use.baseURL });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(ACCOUNTS.otherFiler);
  await page.getByLabel('密码').fill('nianbao2026');
  const [req] = await Promise.all([page.waitForRequest(isActionPost), page.getByRole('button', { name: '登录' }).click()]);
  await page.waitForURL('**/reports');
  const action = await capture(req);
  const res = await replay(as.anonymous, action, action.body.replace('nianbao2026', 'wrong-password'));
  expect(res.headers()['set-cookie'] ?? '').toBe('');
  expect(await res.text()).not.toContain(AGENCY);
  await ctx.close();
});
