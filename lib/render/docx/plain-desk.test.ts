/**
 * The DOCX on a desk without the office fonts (issue 27): LibreOffice with only Debian's
 * fonts-noto-cjk and fonts-liberation. Digits are Times New Roman (Liberation Serif by metric), so
 * a five-digit count of the widest digit, 88888, stays whole in every 表三/表四 cell — with the
 * digits in the Chinese font's fallback (DejaVu Sans, 0.64 em) 150 of 190 wrapped. And it has as
 * many pages as our PDF: with a line pitch of 580 twips (22 lines 4 twips taller than the text
 * block) LibreOffice set 21 lines a page and the sample ran to 12 pages against the PDF's 11.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import { tableCells } from '../../template/walk';
import { sofficeForTests, sofficeSkipReason } from '../../../test/support/quick';
import { renderPdfInProcess } from '../pdf/render-in-process';
import { sampleReport } from '../../../test/support/sample-report';
import { PLAIN_DESK_FONT_DIRS, convertDocxWithLibreOffice, libreOfficeFontFamilies } from './libreoffice';
import { renderDocx } from './render-docx';

const WIDE = '88888';
const cells = tableCells(template2021, 'table3').length + tableCells(template2021, 'table4').length;
const fontsMissing = PLAIN_DESK_FONT_DIRS.filter((d) => !existsSync(d));
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

/** Words as poppler groups glyphs, page by page (pdftotext -bbox): a number wrapped in its cell is two words. */
function wordsByPage(pdf: Buffer): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-desk-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    const html = execFileSync(pdftotext!, ['-bbox', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return html.split('<page ').slice(1).map((p) => [...p.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('DOCX on a desk with only Noto CJK and Liberation', () => {
  const soffice = sofficeForTests();
  const skip = !soffice || !pdftotext || fontsMissing.length > 0;
  const why = fontsMissing.length ? `（缺少字体目录 ${fontsMissing.join('、')}：apt-get install fonts-noto-cjk fonts-liberation）` : sofficeSkipReason();
  it.skipIf(skip)(`holds ${WIDE} whole in all ${cells} cells of 表三 and 表四, on as many pages as our PDF${why}`, async () => {
    const families = (await libreOfficeFontFamilies('plainDesk')) ?? [];
    console.log(`LibreOffice sees these font families: ${families.join(', ')}`);
    // The desk is what it claims: Noto CJK and Liberation, nothing else (no DejaVu, no Fandol).
    expect(families.length).toBeGreaterThan(0);
    expect(families.filter((f) => !/^(Noto (Sans|Serif|Sans Mono) CJK|Liberation )/.test(f))).toEqual([]);

    const report = sampleReport(template2021);
    report.meta.totals = 'asPrinted';
    for (const key of ['table3', 'table4'] as const) for (const c of tableCells(template2021, key)) report.tables[key][c.row][c.col] = Number(WIDE);
    const doc = buildDocument(template2021, report);
    const lo = (await convertDocxWithLibreOffice(await renderDocx(doc), { fonts: 'plainDesk' }))!;
    const pages = wordsByPage(lo);
    const words = pages.flat();
    const whole = words.filter((w) => w === WIDE).length;
    // A wrapped 88888 leaves a piece of three or four eights (a lone 8 is page 8's number).
    const pieces = words.filter((w) => /^8{2,4}$/.test(w)).length;
    const ours = wordsByPage(await renderPdfInProcess(doc, { final: true })).length;
    console.log(`LibreOffice: ${whole}/${cells} cells of ${WIDE} whole, ${pieces} pieces; ${pages.length} pages (our PDF ${ours})`);
    expect(pieces).toBe(0);
    expect(whole).toBe(cells);
    expect(pages.length, `LibreOffice ${pages.length} pages, our PDF ${ours}`).toBe(ours);
    // A table's note stays with its table: no page opens with it.
    const note = doc.blocks.flatMap((b) => (b.kind === 'tableNote' ? [b.text] : []));
    expect(note.length).toBeGreaterThan(0);
    const opensWithNote = pages.map((p, i) => (note.some((n) => p.join('').startsWith(n.slice(0, 8))) ? i + 1 : 0)).filter(Boolean);
    expect(opensWithNote, 'pages that open with a table note').toEqual([]);
  }, 240_000);
});
