/**
 * Upgrades keep the data (issue 23, point 6): a newer release started on a database an older
 * release made migrates it, keeps every row, and first writes a copy of it — or refuses to
 * migrate when it cannot.
 *
 * 1. From an older release's data (test/fixtures/upgrade/from-<commit>.sql, made by that commit's
 *    own code — make.sh says how), on PGlite and on PostgreSQL: every row of every table reads
 *    the same afterwards (the older columns, as text); what that release's services read back —
 *    accounts, reports with their versions, comments, the review history, the preview link, the
 *    deadline — this release's services read the same; every account signs in with its
 *    password (a deactivated one still does not); the app's start works on it (the health check,
 *    queuing and rendering the approved report's final PDF, a filer saving on); and the copy
 *    written before the migration holds all of it.
 * 2. A copy that cannot be written stops the start with the database untouched, unless
 *    NIANBAO_MIGRATION_BACKUP=0; an up-to-date database writes no copy.
 * 3. The PostgreSQL copy is read as the database holds it (the older release's columns).
 * 4. The newest migration alone (this release's drizzle/ with the journal cut by one), PGlite.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { appRoot } from '../../lib/app-root';
import { openDb, upgradePending, type Db, type DbHandle } from '../../lib/db/client';
import { MigrationBackupError } from '../../lib/errors';
import { exportDatabase, importDatabase, MOVED_TABLES } from '../../lib/db/transfer';
import { reportVersions } from '../../lib/db/schema';
import { rowsOf } from '../../lib/db/rows';
import { login } from '../../lib/auth/login';
import { getSessionUser } from '../../lib/auth/session';
import type { SessionUser } from '../../lib/auth/types';
import { listAccounts } from '../../lib/server/admin';
import { openPreviewLink } from '../../lib/server/preview-links';
import { getReport, listVersions, saveReport } from '../../lib/server/reports';
import { listComments, reportTimeline } from '../../lib/server/review';
import { createHealthCheck } from '../../lib/server/health';
import { drainJobs } from '../../lib/server/jobs';
import { FINAL_PDF_JOB, prerenderHandlers, queueMissingFinalPdfs } from '../../lib/server/prerender';
import { createDatabase } from '../support/databases';
import { templateDump } from '../support/pglite-template';
import { testPdfPools } from '../support/pdf-pools';

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-upgrade-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURES = path.join(appRoot(), 'test/fixtures/upgrade');
const fixtures = readdirSync(FIXTURES).filter((n) => /^from-.+\.sql$/.test(n));
const journalLength = (JSON.parse(readFileSync(path.join(appRoot(), 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/**
 * What a migration may drop on purpose ('schema.table' or 'schema.table.column', with why): left
 * out of the row comparison. Anything else an upgrade loses or changes fails the test.
 */
const DROPPED_ON_PURPOSE: Record<string, string> = {};

type Query = (text: string) => Promise<Record<string, unknown>[]>;
type Shape = { table: string; columns: string[] }[];
type Snapshot = Record<string, string[]>;

/** The tables and columns of a database (our schemas: public and drizzle's). */
async function shapeOf(q: Query): Promise<Shape> {
  const rows = await q(`select table_schema || '.' || table_name as t, column_name as c from information_schema.columns
    where table_schema in ('public', 'drizzle') order by 1, ordinal_position`);
  const shape: Shape = [];
  for (const r of rows) {
    const t = String(r.t);
    if (DROPPED_ON_PURPOSE[t] || DROPPED_ON_PURPOSE[`${t}.${r.c}`]) continue;
    if (shape.at(-1)?.table !== t) shape.push({ table: t, columns: [] });
    shape.at(-1)!.columns.push(String(r.c));
  }
  return shape;
}

/** Every row of every table in `shape`, as PostgreSQL's text of those columns (in UTC), sorted. */
async function snapshot(q: Query, shape: Shape): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const { table, columns } of shape) {
    const [schema, name] = table.split('.');
    const rows = await q(`select (row(${columns.map((c) => `"${c}"`).join(', ')}))::text as r from "${schema}"."${name}"`);
    out[table] = rows.map((r) => String(r.r)).sort();
  }
  return out;
}

