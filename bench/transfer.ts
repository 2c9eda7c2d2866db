/**
 * Moving a province-sized installation: ~5 000 agencies and accounts, 5 000 reports with 2–3
 * versions each, events, comments, deadlines, preview links (test/support/installation.ts),
 * generated on embedded PGlite, exported, imported into PostgreSQL, exported from there and
 * imported into a fresh PGlite. Medians of TRANSFER_RUNS (3) round trips, each into fresh
 * databases; differences counted over every table (count and SHA-256 of all rows as text) and
 * over every version's stored report JSON, source against each target — must be 0.
 *
 * PostgreSQL: LOAD_PG_URL (postgres://postgres@127.0.0.1:5432/test); each run creates a scratch
 * database there and drops it. Size: TRANSFER_AGENCIES (5000).
 * Run alone: `npx tsx bench/transfer.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { summarize, printResults, type BenchResult } from './stats';
import { withAdminClient } from './load';

const PG_URL = process.env.LOAD_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENCIES = Number(process.env.TRANSFER_AGENCIES ?? 5000);
const RUNS = Number(process.env.TRANSFER_RUNS ?? 3);

const withAdmin = <T>(fn: (c: pg.Client) => Promise<T>) => withAdminClient(PG_URL, fn);

export async function benchTransfer(): Promise<BenchResult[]> {
  const { openDb } = await import('../lib/db/client');
  const { exportDatabase, importDatabase } = await import('../lib/db/transfer');
  const { makeInstallation } = await import('../test/support/installation');
  type Db = Awaited<ReturnType<typeof openDb>>['db'];

  /** Each table's count and checksum, and every version's JSON text: what must not change. */
  const fingerprint = async (db: Db, file: string) => {
    const s = await exportDatabase(db, file);
    const { rows } = (await db.execute(sql.raw(`select report_id::text || '/' || version as k, content::text as c from report_versions`))) as unknown as { rows: { k: string; c: string }[] };
    return { tables: s.tables, versions: new Map(rows.map((r) => [r.k, r.c])) };
  };
  const differences = (a: Awaited<ReturnType<typeof fingerprint>>, b: Awaited<ReturnType<typeof fingerprint>>) =>
    a.tables.filter((t, i) => t.count !== b.tables[i]?.count || t.sha256 !== b.tables[i]?.sha256).length +
    [...a.versions].filter(([k, v]) => b.versions.get(k) !== v).length +
    Math.abs(a.versions.size - b.versions.size);

  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-transfer-bench-'));
  const source = await openDb({});
  const made = await makeInstallation(source.db, { agencies: AGENCIES });
  const original = await fingerprint(source.db, path.join(dir, 'original.ndjson.gz'));
  const samples = { export: [] as number[], toPg: [] as number[], fromPg: [] as number[], toPglite: [] as number[], total: [] as number[] };
  let bytes = 0;
  let diffs = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const name = `nianbao_transfer_${randomBytes(6).toString('hex')}`;
      await withAdmin((c) => c.query(`create database ${name}`));
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      const server = await openDb({ url: url.toString() });
      const back = await openDb({});
      try {
        const file = path.join(dir, `run${run}.ndjson.gz`);
        const fileBack = path.join(dir, `run${run}-back.ndjson.gz`);
        let t = performance.now();
        const exported = await exportDatabase(source.db, file);
        samples.export.push(performance.now() - t);
        bytes = exported.bytes;
        t = performance.now();
        await importDatabase(server.db, file);
        samples.toPg.push(performance.now() - t);
        t = performance.now();
        await exportDatabase(server.db, fileBack);
        samples.fromPg.push(performance.now() - t);
        t = performance.now();
        await importDatabase(back.db, fileBack);
        samples.toPglite.push(performance.now() - t);
        samples.total.push(samples.export[run] + samples.toPg[run] + samples.fromPg[run] + samples.toPglite[run]);
        diffs += differences(original, await fingerprint(server.db, path.join(dir, 'check-pg.ndjson.gz')));
        diffs += differences(original, await fingerprint(back.db, path.join(dir, 'check-back.ndjson.gz')));
      } finally {
        await server.close();
        await back.close();
        await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).catch((e: Error) => console.error(`transfer: could not drop ${name}: ${e.message}`));
      }
    }
  } finally {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const mb = bytes / 1024 / 1024;
  console.log(
    `transfer: ${made.agencies} agencies and accounts, ${made.reports} reports, ${made.versions} versions; file ${mb.toFixed(1)} MB (gzip'd NDJSON); differences after PGlite → PostgreSQL → PGlite: ${diffs} (target 0)`,
  );
  return [
    summarize('transfer: export PGlite → file', samples.export, 'ms'),
    summarize('transfer: import file → PostgreSQL (empty)', samples.toPg, 'ms'),
    summarize('transfer: export PostgreSQL → file', samples.fromPg, 'ms'),
    summarize('transfer: import file → PGlite (empty)', samples.toPglite, 'ms'),
    summarize('transfer: PGlite → PostgreSQL → PGlite, total', samples.total, 'ms'),
    { name: 'transfer: export file size', runs: 1, median: mb, p95: mb, unit: 'MB' },
    { name: 'transfer: differences after round trip', runs: RUNS, median: diffs, p95: diffs, unit: '', target: '0' },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printResults(await benchTransfer());
}
