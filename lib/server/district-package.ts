/**
 * 「打包下载」: one ZIP of every approved report of a year under the reviewer's district — per
 * agency the final PDF, the DOCX, the publication page and the JSON, named
 * 「{机关全称}{年度}年政府信息公开工作年度报告.{ext}」 — with an index.html listing them and their
 * publication dates, the district summary (XLSX) and the JSON Schema of the data.
 *
 * Streamed: the ZIP is written (fflate's streaming Zip) as the consumer reads, one report at a
 * time, so memory stays at about one report's files however many agencies there are. PDFs come
 * from the PDF cache (lib/server/pdf-cache.ts) when rendered before; otherwise the pool renders
 * them, the next report's PDF while the current one is zipped.
 * Who: reviewers and admins, over the agencies below their own (as the district summary).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Zip, ZipDeflate } from 'fflate';
import { safeFileName, z } from '../validation';
import type { Db } from '../db/client';
import { agencies, reports } from '../db/schema';
import { can, canAtOwnAgency, scopeOf } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError } from '../errors';
import { documentFileName } from '../document';
import { renderDocx } from '../render/docx';
import { packageIndexHtml, renderHtml, type IndexEntry } from '../render/html';
import { serializeReport } from '../report/json';
import { reportJsonSchema, reportSchemaFileName } from '../report/json-schema';
import type { Report } from '../report/types';
import { currentTemplate } from '../template/registry';
import { FIRST_YEAR, LAST_YEAR } from '../report/limits';
import { cachedPdf, type PdfCacheOptions } from './pdf-cache';
import { printedDocument, printedReport } from './printed';
import { exportSummary } from './summary';

export const ZPackageQuery = z.object({
  year: z.coerce.number().int('年度须为整数').min(FIRST_YEAR, '年度无效').max(LAST_YEAR, '年度无效'),
});

/** Files per report in the package, in this order. */
export const PACKAGE_EXTENSIONS = ['pdf', 'docx', 'html', 'json'] as const;
const FILE_LABELS: Record<(typeof PACKAGE_EXTENSIONS)[number], string> = { pdf: 'PDF', docx: 'Word', html: '网页', json: 'JSON' };

/** `agencyName` is the registered name (agencies.name): what the package prints and names files by. */
type PackageReport = { id: string; version: number; agencyId: string; agencyName: string; content: Report; edition: string };

export type DistrictPackage = {
  year: number;
  districtName: string;
  /** e.g. 文峰区2024年政府信息公开工作年度报告.zip */
  fileName: string;
  reports: PackageReport[];
  /** Entries the ZIP will hold (for the progress shown while it downloads). */
  fileCount: number;
};


/** Which reports go in: approved, of the year, of the agencies below the user's own. */
export async function planDistrictPackage(db: Db, user: SessionUser, input: unknown): Promise<DistrictPackage> {
  if (!canAtOwnAgency(user, 'district.read')) throw new AppError('FORBIDDEN', '只有审核人和管理员可以打包下载辖区报告');
  const parsed = ZPackageQuery.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '请求无效');
  const { year } = parsed.data;
  const scope = await scopeOf(db, user);
  const ids = [...scope.agencyIds].filter((a) => a !== user.agencyId);
  const rows = ids.length
    ? await db
        .select({ id: reports.id, version: reports.version, agencyId: reports.agencyId, agencyName: agencies.name, status: reports.status, content: reports.content, edition: reports.edition })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(and(inArray(reports.agencyId, ids), eq(reports.year, year), eq(reports.status, 'approved')))
        .orderBy(asc(agencies.name))
    : [];
  const readable = rows.filter((r) => can(user, 'report.read', r, scope));
  return {
    year,
    districtName: user.agencyName,
    fileName: `${safeFileName(user.agencyName)}${year}年政府信息公开工作年度报告.zip`,
    reports: readable,
    fileCount: readable.length * PACKAGE_EXTENSIONS.length + 4,
  };
}

/** Makes names unique: a second 「某某街道办事处2024年…」 becomes 「…（2）」. */
function uniqueStems(stems: string[]): string[] {
  const seen = new Map<string, number>();
  return stems.map((s) => {
    const n = (seen.get(s) ?? 0) + 1;
    seen.set(s, n);
    return n === 1 ? s : `${s}（${n}）`;
  });
}

export type PackageOptions = { pdfCache?: PdfCacheOptions };

/** The ZIP as a byte stream; each pull adds one report (or the closing files). */
export function districtPackageStream(db: Db, user: SessionUser, pkg: DistrictPackage, opts: PackageOptions = {}): ReadableStream<Uint8Array> {
  // Under the registered name, never the one typed into the content (printed.ts).
  const docs = pkg.reports.map(printedDocument);
  const stems = uniqueStems(docs.map((d) => d.meta.fileStem));
  const owner = `package:${user.id}`;
  const pdfOf = (i: number) =>
    cachedPdf(db, { reportId: pkg.reports[i].id, version: pkg.reports[i].version, final: true, doc: docs[i], owner }, opts.pdfCache).then((p) => p.bytes);
  let nextPdf: Promise<Buffer> | null = null;
  let index = 0;
  let ended = false;
  let zip: Zip;
  // Every entry is deflated, the DOCX and XLSX too: stored as they are, their own inner ZIP
  // headers would stand in the stream, and the progress shown while downloading
  // (lib/export/zip-progress.ts reads local headers) would count every part of every Word file.
  const add = (name: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
  };
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      if (docs.length) nextPdf = pdfOf(0);
    },
    async pull() {
      if (index < docs.length) {
        const i = index++;
        const pdf = await nextPdf!;
        // Render ahead: the next PDF while this report's other files are made and zipped.
        nextPdf = i + 1 < docs.length ? pdfOf(i + 1) : null;
        const doc = docs[i];
        const name = (ext: string) => documentFileName({ ...doc, meta: { ...doc.meta, fileStem: stems[i] } }, ext);
        add(name('pdf'), pdf);
        add(name('docx'), await renderDocx(doc));
        add(name('html'), utf8(renderHtml(doc, { final: true })));
        add(name('json'), utf8(serializeReport(printedReport(pkg.reports[i]))));
        return;
      }
      if (ended) return;
      ended = true;
      const summary = await exportSummary(db, user, { year: pkg.year, include: 'approved' }, 'xlsx');
      const schemaName = reportSchemaFileName('published');
      const entries: IndexEntry[] = docs.map((d, i) => ({
        agencyName: d.meta.agencyName,
        title: d.meta.title,
        publishDate: pkg.reports[i].content.meta.publishDate,
        files: PACKAGE_EXTENSIONS.map((ext) => ({ label: FILE_LABELS[ext], name: `${stems[i]}.${ext}` })),
      }));
      const title = `${pkg.districtName}${pkg.year}年政府信息公开工作年度报告`;
      add(
        'index.html',
        utf8(packageIndexHtml(title, entries, [
          { label: `辖区汇总（${summary.fileName}）`, name: summary.fileName },
          { label: '数据格式（JSON Schema）', name: schemaName },
        ])),
      );
      add(summary.fileName, summary.bytes);
      add(schemaName, utf8(`${JSON.stringify(reportJsonSchema(currentTemplate, 'published'), null, 2)}\n`));
      add('README.txt', utf8(`${title}\r\n打包时间：${new Date().toISOString()}\r\n共 ${docs.length} 份已通过审核的报告；打开 index.html 查看目录。\r\n`));
      zip.end();
    },
    cancel() {
      zip?.terminate();
    },
  });
}
