import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../document/build';
import type { DocTable, DocumentTree } from '../../document/types';
import type { Report } from '../../report/types';
import { template2021 } from '../../../templates/2021';
import { fontReport, resolveFonts } from '../fonts';
import { A4_MM, MARGINS_MM, mm } from '../page-layout';
import { sampleReport, RARE_CHAR, commonChars } from '../test-support/sample-report';
import { firstOutOfOrder, flatText, isPageNumber, isWatermark, readPdf, textLines, WATERMARK_TEXT, type PdfRead } from '../test-support/pdf-text';
import { CLOSING, OPENING } from './cjk-break';
import { createPdfPool } from './pool';
import { renderPdfInProcess } from './render-in-process';

/** Seed fixtures when another helper has written them, else none (the generated report still runs). */
async function seedReports(): Promise<{ name: string; report: Report }[]> {
  const loader = path.resolve(__dirname, '../../../test/fixtures/load.ts');
  if (!existsSync(loader)) return [];
  try {
    const mod = (await import(loader)) as { loadSeedFixtures: () => { name: string; report: Report }[] };
    return mod.loadSeedFixtures();
  } catch {
    return [];
  }
}

type Case = { name: string; doc: DocumentTree; pdf: Buffer; read: PdfRead };
const cases: Case[] = [];
let draft: PdfRead;

beforeAll(async () => {
  const reports = [{ name: 'generated', report: sampleReport(template2021) }, ...(await seedReports())];
  for (const { name, report } of reports) {
    const doc = buildDocument(template2021, report);
    const pdf = await renderPdfInProcess(doc, { final: true });
    cases.push({ name, doc, pdf, read: await readPdf(pdf) });
  }
  draft = await readPdf(await renderPdfInProcess(cases[0].doc, { final: false }));
}, 180_000);

const tables = (doc: DocumentTree): DocTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

