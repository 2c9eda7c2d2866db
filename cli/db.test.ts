import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDb } from '../lib/db/client';
import { copyTemplateDir } from '../test/support/pglite-template';
import { makeInstallation } from '../test/support/installation';
import { main } from './main';

/** The newest migration's tag: what an export names as its database structure. */
const LATEST_MIGRATION = (JSON.parse(readFileSync(path.join(__dirname, '../drizzle/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.at(-1)!.tag;

// The commands use the configured database: here an embedded one in a folder of this test's own.
const dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-db-cli-'));
process.env.NIANBAO_DATA_DIR = dataDir;
process.env.DATABASE_URL = '';
const pgliteDir = path.join(dataDir, 'pglite');
const backups = path.join(dataDir, 'backups');

async function inProcess(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { out, err, code };
}

/** Every version's stored JSON text, read with the database closed again afterwards (one process per folder). */
async function versionTexts(): Promise<Map<string, string>> {
  const h = await openDb({ dataDir: pgliteDir });
  try {
    const { rows } = (await h.db.execute(sql.raw(`select report_id::text || '/' || version as k, content::text as c from report_versions`))) as unknown as { rows: { k: string; c: string }[] };
    return new Map(rows.map((r) => [r.k, r.c]));
  } finally {
    await h.close();
  }
}

describe('nianbao db export / import, backup / restore', () => {
  let before: Map<string, string>;
  beforeAll(async () => {
    copyTemplateDir(pgliteDir);
    const h = await openDb({ dataDir: pgliteDir });
    await makeInstallation(h.db, { agencies: 30 });
    await h.close();
    before = await versionTexts();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const file = path.join(dataDir, 'move.ndjson.gz');
  // Each command opens the embedded database in its folder, a few seconds on a busy machine.
  const SLOW = 120_000;

  it('exports the installation from the configured database', async () => {
    const exported = await inProcess('db', 'export', file);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(new RegExp(`^已从内置数据库 .*导出到 .*move\\.ndjson\\.gz：机关 30、账号 31、报告 30、报告版本 \\d+、审核记录 \\d+、审核意见 \\d+、报送期限 1、预览链接 \\d+（数据库结构 ${LATEST_MIGRATION}，文件 [\\d.]+ MB）`));
  }, SLOW);

  it('backs up into a file named by the time, keeping the newest N', async () => {
    for (let i = 0; i < 2; i++) expect((await inProcess('backup', '--keep', '2')).code).toBe(0);
    const last = await inProcess('backup', '--keep', '2');
    expect(last.out).toContain('已删除较早的备份 1 份（保留最近 2 份）');
    const kept = readdirSync(backups).sort();
    expect(kept).toHaveLength(2);
    expect(kept.every((n) => /^nianbao-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.ndjson\.gz$/.test(n))).toBe(true);
  }, SLOW);

  it('refuses to restore over data; restores into a fresh installation; --force replaces', async () => {
    const kept = readdirSync(backups).sort();
    const refused = await inProcess('restore', path.join(backups, kept[1]));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^目标数据库不是空的（已有机关 30、账号 31、报告 30、.*请加 --force/);

    // A new installation: the folder gone, the command makes a fresh database and loads the backup.
    rmSync(pgliteDir, { recursive: true, force: true });
    const restored = await inProcess('restore', path.join(backups, kept[1]));
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^已导入到内置数据库 .*：机关 30、账号 31、报告 30.*每张表的条数和校验和均已核对无误/);
    expect(await versionTexts()).toEqual(before);

    const replaced = await inProcess('db', 'import', file, '--force');
    expect(replaced.code).toBe(0);
    expect(await versionTexts()).toEqual(before);
  }, SLOW);

  it('answers a wrong call with usage (exit 2) and a bad value or file with a Chinese message (exit 1)', async () => {
    expect((await inProcess('db')).code).toBe(2);
    expect((await inProcess('db', 'export')).err).toContain('请给出一个数据文件');
    expect((await inProcess('db', 'copy', 'x')).code).toBe(2);
    const keep = await inProcess('backup', '--keep', '0');
    expect(keep).toMatchObject({ code: 1, err: '--keep 须为正整数（保留最近的几份备份）\n' });
    const missing = await inProcess('restore', path.join(dataDir, 'nothing.ndjson.gz'), '--force');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^找不到文件：/);
  });

  it('a newer release\'s command on an older database copies it first, or refuses with a Chinese message (exit 1) and migrates nothing', async () => {
    // The older release's database (test/fixtures/upgrade), in the configured folder.
    rmSync(pgliteDir, { recursive: true, force: true });
    const fixtures = path.join(__dirname, '../test/fixtures/upgrade');
    const old = new PGlite({ dataDir: pgliteDir });
    await old.exec(readFileSync(path.join(fixtures, readdirSync(fixtures).find((n) => n.endsWith('.sql'))!), 'utf8'));
    await old.close();
    rmSync(backups, { recursive: true, force: true });
    writeFileSync(backups, ''); // where the copy would go
    const refused = await inProcess('backup', '--out', path.join(dataDir, 'elsewhere'));
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toMatch(/^数据库结构需要升级，但升级前的自动备份没有写成（该位置已有同名文件），数据库未作任何改动。/);

    rmSync(backups);
    const done = await inProcess('backup', '--out', path.join(dataDir, 'elsewhere'));
    expect(done.code).toBe(0);
    expect(readdirSync(backups)).toEqual([expect.stringMatching(/^before-migration-.+\.tar\.gz$/)]);
    expect(done.out).toContain(`数据库结构 ${LATEST_MIGRATION}`);
  }, SLOW);
});
