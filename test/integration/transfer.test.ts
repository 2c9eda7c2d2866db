import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db/client';
import { exportDatabase, importDatabase, MOVED_TABLES, NOT_MOVED, schemaTables } from '../../lib/db/transfer';
import { backends, type OpenedBackend } from '../support/databases';
import { failure } from '../support/failure';
import { AWKWARD_TEXT, makeInstallation } from '../support/installation';

const list = await backends();
const pglite = list[0];
const postgres = list.find((b) => b.name === 'PostgreSQL');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-transfer-'));

const rowsOf = (r: unknown) => (r as { rows: Record<string, string>[] }).rows;

/** Every moved table as text, row by row, in key order: what "the same installation" means. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local timezone to 'UTC'`));
    for (const t of MOVED_TABLES) {
      const rows = rowsOf(await tx.execute(sql.raw(`select t::text as line from ${t} t order by t::text`)));
      out[t] = rows.map((r) => r.line);
    }
  });
  return out;
}

/** The stored JSON text of every version of every report, keyed by report and version. */
async function versionTexts(db: Db): Promise<Map<string, string>> {
  const rows = rowsOf(await db.execute(sql.raw(`select report_id::text || '/' || version as k, content::text as c from report_versions`)));
  return new Map(rows.map((r) => [r.k, r.c]));
}

async function count(db: Db, table: string): Promise<number> {
  return Number(rowsOf(await db.execute(sql.raw(`select count(*)::text as n from ${table}`)))[0].n);
}

/** Agencies of the generated installation, each with a report of 2–3 versions. */
const AGENCIES = 24;