/** A snapshot through the app's own connection, in one transaction set to UTC. */
function snapshotOf(db: Db, shape: Shape): Promise<Snapshot> {
  return db.transaction(async (tx) => {
    const q: Query = async (text) => rowsOf<Record<string, unknown>>(await tx.execute(sql.raw(text)));
    await q(`set local timezone to 'UTC'`);
    return snapshot(q, shape);
  });
}

type Expected = {
  madeBy: string;
  passwords: Record<string, string>;
  inactive: string[];
  accounts: Record<string, unknown>[];
  reports: {
    id: string;
    content: unknown;
    keptContents: Record<string, unknown>;
    versions: unknown[];
    comments: unknown[];
    timeline: unknown[];
    [k: string]: unknown;
  }[];
  deadlines: unknown[];
  previewLink: { token: string; openedAt: string; agencyName: string; year: number; reportId: string };
};

/** A database loaded from a fixture, as the older release left it; opened as the app opens it. */
type Place = {
  name: string;
  /** `$NIANBAO_DATA_DIR/backups`, where a start writes the copy before migrating. */
  backups: string;
  open(migrationBackup?: string | false): Promise<DbHandle>;
  /** A raw connection to the database (the app's handle closed). */
  raw<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
};

let places = 0;
const url = process.env.TEST_DATABASE_URL;

async function placeFor(kind: 'PGlite' | 'PostgreSQL', dump: string): Promise<Place> {
  const dataDir = path.join(work, `data-${++places}`);
  const backups = path.join(dataDir, 'backups');
  if (kind === 'PGlite') {
    const folder = path.join(dataDir, 'pglite');
    mkdirSync(folder, { recursive: true });
    const raw = async <T,>(fn: (q: Query) => Promise<T>) => {
      const c = new PGlite({ dataDir: folder });
      try {
        return await fn(async (text) => (await c.query<Record<string, unknown>>(text)).rows);
      } finally {
        await c.close();
      }
    };
    const c = new PGlite({ dataDir: folder });
    await c.exec(dump);
    await c.close();
    return { name: kind, backups, raw, open: (migrationBackup = backups) => openDb({ dataDir: folder, demo: 'district', migrationBackup }), drop: async () => undefined };
  }
  const created = await createDatabase(url!);
  const raw = async <T,>(fn: (q: Query) => Promise<T>) => {
    const c = new pg.Client({ connectionString: created.url });
    await c.connect();
    try {
      return await fn(async (text) => (await c.query(text)).rows as Record<string, unknown>[]);
    } finally {
      await c.end();
    }
  };
  await raw((q) => q(dump));
  return { name: kind, backups, raw, open: (migrationBackup = backups) => openDb({ url: created.url, demo: 'district', migrationBackup }), drop: created.drop };
}

const kinds: ('PGlite' | 'PostgreSQL')[] = url ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
const { pool } = await testPdfPools();
const migrationCount = (q: Query) => q('select count(*)::int as n from drizzle.__drizzle_migrations').then((r) => Number(r[0].n));

