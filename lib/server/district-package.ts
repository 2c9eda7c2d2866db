/**
 * 「打包下载」: one ZIP of every approved report of a year under the reviewer's district — per
 * agency the final PDF, the DOCX, the publication page and the JSON, named
 * 「{机关全称}{年度}年政府信息公开工作年度报告.{ext}」 — with an index.html listing them and their
 * publication dates, the district summary (XLSX) and the JSON Schema of the data.
 *
 * Streamed: the ZIP is written (fflate's streaming Zip) as the consumer reads, one report at a
 * time, so memory stays at about one report's files however many agencies there are. The PDF
 * and the DOCX come from the kept files (lib/server/pdf-cache.ts), which the approval's
 * background job made (./prerender.ts); one missing is rendered — the PDF in the pool, the next
 * report's while the current one is zipped. The PDF is stored in the ZIP as it is: deflating it
 * would save a quarter of its size (its Flate streams are 70 %, the structure tree and xref are
 * plain text) for 4–5 ms a report in zlib — 35 s instead of 19 s for a province, and more memory
 * (ARCHITECTURE 「打包下载 of a province」).
 * Who: reviewers and admins, over the agencies below their own (as the district summary).
 */
import { and, eq, inArray } from 'drizzle-orm';
import * as zlib from 'node:zlib';
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import { safeFileName, z } from '../validation';
import type { Db } from '../db/client';
import { agencies, reports } from '../db/schema';
import { can, canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { documentFileName, type DocumentTree } from '../document';
import { packageIndexHtml, renderHtml, type IndexEntry } from '../render/html';
import { serializeReport } from '../report/json';
import { reportJsonSchema, reportSchemaFileName } from '../report/json-schema';
import { currentTemplate } from '../template/registry';
import { FIRST_YEAR, LAST_YEAR } from '../report/limits';
import { cachedDocx, cachedPdf, finalKeys, keptFiles, treeDigest, type PdfCacheOptions } from './pdf-cache';
import { printedDocument, printedReport, type StoredReport } from './printed';
import { exportSummary } from './summary';
import { beijingTime } from '../china-time';
import { byPinyin } from '../collate';

export const ZPackageQuery = z.object({
  year: z.coerce.number().int('年度须为整数').min(FIRST_YEAR, '年度无效').max(LAST_YEAR, '年度无效'),
  /** Only the reports under this agency of the scope (a city, a district): a province's package per branch. */
  under: z.string().uuid('下级机关无效').optional(),
});

/** Files per report in the package, in this order. */
export const PACKAGE_EXTENSIONS = ['pdf', 'docx', 'html', 'json'] as const;
const FILE_LABELS: Record<(typeof PACKAGE_EXTENSIONS)[number], string> = { pdf: 'PDF', docx: 'Word', html: '网页', json: 'JSON' };

/**
 * A report the package will hold, without its content: that is read when its turn comes, so a
 * province's 3 500 reports are never in memory at once. `agencyName` is the registered name
 * (agencies.name): what the package prints and names files by.
 */
type PackageReport = { id: string; agencyId: string; agencyName: string };

export type DistrictPackage = {
  year: number;
  districtName: string;
  /** e.g. 文峰区辖区2024年政府信息公开工作年度报告汇编.zip */
  fileName: string;
  reports: PackageReport[];
  /** Entries the ZIP will hold (for the progress shown while it downloads). */
  fileCount: number;
  /** The branch the package is limited to, if any. */
  under?: string;
};

/**
 * 「文峰区辖区2024年政府信息公开工作年度报告汇编」: the package's name — never the district's own
 * report's (「文峰区2024年政府信息公开工作年度报告」), which a reviewer also downloads.
 */
export function packageTitle(districtName: string, year: number): string {
  return `${districtName}辖区${year}年政府信息公开工作年度报告汇编`;
}

/** Which reports go in: approved, of the year, of the agencies below the user's own. */
export async function planDistrictPackage(db: Db, user: SessionUser, input: unknown): Promise<DistrictPackage> {
  if (!canAtOwnAgency(user, 'district.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以打包下载辖区报告');
  const parsed = ZPackageQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year, under } = parsed.data;
  const scope = await scopeOf(db, user);
  let ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  let districtName = user.agencyName;
  if (under) {
    if (!ids.includes(under)) throw new AppError('NOT_FOUND', '没有这个下级机关');
    const tree = await db.select({ id: agencies.id, name: agencies.name, parentId: agencies.parentId }).from(agencies).where(inArray(agencies.id, ids));
    const parent = new Map(tree.map((a) => [a.id, a.parentId]));
    const isUnder = (id: string): boolean => {
      for (let a: string | null | undefined = id; a && a !== user.agencyId; a = parent.get(a)) if (a === under) return true;
      return false;
    };
    ids = ids.filter(isUnder);
    districtName = tree.find((a) => a.id === under)!.name;
  }
  const rows = ids.length
    ? await db
        .select({ id: reports.id, agencyId: reports.agencyId, agencyName: agencies.name, status: reports.status })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(and(inArray(reports.agencyId, ids), eq(reports.year, year), eq(reports.status, 'approved')))
    : [];
  const readable = rows
    .filter((r) => can(user, 'report.read', r, scope))
    .sort((a, b) => byPinyin(a.agencyName, b.agencyName))
    .map(({ id, agencyId, agencyName }) => ({ id, agencyId, agencyName }));
  return {
    year,
    districtName,
    fileName: `${safeFileName(packageTitle(districtName, year))}.zip`,
    reports: readable,
    fileCount: readable.length * PACKAGE_EXTENSIONS.length + 4,
    ...(under ? { under } : {}),
  };
}

/** Node's CRC-32 (native; Node 20.15+ and 22.2+), several times fflate's in JavaScript. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/**
 * Adds a whole file to the ZIP in one go: stored as it is, or deflated at level 6. The CRC and
 * the deflating are Node's own (zlib, native) where it has them — for a province's 3 500
 * reports fflate's JavaScript deflate and CRC took a third of the package's time; without
 * `zlib.crc32` fflate's entries do it all.
 */
function addWhole(zip: Zip, name: string, bytes: Uint8Array, stored: boolean): void {
  if (!nativeCrc32) {
    const entry = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
    return;
  }
  const data = stored ? bytes : zlib.deflateRawSync(bytes, { level: 6 });
  const entry: ZipInputFile = { filename: name, size: bytes.length, crc: nativeCrc32(bytes), compression: stored ? 0 : 8 };
  zip.add(entry);
  entry.ondata!(null, data as Uint8Array<ArrayBuffer>, true);
}

/** Makes names unique as they come: a second 「某某街道办事处2024年…」 becomes 「…（2）」. */
function uniqueStems(): (stem: string) => string {
  const seen = new Map<string, number>();
  return (s) => {
    const n = (seen.get(s) ?? 0) + 1;
    seen.set(s, n);
    return n === 1 ? s : `${s}（${n}）`;
  };
}

export type PackageOptions = { pdfCache?: PdfCacheOptions };

/** Reports read at once: a few MB of PDFs, and a few dozen reads for a province instead of 10 000. */
const READ_BATCH = 16;

/** A report of a read batch as it prints, with its kept files (undefined: not kept, rendered at its turn). */
type Printed = {
  stored: StoredReport & { version: number };
  doc: DocumentTree;
  tree: string;
  keys: { pdf: string; docx: string };
  pdf?: Buffer;
  docx?: Buffer;
};

/** The ZIP as a byte stream; each pull adds one report (or the closing files). */
export function districtPackageStream(db: Db, user: SessionUser, pkg: DistrictPackage, opts: PackageOptions = {}): ReadableStream<Uint8Array> {
  const owner = `package:${user.id}`;
  const stemOf = uniqueStems();
  const entries: IndexEntry[] = [];
  /**
   * Reports [b·READ_BATCH, (b+1)·READ_BATCH) as they print — read now, under the registered name
   * (printed.ts) — with their kept final PDF and DOCX where kept: two reads for the batch. One
   * read per report and per file was a third of a province's package, most of it the database
   * round trips on a loaded machine.
   */
  const readBatch = async (b: number) => {
    const part = pkg.reports.slice(b * READ_BATCH, (b + 1) * READ_BATCH);
    const rows = await db
      .select({ id: reports.id, version: reports.version, content: reports.content, edition: reports.edition })
      .from(reports)
      .where(and(inArray(reports.id, part.map((r) => r.id)), eq(reports.status, 'approved')));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out = new Map<string, Printed>();
    for (const r of part) {
      const row = byId.get(r.id);
      if (!row) continue; // returned since the package was planned
      const stored = { content: row.content, edition: row.edition, version: row.version, agencyName: r.agencyName };
      const doc = printedDocument(stored);
      const tree = treeDigest(doc);
      out.set(r.id, { stored, doc, tree, keys: finalKeys({ reportId: r.id, version: row.version, doc }, opts.pdfCache, tree) });
    }
    const kept = await keptFiles(db, [...out.values()].flatMap((p) => [p.keys.pdf, p.keys.docx]));
    for (const p of out.values()) Object.assign(p, { pdf: kept.get(p.keys.pdf), docx: kept.get(p.keys.docx) });
    return out;
  };
  const batches = new Map<number, Promise<Map<string, Printed>>>();
  const batch = (b: number) => {
    let got = batches.get(b);
    if (!got) {
      got = readBatch(b);
      got.catch(() => undefined); // read ahead: its error is met when its turn comes
      batches.set(b, got);
    }
    return got;
  };
  /** Report i with its final PDF and DOCX — a missing one rendered now; null when no longer approved. */
  const load = async (i: number) => {
    const b = Math.floor(i / READ_BATCH);
    const printed = await batch(b);
    // The next batch is read while this one is zipped; the one before is done with.
    if ((b + 1) * READ_BATCH < pkg.reports.length) batch(b + 1);
    batches.delete(b - 1);
    const r = pkg.reports[i];
    const p = printed.get(r.id);
    if (!p) return null;
    printed.delete(r.id);
    const version = p.stored.version;
    const pdf = p.pdf ?? (await cachedPdf(db, { reportId: r.id, version, final: true, doc: p.doc, owner }, opts.pdfCache, p.tree)).bytes;
    const docx = p.docx ?? (await cachedDocx(db, { reportId: r.id, version, doc: p.doc }, opts.pdfCache, p.tree)).bytes;
    return { stored: p.stored, doc: p.doc, pdf, docx };
  };
  let next: ReturnType<typeof load> | null = null;
  let index = 0;
  let ended = false;
  let zip: Zip;
  // Every entry but the PDF is deflated, the DOCX and XLSX too: stored as they are, their own
  // inner ZIP headers would stand in the stream, and the progress shown while downloading
  // (lib/export/zip-progress.ts reads local headers) would count every part of every Word file.
  // A PDF of ours embeds no file: Flate data and PDF syntax, where PK\3\4 plus version 20 is
  // as unlikely as anywhere (prerender.test.ts reads a package's progress).
  const add = (name: string, bytes: Uint8Array, stored = false) => addWhole(zip, name, bytes, stored);
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      if (pkg.reports.length) next = load(0);
    },
    async pull() {
      if (index < pkg.reports.length) {
        const i = index++;
        const got = await next!;
        // Read and render ahead: the next report's PDF while this one's other files are made and zipped.
        next = i + 1 < pkg.reports.length ? load(i + 1) : null;
        if (!got) return; // returned since the package was planned
        const { stored, doc, pdf, docx } = got;
        const stem = stemOf(doc.meta.fileStem);
        const name = (ext: string) => documentFileName({ ...doc, meta: { ...doc.meta, fileStem: stem } }, ext);
        add(name('pdf'), pdf, true);
        add(name('docx'), docx);
        add(name('html'), utf8(renderHtml(doc, { final: true })));
        add(name('json'), utf8(serializeReport(printedReport(stored))));
        entries.push({
          agencyName: doc.meta.agencyName,
          title: doc.meta.title,
          publishDate: stored.content.meta.publishDate,
          files: PACKAGE_EXTENSIONS.map((ext) => ({ label: FILE_LABELS[ext], name: `${stem}.${ext}` })),
        });
        return;
      }
      if (ended) return;
      ended = true;
      const summary = await exportSummary(db, user, { year: pkg.year, include: 'approved', ...(pkg.under ? { agency: pkg.under } : {}) }, 'xlsx');
      const schemaName = reportSchemaFileName('published');
      const title = packageTitle(pkg.districtName, pkg.year);
      add(
        'index.html',
        utf8(packageIndexHtml(title, entries, [
          { label: `辖区汇总（${summary.fileName}）`, name: summary.fileName },
          { label: '数据格式（JSON Schema）', name: schemaName },
        ])),
      );
      add(summary.fileName, summary.bytes);
      add(schemaName, utf8(`${JSON.stringify(reportJsonSchema(currentTemplate, 'published'), null, 2)}\n`));
      add('README.txt', utf8(`${title}\r\n打包时间：${beijingTime(new Date())}\r\n共 ${entries.length} 份已通过审核的报告；打开 index.html 查看目录。\r\n`));
      zip.end();
    },
    cancel() {
      zip?.terminate();
    },
  });
}
