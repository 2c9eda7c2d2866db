/**
 * Moving an installation between databases (`nianbao db export|import`, `backup`, `restore`):
 * embedded PGlite → PostgreSQL and back, or a nightly copy of either.
 *
 * The file is gzip'd NDJSON, written and read as a stream (rows are read through a cursor a page
 * at a time; the gzip stream's backpressure paces the reader), so a large installation never
 * sits in memory at once:
 *   line 1     header  {format, formatVersion, migration, createdAt, source, tables: [{name, columns, count}]}
 *   then       rows    {t: table, r: [value, …]} — tables in dependency order (a parent agency
 *                      before its children), each ordered by its key
 *   last line  trailer {end: true, tables: [{name, count, sha256}]}
 * Every value is PostgreSQL's own text for it, read in UTC with ISO dates: jsonb as the stored
 * text (so report JSON comes back byte for byte), timestamps to the microsecond, bytea as base64;
 * SQL NULL is JSON null. A table's checksum is the SHA-256 of its rows' JSON lines as written
 * (`JSON.stringify(values)` + "\n"), in file order.
 *
 * Import runs in one transaction: it refuses a file of another format version or from a
 * migration the target lacks, and a target that already holds data unless told to replace it;
 * then it loads the rows in batches, checks the file's counts and checksums against the trailer,
 * reads everything back from the target and checks the same checksums once more. Any failure
 * rolls the whole import back — the target is left as it was.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { appRoot } from '../app-root';
import { AppError } from '../errors';
import { z } from '../validation';
import type { Db } from './client';
import * as schema from './schema';

export const FORMAT = 'nianbao-export';
export const FORMAT_VERSION = 1;

type Spec = {
  table: PgTable;
  /** What an administrator reads in messages. */
  label: string;
  /** Row order: the checksum is over the rows in this order, on export and when read back. */
  order: string;
  /** The rows to read, when not the table itself (agencies: parents before children). */
  from?: string;
};

/**
 * What an installation is, in the order rows can be inserted (every reference points back).
 * Not moved, on purpose:
 * - sessions: a sign-in belongs to the server it was made on. A copy would keep every open
 *   session alive on the new server (and on the old one, if both stay up); after a move or a
 *   restore everyone signs in again, as after a password change.
 * - login_throttle: counters of failed sign-ins over 15 minutes, stale by the time a copy is
 *   loaded.
 * - pdf_cache: rendered PDFs and final DOCX files, made again from the report on first request;
 *   up to NIANBAO_PDF_CACHE_MB of bytes that would only make the file large.
 * - jobs: background work of this installation (PDFs and DOCX to render ahead); a server started
 *   on the copy queues again whatever approved report lacks its PDF or DOCX (lib/server/prerender.ts).
 * Replacing a database's contents (`--force`) empties these too.
 */
const SPECS: Spec[] = [
  {
    table: schema.agencies,
    label: '机关',
    // Depth first, so a parent is inserted before its children (the reference is not deferrable).
    from: `(with recursive tree as (
        select a.*, 0 as depth from agencies a where a.parent_id is null
        union all
        select a.*, tree.depth + 1 from agencies a join tree on a.parent_id = tree.id
      ) select * from tree) as agencies`,
    order: 'depth, id',
  },
  { table: schema.users, label: '账号', order: 'id' },
  { table: schema.reports, label: '报告', order: 'id' },
  { table: schema.reportVersions, label: '报告版本', order: 'report_id, version' },
  { table: schema.reportEvents, label: '审核记录', order: 'id' },
  { table: schema.reportComments, label: '审核意见', order: 'id' },
  { table: schema.reportDeadlines, label: '报送期限', order: 'agency_id, year' },
  { table: schema.previewLinks, label: '预览链接', order: 'id' },
];

/** Tables of the schema that are deliberately not moved (see above). */
export const NOT_MOVED = ['sessions', 'login_throttle', 'pdf_cache', 'jobs'] as const;

type Column = { name: string; type: string };
type TableInfo = { name: string; label: string; columns: Column[]; spec: Spec };

const TABLES: TableInfo[] = SPECS.map((spec) => {
  const cfg = getTableConfig(spec.table);
  return { name: cfg.name, label: spec.label, spec, columns: cfg.columns.map((c) => ({ name: c.name, type: c.getSQLType() })) };
});

