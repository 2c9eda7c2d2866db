/**
 * The final copy as PDF/A (issue 27): Apache PDFBox Preflight, which knows PDF/A-1b, on a 1b
 * variant of the same report; and scripted checks of the PDF/A-2b file itself — XMP identification,
 * the sRGB output intent, every font embedded (pdffonts), qpdf --check clean, nothing encrypted or
 * external. Drafts stay plain PDFs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import { preflightA1b, preflightMissing } from '../../../test/support/preflight';
import { sampleReport } from '../../../test/support/sample-report';
import { archivalProblems, assertArchival } from './pdfa';
import { renderPdfInProcess } from './render-in-process';

let a2b: Buffer;
let a1b: Buffer;
let draft: Buffer;

beforeAll(async () => {
  const doc = buildDocument(template2021, sampleReport(template2021));
  [a2b, a1b, draft] = [
    await renderPdfInProcess(doc, { final: true }),
    await renderPdfInProcess(doc, { final: true, conformance: 'PDF/A-1b' }),
    await renderPdfInProcess(doc, { final: false }),
  ];
}, 120_000);

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const tool = (name: string) => [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((p) => existsSync(p));

/** Runs a poppler/qpdf tool on the PDF; stdout, and the exit status. */
function onFile(pdf: Uint8Array, cmd: string, args: string[]): { out: string; status: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-pdfa-'));
  try {
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    try {
      return { out: execFileSync(cmd, [...args, file], { encoding: 'latin1', maxBuffer: 1 << 26 }), status: 0 };
    } catch (e) {
      const err = e as { stdout?: string; status?: number };
      return { out: err.stdout ?? '', status: err.status ?? 1 };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PDF/A-2b final copy', () => {
  it('identifies itself in XMP as PDF/A-2b, with the info dictionary’s title', () => {
    const text = latin1(a2b);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    const xmp = Buffer.from(a2b).toString('utf8').match(/<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/)?.[0] ?? '';
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('政府信息公开工作年度报告');
    expect(text).toMatch(/\/Metadata \d+ 0 R/);
  });

  it('has an sRGB output intent with an embedded ICC profile', () => {
    const text = latin1(a2b);
    expect(text).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(text).toMatch(/\/S \/GTS_PDFA1/);
    const profile = Number(text.match(/\/DestOutputProfile (\d+) 0 R/)?.[1]);
    expect(profile).toBeGreaterThan(0);
    const qpdf = tool('qpdf');
    if (!qpdf) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-icc-'));
    try {
      writeFileSync(path.join(dir, 'a.pdf'), a2b);
      const icc = execFileSync(qpdf, [`--show-object=${profile}`, '--filtered-stream-data', path.join(dir, 'a.pdf')]);
      // An ICC profile: 'acsp' signature at 36, an RGB device space at 16.
      expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
      expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embeds every font, is not encrypted and refers to nothing outside itself', () => {
    expect(archivalProblems(a2b)).toEqual([]);
    const pdffonts = tool('pdffonts');
    if (!pdffonts) return;
    const rows = onFile(a2b, pdffonts, []).out.split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThanOrEqual(4);
    // Columns: name type encoding emb sub uni object ID.
    for (const row of rows) expect(row.split(/\s+/).slice(-5)[0], row).toBe('yes');
  });

  it('passes qpdf --check', () => {
    const qpdf = tool('qpdf');
    if (!qpdf) return;
    const { out, status } = onFile(a2b, qpdf, ['--check']);
    expect(status, out).toBe(0);
    expect(out).toContain('No syntax or stream encoding errors');
  });

  it('fails the render when a font is not embedded (a standard-14 Helvetica)', async () => {
    // react-pdf sets text with no font family in Helvetica, a standard-14 font it does not embed.
    const helvetica = await renderToBuffer(
      createElement(Document, { conformance: 'PDF/A-2b' }, createElement(Page, null, createElement(Text, null, '2024'))),
    );
    expect(archivalProblems(helvetica)).toEqual([{ kind: 'standardFont', detail: 'Helvetica' }]);
    expect(() => assertArchival(helvetica)).toThrow(/未嵌入的标准字体 Helvetica/);
  });
});

describe('drafts', () => {
  it('stay plain PDFs: no PDF/A identification, no output intent', () => {
    const text = latin1(draft);
    expect(text.startsWith('%PDF-1.3')).toBe(true);
    expect(text).not.toContain('pdfaid');
    expect(text).not.toContain('/OutputIntents');
  });
});

const missing = preflightMissing();
describe.skipIf(missing !== null)(`Apache PDFBox Preflight${missing ? `（${missing}）` : ''}`, () => {
  it('finds the PDF/A-1b variant of the report valid', async () => {
    const r = await preflightA1b(a1b);
    expect(r.errors, r.output).toEqual([]);
    expect(r.valid, r.output).toBe(true);
  }, 120_000);

  it('finds in the PDF/A-2b file only what PDF/A-2 allows and 1b does not (CIDSet optional, part 2)', async () => {
    const r = await preflightA1b(a2b);
    expect(r.valid).toBe(false);
    const others = r.errors.filter((e) => !/^3\.1\.11 : .*CIDSet entry is missing/.test(e) && !/^7\.11\.2 : .*part must be 1/.test(e));
    expect(others, r.output).toEqual([]);
    expect(r.errors.some((e) => e.startsWith('7.11.2'))).toBe(true);
  }, 120_000);

  it('stays valid for an agency whose name holds XML markup characters (「R&D<中心>」)', async () => {
    const doc = buildDocument(template2021, sampleReport(template2021, { agencyName: '某某市R&D<中心>' }));
    const pdf = await renderPdfInProcess(doc, { final: true, conformance: 'PDF/A-1b' });
    expect(Buffer.from(pdf).toString('utf8')).toContain('某某市R&amp;D&lt;中心&gt;');
    const r = await preflightA1b(pdf);
    expect(r.errors, r.output).toEqual([]);
  }, 120_000);

  it('is not fooled: a draft is not PDF/A', async () => {
    const r = await preflightA1b(draft);
    expect(r.valid).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
  }, 120_000);
});