for (const file of fixtures) {
  const dump = readFileSync(path.join(FIXTURES, file), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(FIXTURES, file.replace(/\.sql$/, '.expected.json')), 'utf8')) as Expected;

  for (const kind of kinds) {
    describe(`an upgrade from ${file} (${expected.madeBy}) on ${kind}`, () => {
      let place: Place;
      let shape: Shape;
      let before: Snapshot;
      /** Right after the upgrade, before anyone signed in. */
      let after: Snapshot;
      let oldMigrations = 0;
      let oldLast = 0;
      let h: DbHandle;
      const logged: string[] = [];
      const as: Record<string, SessionUser> = {};
      const signIn = async (username: string) => {
        const r = await login(h.db, { username, password: expected.passwords[username], ip: '127.0.0.1' });
        if (!r.ok) throw new Error(`${username}: ${r.message}`);
        return (await getSessionUser(h.db, r.token))!;
      };

      beforeAll(async () => {
        place = await placeFor(kind, dump);
        await place.raw(async (q) => {
          await q(`set timezone to 'UTC'`);
          shape = await shapeOf(q);
          before = await snapshot(q, shape);
          oldMigrations = await migrationCount(q);
          oldLast = Number((await q('select max(created_at)::text as w from drizzle.__drizzle_migrations'))[0].w);
        });
        const log = vi.spyOn(console, 'log').mockImplementation((...args) => void logged.push(args.join(' ')));
        try {
          h = await place.open();
        } finally {
          log.mockRestore();
        }
        after = await snapshotOf(h.db, shape);
        for (const u of ['wenfeng', 'admin']) as[u] = await signIn(u);
      }, 120_000);
      afterAll(async () => {
        await h?.close();
        await place?.drop();
      });

      it('is an upgrade: the fixture is an older release\'s database', () => {
        expect(oldMigrations).toBeGreaterThan(0);
        expect(oldMigrations).toBeLessThan(journalLength);
        expect(before['public.reports']).toHaveLength(expected.reports.length);
      });

      it('writes one copy of the database before migrating, and says so in the log', async () => {
        const files = readdirSync(place.backups);
        expect(files).toEqual([expect.stringMatching(kind === 'PGlite' ? /^before-migration-.+\.tar\.gz$/ : /^before-migration-.+\.ndjson\.gz$/)]);
        expect(logged.join('\n')).toContain(`数据库结构将升级，升级前的数据已备份到 ${path.join(place.backups, files[0])}`);
        expect(await migrationCount(async (t) => rowsOf<Record<string, unknown>>(await h.db.execute(sql.raw(t))))).toBe(journalLength);
      });

      it('keeps every row of every table as it was', () => {
        const MIGRATIONS = 'drizzle.__drizzle_migrations';
        const { [MIGRATIONS]: applied, ...rest } = after;
        const { [MIGRATIONS]: appliedBefore, ...restBefore } = before;
        expect(rest).toEqual(restBefore);
        // The older release's migration records, and this release's after them.
        expect(applied).toEqual(expect.arrayContaining(appliedBefore));
        expect(applied).toHaveLength(journalLength);
      });

      it('every account signs in with its password; a deactivated one still cannot', async () => {
        for (const [username, password] of Object.entries(expected.passwords)) {
          const r = await login(h.db, { username, password, ip: '127.0.0.2' });
          expect({ username, ok: r.ok }).toEqual({ username, ok: !expected.inactive.includes(username) });
        }
        const accounts = (await listAccounts(h.db, as.admin)).sort((a, b) => a.username.localeCompare(b.username));
        expect(accounts).toMatchObject(expected.accounts);
      });

      it('every report, version, comment and history entry reads as the older release read it', async () => {
        for (const r of expected.reports) {
          const { content, keptContents, versions, comments, timeline, id, ...fields } = r;
          const now = await getReport(h.db, as.wenfeng, id);
          expect(now).toMatchObject(fields);
          expect(now.content).toEqual(content);
          expect(await listVersions(h.db, as.wenfeng, id)).toEqual(versions);
          const kept = await h.db.select({ version: reportVersions.version, content: reportVersions.content }).from(reportVersions).where(eq(reportVersions.reportId, id));
          expect(Object.fromEntries(kept.map((k) => [k.version, k.content]))).toEqual(keptContents);
          expect((await listComments(h.db, as.wenfeng, id)).map(({ id: _id, ...c }) => c)).toEqual(comments);
          expect(await reportTimeline(h.db, as.wenfeng, id)).toMatchObject(timeline);
        }
        const link = expected.previewLink;
        expect(await openPreviewLink(h.db, link.token, new Date(link.openedAt))).toMatchObject({ reportId: link.reportId, agencyName: link.agencyName, year: link.year });
        const deadlines = rowsOf(await h.db.execute(sql.raw(`select year, due_date::text as "dueDate" from report_deadlines order by year`)));
        expect(deadlines).toEqual(expected.deadlines);
      });

      it('the app starts on it: healthy, the approved report\'s final PDF and DOCX rendered ahead, a draft saved on', async () => {
        expect(await createHealthCheck({ db: async () => h.db, pool: () => pool }, { cacheMs: 0 })()).toMatchObject({ status: 'ok', database: 'ok' });
        const approved = expected.reports.filter((r) => r.status === 'approved');
        expect(await queueMissingFinalPdfs(h.db)).toBe(approved.length);
        expect(await drainJobs(h.db, { handlers: prerenderHandlers(h.db, { pool }) })).toBe(approved.length);
        const cached = rowsOf(await h.db.execute(sql.raw(`select report_id::text as id, final, encode(substr(bytes, 1, 5), 'escape') as head from pdf_cache where format = 'pdf'`)));
        expect(cached).toEqual(approved.map((r) => ({ id: r.id, final: true, head: '%PDF-' })));
        // The DOCX too (migration 0007): a release that kept none leaves every approved report queued for it.
        const word = rowsOf(await h.db.execute(sql.raw(`select report_id::text as id, final, encode(substr(bytes, 1, 2), 'escape') as head from pdf_cache where format = 'docx'`)));
        expect(word).toEqual(approved.map((r) => ({ id: r.id, final: true, head: 'PK' })));
        expect(rowsOf(await h.db.execute(sql.raw(`select state from jobs where kind = '${FINAL_PDF_JOB}'`)))).toEqual(approved.map(() => ({ state: 'done' })));

        const draft = expected.reports.find((r) => r.status === 'draft')!;
        const owner = (draft.versions[0] as { savedByName: string }).savedByName;
        const username = Object.keys(expected.passwords).find((u) => expected.accounts.find((a) => a.username === u)?.displayName === owner)!;
        const filer = await signIn(username);
        const rec = await getReport(h.db, filer, draft.id);
        expect(rec.canEdit).toBe(true);
        const saved = await saveReport(h.db, filer, draft.id, { baseVersion: rec.version, content: rec.content });
        expect(saved).toMatchObject({ ok: true, version: rec.version + 1 });
      }, 120_000);

      it('starting again writes no second copy', async () => {
        await h.close();
        h = await place.open();
        expect(readdirSync(place.backups)).toHaveLength(1);
      }, 60_000);

      it('the copy holds the database as the older release left it', async () => {
        const [copy] = readdirSync(place.backups);
        const file = path.join(place.backups, copy);
        if (kind === 'PGlite') {
          // Unpacked into an empty folder it is the older database itself.
          const restored = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
          try {
            const q: Query = async (t) => (await restored.query<Record<string, unknown>>(t)).rows;
            await q(`set timezone to 'UTC'`);
            expect(await migrationCount(q)).toBe(oldMigrations);
            expect(await snapshot(q, shape)).toEqual(before);
          } finally {
            await restored.close();
          }
          return;
        }
        // The backup format, with the older tables and columns: `restore` loads it into a new
        // database (here this release's; the older release's own restore reads the same file).
        const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n', 1)[0]) as { migration: { when: number } };
        expect(header.migration.when).toBe(oldLast);
        const target = await createDatabase(url!);
        const fresh = await openDb({ url: target.url });
        try {
          await importDatabase(fresh.db, file);
          const moved = shape.filter((t) => MOVED_TABLES.includes(t.table.replace(/^public\./, '')));
          const restored = await snapshotOf(fresh.db, moved);
          expect(restored).toEqual(Object.fromEntries(moved.map((t) => [t.table, before[t.table]])));
        } finally {
          await fresh.close();
          await target.drop();
        }
      }, 60_000);
    });

    describe(`an upgrade from ${file} on ${kind} that cannot write its copy`, () => {
      it('is refused, the database untouched; NIANBAO_MIGRATION_BACKUP=0 migrates without one', async () => {
        const place = await placeFor(kind, dump);
        try {
          const old = await place.raw(migrationCount);
          // A folder that cannot be made: a file stands where it would go.
          mkdirSync(path.dirname(place.backups), { recursive: true });
          writeFileSync(place.backups, '');
          const error = await place.open().then(
            () => null,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(MigrationBackupError);
          expect((error as Error).message).toMatch(/升级前的自动备份没有写成.*数据库未作任何改动.*NIANBAO_MIGRATION_BACKUP=0/);
          expect(await place.raw(migrationCount)).toBe(old);
          expect(await place.raw((q) => upgradePending(q))).toBe(true);

          const h = await place.open(false);
          await h.close();
          expect(await place.raw(migrationCount)).toBe(journalLength);
        } finally {
          await place.drop();
        }
      }, 120_000);
    });
  }
}