/** The tables an export carries, in file order. */
export const MOVED_TABLES = TABLES.map((t) => t.name);

/** Every table of the schema (what `--force` empties). */
export function schemaTables(): string[] {
  return (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable).map((t) => getTableConfig(t).name);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One column as PostgreSQL's text for it (bytea: base64, without line breaks). */
function selectExpr(c: Column): string {
  if (c.type === 'bytea') return `translate(encode(${ident(c.name)}, 'base64'), E'\\n', '')`;
  return `${ident(c.name)}::text`;
}

type Value = string | null;
type Row = Value[];

/** Rows per page read and per insert; a page of reports (up to 1 MB of JSON each, lib/report/limits) stays small. */
const PAGE = 500;
const pageOf = (t: TableInfo) => (t.columns.some((c) => c.type === 'jsonb' || c.type === 'bytea') ? 50 : PAGE);

/** The same text on every server and PGlite: UTC, ISO dates. Inside a transaction only. */
async function setSessionFormat(tx: Db) {
  await tx.execute(sql.raw(`set local timezone to 'UTC'`));
  await tx.execute(sql.raw(`set local datestyle to 'ISO, YMD'`));
  await tx.execute(sql.raw(`set local intervalstyle to 'postgres'`));
  await tx.execute(sql.raw(`set local extra_float_digits to 3`));
}

const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

/** A table's rows through a cursor, a page at a time, in the table's order. */
async function* readTable(tx: Db, t: TableInfo, columns: Column[] = t.columns): AsyncGenerator<Row[]> {
  const cursor = `nianbao_${t.name}`;
  const list = columns.map((c, i) => `${selectExpr(c)} as c${i}`).join(', ');
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select ${list} from ${t.spec.from ?? ident(t.name)} order by ${t.spec.order}`));
  try {
    for (;;) {
      const page = rowsOf(await tx.execute(sql.raw(`fetch forward ${pageOf(t)} from ${cursor}`)));
      if (page.length) yield page.map((o) => columns.map((_, i) => (o[`c${i}`] ?? null) as Value));
      if (page.length < pageOf(t)) return;
    }
  } finally {
    await tx.execute(sql.raw(`close ${cursor}`));
  }
}

/** The last migration applied to this database: the file records it, the target must have it. */
async function appliedMigrations(tx: Db): Promise<number[]> {
  const rows = rowsOf(await tx.execute(sql.raw(`select created_at::text as at from drizzle.__drizzle_migrations order by created_at`)));
  return rows.map((r) => Number(r.at));
}

type Journal = { entries: { tag: string; when: number }[] };
function journal(): Journal {
  return JSON.parse(readFileSync(path.join(appRoot(), 'drizzle/meta/_journal.json'), 'utf8')) as Journal;
}

async function countRows(tx: Db, name: string): Promise<number> {
  return Number(rowsOf(await tx.execute(sql.raw(`select count(*)::text as n from ${ident(name)}`)))[0].n);
}

// ---------------------------------------------------------------------------------------------
// The file's lines, checked with zod at the boundary.

const ZHeader = z.object({
  format: z.literal(FORMAT, { message: '不是 nianbao 的数据导出文件' }),
  formatVersion: z.number().int(),
  migration: z.object({ tag: z.string(), when: z.number().int() }),
  createdAt: z.string(),
  source: z.string(),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), count: z.number().int().min(0) })),
});
export type ExportHeader = z.infer<typeof ZHeader>;

const ZRowLine = z.object({ t: z.string(), r: z.array(z.string().nullable()) });
const ZTrailer = z.object({
  end: z.literal(true),
  tables: z.array(z.object({ name: z.string(), count: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type TableSummary = { name: string; label: string; count: number; sha256: string };
export type TransferSummary = { tables: TableSummary[]; bytes: number; migration: string };

const lineOf = (row: Row) => `${JSON.stringify(row)}\n`;

// ---------------------------------------------------------------------------------------------
// Export

type ExportOptions = {
  /** What the header names as the source (pglite, postgres). */
  source?: string;
  /**
   * The tables and columns as the database holds them, not as this release's schema has them:
   * for the copy made before a migration (lib/db/client.ts), while the database is still an
   * older release's. The file is then what that release's own export would have written, and
   * its `restore` loads it.
   */
  asStored?: boolean;
};

/** The moved tables with the columns the database has, in the database's order; a table it lacks is left out. */
async function storedTables(tx: Db): Promise<TableInfo[]> {
  const names = sql.join(
    MOVED_TABLES.map((n) => sql`${n}`),
    sql`, `,
  );
  const rows = rowsOf(
    await tx.execute(sql`select table_name::text as t, column_name::text as c, udt_name::text as u from information_schema.columns
      where table_schema = current_schema() and table_name in (${names}) order by table_name, ordinal_position`),
  );
  return TABLES.flatMap((t) => {
    const columns = rows.filter((r) => r.t === t.name).map((r) => ({ name: String(r.c), type: String(r.u) }));
    return columns.length ? [{ ...t, columns }] : [];
  });
}

/**
 * Writes the whole installation to `file` (gzip'd NDJSON), from one consistent snapshot of the
 * database. Written to `file.part` first and renamed at the end: a failed export leaves no file
 * that looks complete.
 */
export async function exportDatabase(db: Db, file: string, opts: ExportOptions = {}): Promise<TransferSummary> {
  const part = `${file}.part`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(part);
  // A folder that does not exist or cannot be written shows now, not after reading everything.
  await once(out, 'open').catch((e: NodeJS.ErrnoException) => refuse(`无法写入 ${file}：${e.code === 'ENOENT' ? '目录不存在' : e.code === 'EACCES' ? '没有写入权限' : e.message}`));
  const written = pipeline(gzip, out);
  // A failure of the file stream shows in `written`; keep it from being an unhandled rejection
  // while the export is still reading.
  written.catch(() => undefined);
  let buffered = '';
  const flush = async () => {
    if (!buffered) return;
    const chunk = buffered;
    buffered = '';
    if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), written]);
  };
  const write = async (line: string) => {
    buffered += line;
    if (buffered.length >= 1 << 16) await flush();
  };
  try {
    const tables = await db.transaction(
      async (tx) => {
        await setSessionFormat(tx);
        const applied = await appliedMigrations(tx);
        const last = applied.at(-1);
        const tag = journal().entries.find((e) => e.when === last)?.tag;
        if (last === undefined || !tag) throw new AppError('INVALID', '数据库没有可识别的结构版本（迁移记录），无法导出');
        const shape = opts.asStored ? await storedTables(tx) : TABLES;
        const counts: number[] = [];
        for (const t of shape) counts.push(await countRows(tx, t.name));
        const header: ExportHeader = {
          format: FORMAT,
          formatVersion: FORMAT_VERSION,
          migration: { tag, when: last },
          createdAt: new Date().toISOString(),
          source: opts.source ?? 'nianbao',
          tables: shape.map((t, i) => ({ name: t.name, columns: t.columns.map((c) => c.name), count: counts[i] })),
        };
        await write(`${JSON.stringify(header)}\n`);
        const summaries: TableSummary[] = [];
        for (const t of shape) {
          const hash = createHash('sha256');
          let count = 0;
          const prefix = `{"t":${JSON.stringify(t.name)},"r":`;
          for await (const page of readTable(tx, t)) {
            for (const row of page) {
              const line = lineOf(row);
              hash.update(line);
              count++;
              await write(`${prefix}${line.slice(0, -1)}}\n`);
            }
          }
          summaries.push({ name: t.name, label: t.label, count, sha256: hash.digest('hex') });
        }
        await write(`${JSON.stringify({ end: true, tables: summaries.map(({ name, count, sha256 }) => ({ name, count, sha256 })) })}\n`);
        return { summaries, tag };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await flush();
    gzip.end();
    await written;
    await rename(part, file);
    return { tables: tables.summaries, bytes: (await stat(file)).size, migration: tables.tag };
  } catch (e) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(part, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/** A line longer than this is not one of ours (a report's JSON is at most a few MB). */
const MAX_LINE = 64 * 1024 * 1024;

function refuse(message: string): never {
  throw new AppError('INVALID', message);
}

/** The file's lines, decompressed as they are read; a damaged or cut gzip stream ends in an error. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let start = 0;
      let nl;
      while ((nl = rest.indexOf('\n', start)) >= 0) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
      if (rest.length > MAX_LINE) refuse('文件中有一行过长，不是 nianbao 的数据导出文件');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') refuse(`找不到文件：${file}`);
    if (code === 'Z_DATA_ERROR') refuse('文件已损坏或不是 nianbao 的数据导出文件（gzip 数据有误），未导入任何数据');
    if (code === 'Z_BUF_ERROR') refuse('文件不完整（可能在复制或下载时被截断），未导入任何数据');
    throw e;
  } finally {
    source.destroy();
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function parseLine<T>(line: string, schemaOf: z.ZodType<T>, where: string): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    refuse(`文件已损坏：${where}不是有效的 JSON，未导入任何数据`);
  }
  const r = schemaOf.safeParse(json);
  if (!r.success) refuse(`文件已损坏：${where}格式不对（${r.error.issues.map((i) => `${i.path.join('.') || '整行'}：${i.message}`).join('；')}），未导入任何数据`);
  return r.data;
}

function checkHeaderShape(line: string): ExportHeader {
  const header = parseLine(line, ZHeader, '文件头');
  if (header.formatVersion !== FORMAT_VERSION) {
    refuse(`文件格式版本为 ${header.formatVersion}，本程序只能读取版本 ${FORMAT_VERSION}：请用与导出时相同或更新的 nianbao 导入`);
  }
  return header;
}

type ImportOptions = {
  /** Replace whatever the target holds (in the same transaction); otherwise a non-empty target is refused. */
  replace?: boolean;
};

/** What the target already holds, by table label, when it holds anything. */
async function contents(tx: Db): Promise<string | undefined> {
  const parts = [];
  for (const t of TABLES) {
    const n = await countRows(tx, t.name);
    if (n) parts.push(`${t.label} ${n}`);
  }
  return parts.length ? parts.join('、') : undefined;
}

/**
 * Loads `file` into `db`, in one transaction (see the top of this file). Returns the counts and
 * checksums, verified against the file and read back from the target.
 */
export async function importDatabase(db: Db, file: string, opts: ImportOptions = {}): Promise<TransferSummary> {
  const size = await stat(file).then(
    (s) => s.size,
    () => refuse(`找不到文件：${file}`),
  );
  const lines = linesOf(file);
  try {
    const first = await lines.next();
    if (first.done) refuse('文件是空的，不是 nianbao 的数据导出文件');
    const header = checkHeaderShape(first.value);
    const byName = new Map(TABLES.map((t) => [t.name, t]));
    const tables = await db.transaction(async (tx) => {
      await setSessionFormat(tx);
      if (!(await appliedMigrations(tx)).includes(header.migration.when)) {
        refuse(`文件来自数据库结构版本 ${header.migration.tag}，而目标数据库没有这一版本：请先把 nianbao 升级到导出时的版本或更新的版本再导入`);
      }
      if (header.tables.map((t) => t.name).join() !== MOVED_TABLES.join()) {
        refuse(`文件中的数据表（${header.tables.map((t) => t.name).join('、')}）与本程序的不一致，无法导入`);
      }
      const fileColumns = header.tables.map((ht) => {
        const t = byName.get(ht.name)!;
        return ht.columns.map((name) => t.columns.find((c) => c.name === name) ?? refuse(`文件中的表 ${ht.name} 有本程序不认识的列 ${name}，无法导入`));
      });

      const held = await contents(tx);
      if (held && !opts.replace) {
        throw new AppError('CONFLICT', `目标数据库不是空的（已有${held}）。导入不会与现有数据合并；如要用文件中的数据替换全部现有数据，请加 --force。`);
      }
      if (held) await tx.execute(sql.raw(`truncate ${schemaTables().map(ident).join(', ')}`));

      // Load, hashing every row as it is read from the file.
      const seen = header.tables.map(() => ({ count: 0, hash: createHash('sha256') }));
      let current = 0;
      let batch: Row[] = [];
      let batchChars = 0;
      const flush = async () => {
        if (!batch.length) return;
        await insertBatch(tx, header.tables[current].name, fileColumns[current], batch);
        batch = [];
        batchChars = 0;
      };
      let trailer: z.infer<typeof ZTrailer> | undefined;
      let lineNo = 1;
      for await (const line of lines) {
        lineNo++;
        if (trailer) {
          if (line.trim()) refuse(`文件已损坏：结尾记录之后还有内容（第 ${lineNo} 行），未导入任何数据`);
          continue;
        }
        if (line.startsWith('{"end"')) {
          trailer = parseLine(line, ZTrailer, '结尾记录');
          continue;
        }
        const row = parseLine(line, ZRowLine, `第 ${lineNo} 行`);
        let index = current;
        while (index < header.tables.length && header.tables[index].name !== row.t) index++;
        if (index === header.tables.length) refuse(`文件已损坏：第 ${lineNo} 行属于表 ${row.t}，不在文件头所列的位置，未导入任何数据`);
        if (index !== current) {
          await flush();
          current = index;
        }
        if (row.r.length !== fileColumns[current].length) refuse(`文件已损坏：第 ${lineNo} 行的列数不对，未导入任何数据`);
        seen[current].count++;
        seen[current].hash.update(lineOf(row.r));
        batch.push(row.r);
        batchChars += line.length;
        if (batch.length >= PAGE || batchChars >= 4 << 20) await flush();
      }
      await flush();
      if (!trailer) refuse('文件不完整（缺少结尾记录，可能被截断），未导入任何数据');

      // The file against its own trailer and header.
      const fromFile = seen.map((s) => ({ count: s.count, sha256: s.hash.digest('hex') }));
      header.tables.forEach((ht, i) => {
        const end = trailer.tables[i];
        const label = byName.get(ht.name)!.label;
        if (!end || end.name !== ht.name) refuse('文件已损坏：结尾记录与文件头不一致，未导入任何数据');
        if (end.count !== ht.count || fromFile[i].count !== end.count) {
          refuse(`文件已损坏：${label}应有 ${end.count} 条，文件中有 ${fromFile[i].count} 条，未导入任何数据`);
        }
        if (fromFile[i].sha256 !== end.sha256) refuse(`文件已损坏：${label}的校验和不符，未导入任何数据`);
      });

      // What the target now holds, read back as an export would read it.
      const out: TableSummary[] = [];
      for (const [i, t] of TABLES.entries()) {
        const hash = createHash('sha256');
        let count = 0;
        for await (const page of readTable(tx, t, fileColumns[i])) {
          for (const row of page) {
            hash.update(lineOf(row));
            count++;
          }
        }
        const sha256 = hash.digest('hex');
        if (count !== fromFile[i].count || sha256 !== fromFile[i].sha256) {
          throw new AppError('INVALID', `导入后核对不一致：${t.label}写入 ${count} 条，文件中 ${fromFile[i].count} 条${sha256 !== fromFile[i].sha256 ? '，校验和不符' : ''}；已撤销本次导入`);
        }
        out.push({ name: t.name, label: t.label, count, sha256 });
      }
      return out;
    });
    return { tables, bytes: size, migration: header.migration.tag };
  } finally {
    await lines.return(undefined);
  }
}

/**
 * One statement per batch with one parameter, the batch's rows as a JSON array of arrays: the
 * server takes the values apart (one JSON parse in C instead of thousands of bound parameters).
 */
async function insertBatch(tx: Db, table: string, columns: Column[], rows: Row[]) {
  const cols = columns.map((c) => ident(c.name)).join(', ');
  const values = columns.map((c, i) => (c.type === 'bytea' ? `decode(r->>${i}, 'base64')` : `(r->>${i})::${c.type}`)).join(', ');
  await tx.execute(sql`insert into ${sql.raw(ident(table))} (${sql.raw(cols)}) select ${sql.raw(values)} from json_array_elements(${JSON.stringify(rows)}::json) as r`);
}

/** A one-line Chinese account of what moved, for the CLI. */
export function describeSummary(s: TransferSummary): string {
  const list = s.tables.map((t) => `${t.label} ${t.count}`).join('、');
  return `${list}（数据库结构 ${s.migration}，文件 ${(s.bytes / 1024 / 1024).toFixed(1)} MB）`;
}
