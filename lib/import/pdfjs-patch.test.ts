import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../document';
import { consistentReport } from '../report/generate';
import { renderPdfInProcess } from '../render/pdf';
import { darkExtent, rasterPage } from '../../test/support/pdf-raster';
import { template2021 } from '../../templates/2021';

/*
 * patches/pdfjs-dist+*.patch. An upgrade that drops a part of it fails here.
 * - TextState.clone() used Object.create(this), so each graphics-state save made a clone one
 *   prototype level deeper; on our PDFs (a save per text run) cloning was the largest cost.
 * - Embedded CFF fonts (ours, Fandol's, most Chinese PDFs') were compiled back into OpenType
 *   files and posted to the main thread on every load, though under disableFontFace only drawing
 *   glyphs reads them: about half of a six-page import. Now the file is built on first use.
 */
describe('pdfjs-dist patch', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = new Uint8Array(await renderPdfInProcess(buildDocument(template2021, consistentReport(3)), { final: false }));
  });

  it('TextState.clone keeps a flat prototype', () => {
    const file = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const src = readFileSync(file, 'utf8');
    expect(src).toContain('Object.assign(Object.create(Object.getPrototypeOf(this)), this); // [nianbao patch]');
  });

  it('embedded CFF fonts are compiled on first use, not on load', () => {
    const file = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const src = readFileSync(file, 'utf8');
    expect(src).toContain('this._file = file; // [nianbao patch] compiled on first use of data');
    expect(src).toContain('return this.disableFontFace ? build : build();');
  });

  it('reading text under disableFontFace still reads every character', async () => {
    const doc = await getDocument({ data: pdf.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    try {
      const content = await (await doc.getPage(1)).getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
      expect(text).toContain('政府信息公开工作年度报告');
      expect(text).not.toMatch(/[\uE000-\uF8FF\uFFFD]/);
    } finally {
      await doc.destroy();
    }
  });

  it('a page is still drawn with its glyphs (drawing asks for the font file, which is built then)', async () => {
    const page = await rasterPage(pdf, 1, 2);
    // Section 一's body text (仿宋, an embedded CFF font) fills page 1 between its heading and
    // section 二; an empty font file leaves that band blank but for the light watermark.
    let inked = 0;
    for (let x = 115; x < 300; x += 2) if (darkExtent(page, x, 250, 560)) inked++;
    expect(inked).toBeGreaterThan(60);
  });
});