describe('the copy before a migration on PostgreSQL (the backup format, as stored)', () => {
  it('reads the tables as the database holds them: a column only the older release had is kept, one it lacked is not asked for', async () => {
    const h = await openDb({ demo: true, loadDataDir: templateDump(true) });
    try {
      // An older release's shape: no comment cells yet, and a column a newer one dropped.
      await h.db.execute(sql.raw(`alter table report_comments drop column cell`));
      await h.db.execute(sql.raw(`alter table users add column legacy_note text default '旧版本的列'`));
      const file = path.join(work, 'as-stored.ndjson.gz');
      await expect(exportDatabase(h.db, file)).rejects.toThrow(/cell/);
      await exportDatabase(h.db, file, { asStored: true });
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
      const header = JSON.parse(lines[0]) as { tables: { name: string; columns: string[]; count: number }[] };
      const table = (name: string) => header.tables.find((t) => t.name === name)!;
      expect(table('report_comments').columns).not.toContain('cell');
      expect(table('users').columns.at(-1)).toBe('legacy_note');
      const users = lines.filter((l) => l.startsWith('{"t":"users"'));
      expect(users).toHaveLength(table('users').count);
      expect(users.every((l) => (JSON.parse(l) as { r: string[] }).r.at(-1) === '旧版本的列')).toBe(true);
    } finally {
      await h.close();
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// The newest migration alone, on PGlite.

/** drizzle/ as the release before the newest migration had it. */
function previousRelease(): string {
  const folder = path.join(work, 'drizzle-previous');
  cpSync(path.join(appRoot(), 'drizzle'), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const migrations = async (c: PGlite) => Number((await c.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n);

describe('upgrade of a PGlite data folder to the newest migration', () => {
  it('backs the folder up, migrates it and keeps its rows', async () => {
    const dataDir = path.join(work, 'data/pglite');
    mkdirSync(dataDir, { recursive: true });
    const old = new PGlite({ dataDir });
    await migrate(drizzle({ client: old }), { migrationsFolder: previousRelease() });
    const before = await migrations(old);
    await old.query(`insert into agencies (name) values ('文峰区')`);
    await old.close();

    const h = await openDb({ dataDir });
    await h.close();

    const backups = readdirSync(path.join(work, 'data/backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^before-migration-.*\.tar\.gz$/);

    const upgraded = new PGlite({ dataDir });
    expect(await migrations(upgraded)).toBe(before + 1);
    expect((await upgraded.query<{ name: string }>('select name from agencies')).rows).toEqual([{ name: '文峰区' }]);
    await upgraded.close();

    // The backup is the folder as the older release left it.
    const blob = new Blob([readFileSync(path.join(work, 'data/backups', backups[0]))]);
    const restored = new PGlite({ loadDataDir: blob });
    expect(await migrations(restored)).toBe(before);
    expect((await restored.query<{ name: string }>('select name from agencies')).rows).toEqual([{ name: '文峰区' }]);
    await restored.close();
  }, 120_000);

  it('writes nothing for a new database or one already up to date', async () => {
    const dataDir = path.join(work, 'fresh/pglite');
    const h = await openDb({ dataDir });
    await h.close();
    const again = await openDb({ dataDir });
    await again.close();
    expect(existsSync(path.join(work, 'fresh/backups'))).toBe(false);
    const c = new PGlite();
    expect(await upgradePending(async (t) => (await c.query<Record<string, unknown>>(t)).rows)).toBe(false);
    await c.close();
  }, 120_000);
});
