/**
 * Table columns sized for what they hold (issue 9, items 14 and 17): a column header breaks
 * between words, never inside one (「自然人」, not 「自然/人」), and a 5-digit count (a city's
 * 3001 applications, 31119 here) fits on one line at the table's own type size in every value
 * column of 表三 and 表四 — in our PDF, and in the DOCX as LibreOffice lays it out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { buildDocument } from '../document/build';
import { headerWords, packWords } from '../document/header-words';
import type { DocumentTree } from '../document/types';
import { tableCells } from '../template/walk';
import { convertDocxWithLibreOffice } from './docx/libreoffice';
import { sofficeForTests, sofficeSkipReason } from '../../test/support/quick';
import { renderDocx } from './docx/render-docx';
import { FONT_SIZE_PT } from '../document/page-layout';
import { renderPdfInProcess } from './pdf/render-in-process';
import { readPdf, type PdfRead } from '../../test/support/pdf-text';
import { sampleReport } from '../../test/support/sample-report';

const BIG = '31119';
const bigCells = tableCells(template2021, 'table3').length + tableCells(template2021, 'table4').length;

let doc: DocumentTree;
let pdfFile: Buffer;
let pdf: PdfRead;

beforeAll(async () => {
  const report = sampleReport(template2021);
  report.meta.totals = 'asPrinted';
  for (const key of ['table3', 'table4'] as const) for (const c of tableCells(template2021, key)) report.tables[key][c.row][c.col] = Number(BIG);
  doc = buildDocument(template2021, report);
  pdfFile = await renderPdfInProcess(doc, { final: true });
  pdf = await readPdf(pdfFile);
}, 120_000);

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

/** Words as poppler groups glyphs (pdftotext -bbox): a number wrapped in its cell is two words. */
function words(pdfFile: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cols-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdfFile);
    const html = execFileSync(pdftotext!, ['-bbox', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return [...html.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (ws: string[], w: string) => ws.filter((x) => x === w).length;

describe('header words', () => {
  it('keeps 自然人 whole and breaks the other headers only between words', () => {
    expect(headerWords('自然人')).toEqual(['自然人']);
    expect(headerWords('社会公益组织')).toEqual(['社会', '公益', '组织']);
    expect(headerWords('复议后起诉').join('/')).not.toMatch(/^复\//);
    expect(packWords(['社会', '公益', '组织'], 2.4)).toEqual(['社会', '公益', '组织']);
    expect(packWords(['自然人'], 2.4)).toEqual(['自然人']);
  });

  it('marks every column header of the three tables with its words', () => {
    for (const b of doc.blocks)
      if (b.kind === 'table')
        for (const r of b.table.rows) for (const c of r.cells) if (c.role === 'colHeader') expect(c.words?.join(''), c.text).toBe(c.text);
  });
});

describe.skipIf(!pdftotext)(`PDF${pdftotext ? '' : '（未安装 pdftotext：apt-get install poppler-utils）'}`, () => {
  it(`prints 自然人 on one line (both table 3 headers) and ${BIG} whole in every value column of 表三 and 表四`, () => {
    const ws = words(pdfFile);
    expect(count(ws, '自然人')).toBeGreaterThanOrEqual(1);
    expect(count(ws, '自然')).toBe(0);
    expect(count(ws, BIG)).toBe(bigCells);
  });

  it(`prints ${BIG} at the table's own type size (not shrunk to fit)`, () => {
    const sizes = pdf.pages.flatMap((p) => p.items).filter((i) => i.str.trim() === BIG).map((i) => Math.round(i.height * 10) / 10);
    expect(new Set(sizes)).toEqual(new Set([FONT_SIZE_PT.table, FONT_SIZE_PT.tableSmall]));
  });
});

describe('DOCX through LibreOffice', () => {
  const soffice = sofficeForTests();
  it.skipIf(!soffice || !pdftotext)(`keeps 自然人 and every ${BIG} on one line${sofficeSkipReason()}`, async () => {
    const ws = words((await convertDocxWithLibreOffice(await renderDocx(doc)))!);
    expect(count(ws, '自然人')).toBeGreaterThanOrEqual(1);
    expect(count(ws, '自然')).toBe(0);
    expect(count(ws, BIG)).toBe(bigCells);
  }, 180_000);
});