describe('PDF', () => {
  it('is A4 on every page', () => {
    for (const c of cases)
      for (const p of c.read.pages) {
        expect(p.width).toBeCloseTo(mm(A4_MM.width), 0);
        expect(p.height).toBeCloseTo(mm(A4_MM.height), 0);
      }
  });

  it('keeps every text item inside the margins (page numbers below the text block)', () => {
    const tol = 1.5;
    for (const c of cases)
      for (const p of c.read.pages)
        for (const it of p.items) {
          if (isWatermark(it)) continue;
          const where = `${c.name} p${p.number} «${it.str}»`;
          expect(it.x, where).toBeGreaterThanOrEqual(mm(MARGINS_MM.left) - tol);
          expect(it.x + it.width, where).toBeLessThanOrEqual(p.width - mm(MARGINS_MM.right) + tol);
          if (isPageNumber(it)) {
            expect(it.y, where).toBeGreaterThan(p.height - mm(MARGINS_MM.bottom));
            continue;
          }
          expect(it.y, where).toBeGreaterThanOrEqual(mm(MARGINS_MM.top) - tol - 8);
          expect(it.y + it.height, where).toBeLessThanOrEqual(p.height - mm(MARGINS_MM.bottom) + tol);
        }
  });

  it('prints the title, every heading and paragraph, in order', () => {
    for (const c of cases) {
      const text = flatText(c.read);
      const needles = c.doc.blocks.flatMap((b) =>
        b.kind === 'title' ? b.lines : b.kind === 'heading' || b.kind === 'paragraph' || b.kind === 'tableNote' || b.kind === 'dateLine' ? [b.text] : [],
      );
      expect(firstOutOfOrder(text, needles), c.name).toBeNull();
    }
  });

  it('prints every table label and, row by row, each row label followed by its numbers', () => {
    for (const c of cases) {
      const text = flatText(c.read);
      for (const t of tables(c.doc)) {
        for (const row of t.rows)
          for (const cell of row.cells) if (cell.role !== 'value') expect(text, `${c.name} ${t.key}`).toContain(cell.text.replace(/\s+/g, ''));
        for (const row of t.rows.slice(t.headerRows)) {
          const leafLabel = row.cells.filter((x) => x.role === 'rowHeader' && x.rowSpan === 1).map((x) => x.text);
          const values = row.cells.filter((x) => x.role === 'value').map((x) => x.text).filter(Boolean);
          const missing = firstOutOfOrder(text, [...leafLabel, ...values]);
          expect(missing, `${c.name} ${t.key} row ${row.cells[0]?.row}`).toBeNull();
        }
      }
    }
  });

  it('extracts several hundred distinct characters and a rare one correctly', () => {
    const text = flatText(cases[0].read);
    const chars = commonChars();
    const missing = chars.filter((ch) => !text.includes(ch));
    expect(missing).toEqual([]);
    expect(text).toContain(RARE_CHAR);
  });

  it('reports which font printed a character the body font lacks, never none', async () => {
    const report = await fontReport(resolveFonts(), { body: `街道${RARE_CHAR}` });
    const body = report.find((r) => r.role === 'body')!;
    for (const f of body.fallbackChars) expect(f.font, f.char).not.toBeNull();
  });

  it('embeds every font as a subset', () => {
    for (const c of cases) {
      const raw = c.pdf.toString('latin1');
      const names = [...raw.matchAll(/\/BaseFont\s*\/([^\s/<>\[\]]+)/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(2);
      for (const n of names) expect(n, c.name).toMatch(/^[A-Z]{6}\+/);
      expect((raw.match(/\/FontFile[23]?\b/g) ?? []).length).toBeGreaterThanOrEqual(new Set(names).size);
    }
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    for (const c of cases)
      for (const p of c.read.pages)
        for (const line of textLines(p)) {
          const t = line.trim();
          if (!t) continue;
          expect(CLOSING.includes(t[0]) && t[0] !== '—' && t[0] !== '…', `${c.name} p${p.number}: ${t}`).toBe(false);
          expect(OPENING.includes(t[t.length - 1]), `${c.name} p${p.number}: ${t}`).toBe(false);
        }
  });

  it('numbers pages 「— N —」 on the outer side: odd right, even left', () => {
    for (const c of cases) {
      expect(c.read.pages.length, c.name).toBeGreaterThan(1);
      for (const p of c.read.pages) {
        const nums = p.items.filter(isPageNumber);
        expect(nums.length, `${c.name} p${p.number}`).toBe(1);
        const it = nums[0];
        expect(it.str.replace(/\s+/g, '')).toBe(`—${p.number}—`);
        if (p.number % 2 === 1) expect(it.x, `${c.name} p${p.number}`).toBeGreaterThan(p.width / 2);
        else expect(it.x + it.width, `${c.name} p${p.number}`).toBeLessThan(p.width / 2);
      }
    }
  });

  it('leaves no heading as the last line of a page', () => {
    for (const c of cases) {
      const headings = new Set(c.doc.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])));
      for (const p of c.read.pages) {
        const lines = textLines(p);
        const last = lines[lines.length - 1]?.replace(/\s+/g, '');
        expect(headings.has(last ?? ''), `${c.name} p${p.number} ends with heading ${last}`).toBe(false);
      }
    }
  });

  it('keeps each row group of 表三 on one page and repeats its header on each page it spans', () => {
    for (const c of cases) {
      const t3 = tables(c.doc).find((t) => t.key === 'table3')!;
      const pageOf = (label: string) => {
        const head = label.slice(0, 6);
        return c.read.pages.find((p) => p.items.some((it) => it.str.replace(/\s+/g, '').includes(head)))?.number;
      };
      const groups = new Map<number, string[]>();
      for (const row of t3.rows.slice(t3.headerRows)) {
        const label = row.cells.find((x) => x.role === 'rowHeader' && x.rowSpan === 1)!.text;
        groups.set(row.group, [...(groups.get(row.group) ?? []), label]);
      }
      const spanned = new Set<number>();
      for (const labels of groups.values()) {
        const pages = new Set(labels.map(pageOf));
        expect(pages.size, `${c.name}: ${labels[0]}…`).toBe(1);
        pages.forEach((p) => spanned.add(p!));
      }
      const corner = t3.rows[0].cells[0].text.slice(0, 8);
      for (const p of spanned) {
        const page = c.read.pages[p - 1];
        expect(flatText({ pages: [page], info: {} }), `${c.name} p${p} header`).toContain(corner);
      }
    }
  });

  it('draws the draft watermark only when not final', () => {
    for (const p of draft.pages) expect(p.items.some((it) => isWatermark(it)), `draft p${p.number}`).toBe(true);
    for (const c of cases) for (const p of c.read.pages) expect(p.items.some((it) => it.str.includes(WATERMARK_TEXT))).toBe(false);
  });

  it('carries title, author, subject and language zh-CN', () => {
    const c = cases[0];
    expect(c.read.info.Title).toBe(c.doc.meta.title);
    expect(c.read.info.Author).toBe(c.doc.meta.agencyName);
    expect(String(c.read.info.Subject)).toContain(template2021.titleSuffix);
    expect(c.read.info.Language ?? c.pdf.toString('latin1').match(/\/Lang\s*\(([^)]*)\)/)?.[1]).toBe('zh-CN');
  });
});

describe('PDF worker pool', () => {
  const pool = createPdfPool({ size: 1 });
  afterAll(() => pool.close());

  it('renders in a worker thread the same pages as in process', async () => {
    const c = cases[cases.length - 1];
    const pdf = await pool.render(c.doc, { final: true });
    const read = await readPdf(pdf);
    expect(read.pages.length).toBe(c.read.pages.length);
    expect(flatText(read)).toBe(flatText(c.read));
  }, 60_000);
});