describe('export → import', () => {
  let source: OpenedBackend;
  let file = '';
  let before: Record<string, string[]>;
  const opened: OpenedBackend[] = [];
  const open = async (b = pglite, demo = false) => {
    const h = await b.open({ demo });
    opened.push(h);
    return h;
  };

  beforeAll(async () => {
    source = await open(pglite, true);
    await makeInstallation(source.db, { agencies: AGENCIES });
    file = path.join(dir, 'source.ndjson.gz');
    await exportDatabase(source.db, file);
    before = await snapshot(source.db);
  });
  afterAll(async () => {
    for (const h of opened) await h.drop();
  });

  it('moves every table of the schema but sessions, sign-in counters and cached PDFs', () => {
    expect([...MOVED_TABLES, ...NOT_MOVED].sort()).toEqual(schemaTables().sort());
  });

  it('PGlite → PGlite: the same rows, byte-identical report JSON for every version, no sessions', async () => {
    const target = await open();
    const summary = await importDatabase(target.db, file);
    expect(Object.fromEntries(summary.tables.map((t) => [t.name, t.count]))).toEqual(Object.fromEntries(MOVED_TABLES.map((t) => [t, before[t].length])));
    expect(before.report_versions.length).toBeGreaterThanOrEqual(2 * AGENCIES);
    expect(before.report_events.length).toBeGreaterThan(0);
    expect(before.report_comments.length).toBeGreaterThan(0);
    expect(before.report_deadlines.length).toBeGreaterThan(0);
    expect(before.preview_links.length).toBeGreaterThan(0);
    expect(await snapshot(target.db)).toEqual(before);
    const texts = await versionTexts(target.db);
    expect(texts).toEqual(await versionTexts(source.db));
    expect([...texts.values()].some((t) => t.includes(JSON.stringify(AWKWARD_TEXT).slice(1, -1)))).toBe(true);
    for (const t of NOT_MOVED) expect(await count(target.db, t)).toBe(0);
    // Exported again, the file carries the same checksums.
    const again = await exportDatabase(target.db, path.join(dir, 'again.ndjson.gz'));
    expect(again.tables).toEqual(summary.tables);
  });

  it.runIf(postgres)('PGlite → PostgreSQL → PGlite: the same rows and report JSON at every step', async () => {
    const server = await open(postgres);
    await importDatabase(server.db, file);
    expect(await snapshot(server.db)).toEqual(before);
    expect(await versionTexts(server.db)).toEqual(await versionTexts(source.db));
    const back = path.join(dir, 'from-postgres.ndjson.gz');
    await exportDatabase(server.db, back);
    const target = await open();
    await importDatabase(target.db, back);
    expect(await snapshot(target.db)).toEqual(before);
    expect(await versionTexts(target.db)).toEqual(await versionTexts(source.db));
  });

  it('refuses a target that holds data, and leaves it as it was; --force replaces it in one go', async () => {
    const target = await open(pglite, true);
    const demo = await snapshot(target.db);
    const err = await failure(importDatabase(target.db, file));
    expect(err.message).toMatch(/^目标数据库不是空的（已有机关 3、账号 4）.*--force/);
    expect(await snapshot(target.db)).toEqual(demo);
    await importDatabase(target.db, file, { replace: true });
    expect(await snapshot(target.db)).toEqual(before);
  });

  // [what, damage, message, also try it over a full database with --force]
  const variants: [string, (gz: Buffer) => Buffer, RegExp, boolean?][] = [
    ['cut short', (gz) => gz.subarray(0, Math.floor(gz.length * 0.6)), /^文件不完整（可能在复制或下载时被截断）/, true],
    ['damaged in the middle', (gz) => { const b = Buffer.from(gz); for (let i = 0; i < 64; i++) b[Math.floor(b.length / 2) + i] ^= 0x5a; return b; }, /^文件已损坏/],
    ['without its trailer', (gz) => gzipSync(lines(gz).slice(0, -1).join('\n') + '\n'), /^文件不完整（缺少结尾记录/],
    ['with one changed value', (gz) => gzipSync(edit(gz, (l) => (l.startsWith('{"t":"report_versions"') ? l.replace('第2次修改', '第9次修改') : l))), /^文件已损坏：报告版本的校验和不符/, true],
    ['with one row missing', (gz) => gzipSync(lines(gz).filter((l, i) => !(l.startsWith('{"t":"report_comments"') && i % 2)).join('\n')), /^文件已损坏：审核意见应有 \d+ 条，文件中有 \d+ 条/],
    ['of another format version', (gz) => gzipSync(edit(gz, (l, i) => (i === 0 ? l.replace('"formatVersion":1', '"formatVersion":2') : l))), /^文件格式版本为 2，本程序只能读取版本 1/],
    ['from a migration the target lacks', (gz) => gzipSync(edit(gz, (l, i) => (i === 0 ? l.replace(/"when":\d+/, '"when":9999999999999') : l))), /^文件来自数据库结构版本 .*目标数据库没有这一版本/],
    ['not gzip at all', () => Buffer.from('{"format":"nianbao-export"}\n'), /^文件已损坏或不是 nianbao 的数据导出文件/],
    ['of another program', () => gzipSync('{"hello":"world"}\n'), /^文件已损坏：文件头格式不对/],
  ];
  const lines = (gz: Buffer) => gunzipSync(gz).toString('utf8').split('\n').filter(Boolean);
  const edit = (gz: Buffer, f: (line: string, i: number) => string) => {
    let done = false;
    return lines(gz).map((l, i) => {
      const next = done && i > 0 ? l : f(l, i);
      if (next !== l) done = true;
      return next;
    }).join('\n') + '\n';
  };

  // One empty target for all the damaged files: each refusal must leave it empty for the next.
  let target: OpenedBackend | undefined;
  for (const [what, damage, message, replacing] of variants) {
    it(`refuses a file ${what} with a Chinese message, and the target keeps what it held`, async () => {
      const bad = path.join(dir, `bad-${what.replaceAll(' ', '-')}.gz`);
      writeFileSync(bad, damage(readFileSync(file)));
      const empty = (target ??= await open());
      expect((await failure(importDatabase(empty.db, bad))).message).toMatch(message);
      for (const t of MOVED_TABLES) expect(await count(empty.db, t)).toBe(0);
      if (!replacing) return;
      // Replacing: the old contents stay when the new ones are refused half-way.
      const full = await open(pglite, true);
      const demo = await snapshot(full.db);
      expect((await failure(importDatabase(full.db, bad, { replace: true }))).message).toMatch(message);
      expect(await snapshot(full.db)).toEqual(demo);
    });
  }

  it('says so when the export cannot be written, and leaves no file behind', async () => {
    const err = await failure(exportDatabase(source.db, path.join(dir, 'no-such-folder', 'x.ndjson.gz')));
    expect(err.message).toMatch(/^无法写入 .*x\.ndjson\.gz：目录不存在/);
  });

  it('refuses a file that does not exist', async () => {
    const empty = await open();
    expect((await failure(importDatabase(empty.db, path.join(dir, 'nothing.gz')))).message).toMatch(/^找不到文件：/);
  });
});
