import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { DbHandle } from '../../lib/db/client';
import type { SessionUser } from '../../lib/auth/types';
import { createReport, getReport, saveReport } from '../../lib/server/reports';
import { transitionReport } from '../../lib/server/review';
import { districtPackageStream, planDistrictPackage } from '../../lib/server/district-package';
import { zipProgress } from '../../lib/export/zip-progress';
import { parseReportJson } from '../../lib/report/json';
import { closeSharedPdfPool } from '../../lib/render/pdf';
import { consistentReport } from '../support/generate';
import { readPdf } from '../support/pdf-text';
import { backends } from '../support/databases';
import { signInDemo } from '../support/sign-in';

const [backend] = await backends();
const YEAR = 2024;
const STEM = '文峰区紫薇大道街道办事处2024年政府信息公开工作年度报告';
const OTHER_STEM = '文峰区东大街街道办事处2024年政府信息公开工作年度报告';
/** What filer ziwei types into the report: another office's name (issue 26, point 1). */
const SPOOFED = '文峰区东大街街道办事处';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

describe(`the district package on ${backend.name}`, () => {
  let h: DbHandle & { drop(): Promise<void> };
  const as: Record<string, SessionUser> = {};
  let dongdajie: { id: string; version: number };
  const signIn = (username: string) => signInDemo(h.db, username);
  const submit = async (filer: string, seed: number, publishDate: string | null, typedName?: string) => {
    const { id } = await createReport(h.db, as[filer], { agencyId: as[filer].agencyId, year: YEAR });
    const rec = await getReport(h.db, as[filer], id);
    const g = consistentReport(seed);
    const content = { ...g, meta: { ...g.meta, agencyName: typedName ?? rec.agencyName, year: YEAR, publishDate } };
    const saved = await saveReport(h.db, as[filer], id, { baseVersion: rec.version, content });
    if (!saved.ok) throw new Error('save refused');
    await transitionReport(h.db, as[filer], id, { transition: 'submit', from: 'draft', version: saved.version });
    return { id, version: saved.version, content };
  };

  beforeAll(async () => {
    h = await backend.open();
    for (const u of ['ziwei', 'dongdajie', 'wenfeng']) as[u] = await signIn(u);
    // ziwei's filer saves the report under 东大街's name; the package must print 紫薇大道 all the same.
    const a = await submit('ziwei', 21, '2025-01-20', SPOOFED);
    await transitionReport(h.db, as.wenfeng, a.id, { transition: 'approve', from: 'submitted', version: a.version });
    dongdajie = await submit('dongdajie', 22, null); // submitted, not approved: left out
  }, 60_000);
  afterAll(async () => {
    await closeSharedPdfPool();
    await h?.drop();
  });

  it('holds the approved reports as PDF, DOCX, HTML and JSON, an index with dates, the summary and the schema', async () => {
    const pkg = await planDistrictPackage(h.db, as.wenfeng, { year: YEAR });
    expect(pkg.reports).toHaveLength(1);
    expect(pkg.fileName).toBe('文峰区辖区2024年政府信息公开工作年度报告汇编.zip');
    const bytes = await readAll(districtPackageStream(h.db, as.wenfeng, pkg));
    const files = unzipSync(bytes);
    // The progress the page shows names exactly the package's files (not the parts inside a DOCX).
    expect(zipProgress().push(bytes)).toEqual(Object.keys(files));
    expect(Object.keys(files)).toEqual([
      `${STEM}.pdf`,
      `${STEM}.docx`,
      `${STEM}.html`,
      `${STEM}.json`,
      'index.html',
      '文峰区2024年度政府信息公开情况汇总.xlsx',
      'published-report.schema.json',
      'README.txt',
    ]);
    expect(Object.keys(files)).toHaveLength(pkg.fileCount);
    const pdf = files[`${STEM}.pdf`];
    expect(strFromU8(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(strFromU8(files[`${STEM}.docx`].subarray(0, 2))).toBe('PK');
    const json = parseReportJson(strFromU8(files[`${STEM}.json`]));
    expect(json.meta.publishDate).toBe('2025-01-20');
    // Every file prints the registered name, not the one the filer typed.
    expect(json.meta.agencyName).toBe('文峰区紫薇大道街道办事处');
    const html = strFromU8(files[`${STEM}.html`]);
    expect(html).not.toContain('class="draft"');
    expect(html).toContain(`<title>${STEM}</title>`);
    expect(html).not.toContain('东大街');
    expect((await readPdf(pdf)).info).toMatchObject({ Author: '文峰区紫薇大道街道办事处', Title: STEM });
    const docx = unzipSync(files[`${STEM}.docx`]);
    expect(strFromU8(docx['docProps/core.xml'])).toContain('<dc:creator>文峰区紫薇大道街道办事处</dc:creator>');
    expect(strFromU8(docx['word/document.xml'])).not.toContain('东大街');
    const index = strFromU8(files['index.html']);
    expect(index).toContain('文峰区紫薇大道街道办事处</th><td>2025年1月20日</td>');
    expect(index).toContain(`href="${encodeURI(`${STEM}.pdf`)}"`);
    expect(index).not.toContain('东大街');
  }, 120_000);

  it('names two offices apart when one typed the other\'s name: no 「（2）」', async () => {
    await transitionReport(h.db, as.wenfeng, dongdajie.id, { transition: 'approve', from: 'submitted', version: dongdajie.version });
    const pkg = await planDistrictPackage(h.db, as.wenfeng, { year: YEAR });
    const files = unzipSync(await readAll(districtPackageStream(h.db, as.wenfeng, pkg)));
    const names = Object.keys(files);
    expect(names.filter((n) => n.endsWith('.pdf')).sort()).toEqual([`${OTHER_STEM}.pdf`, `${STEM}.pdf`].sort());
    expect(names.some((n) => n.includes('（2）'))).toBe(false);
    const index = strFromU8(files['index.html']);
    expect(index).toContain('<th scope="row">文峰区紫薇大道街道办事处</th>');
    expect(index).toContain('<th scope="row">文峰区东大街街道办事处</th>');
  }, 120_000);

  it('a package of one branch holds only the reports under it; its README tells Beijing time; a report returned meanwhile is left out', async () => {
    const ziweiOnly = await planDistrictPackage(h.db, as.wenfeng, { year: YEAR, under: as.ziwei.agencyId });
    expect(ziweiOnly.reports.map((r) => r.agencyName)).toEqual(['文峰区紫薇大道街道办事处']);
    expect(ziweiOnly.fileName).toBe('文峰区紫薇大道街道办事处辖区2024年政府信息公开工作年度报告汇编.zip');
    await expect(planDistrictPackage(h.db, as.wenfeng, { year: YEAR, under: as.wenfeng.agencyId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(planDistrictPackage(h.db, as.wenfeng, { year: YEAR, under: 'x' })).rejects.toMatchObject({ code: 'INVALID' });

    const pkg = await planDistrictPackage(h.db, as.wenfeng, { year: YEAR });
    expect(pkg.reports).toHaveLength(2);
    // 东大街 is returned after the package was planned: it is read when its turn comes, and left out.
    const head = await getReport(h.db, as.wenfeng, dongdajie.id);
    await transitionReport(h.db, as.wenfeng, dongdajie.id, { transition: 'return', from: 'approved', version: head.version, reason: '请核对表三' });
    const files = unzipSync(await readAll(districtPackageStream(h.db, as.wenfeng, pkg)));
    expect(Object.keys(files).filter((n) => n.endsWith('.pdf'))).toEqual([`${STEM}.pdf`]);
    const readme = strFromU8(files['README.txt']);
    expect(readme).toMatch(/打包时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）/);
    expect(readme).toContain('共 1 份已通过审核的报告');
  }, 120_000);

  it('is refused to a filer', async () => {
    await expect(planDistrictPackage(h.db, as.ziwei, { year: YEAR })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
