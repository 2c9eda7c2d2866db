import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../../document/build';
import type { DocTable, DocumentTree } from '../../document/types';
import { template2021 } from '../../../templates/2021';
import { loadSeedFixtures } from '../../../test/fixtures/load';
import { fontReport, resolveFonts } from '../fonts';
import { A4_MM, MARGINS_MM, TEXT_BLOCK_MM, mm } from '../../document/page-layout';
import { darkExtent, darkRuns, rasterPage } from '../../../test/support/pdf-raster';
import { sampleReport, RARE_CHAR, commonChars } from '../../../test/support/sample-report';
import { firstOutOfOrder, flatText, isPageNumber, isWatermark, readPdf, textLines, WATERMARK_TEXT, type PdfRead } from '../../../test/support/pdf-text';
import { CLOSING, OPENING } from './cjk-break';
import { createPdfPool } from './pool';
import { renderPdfInProcess } from './render-in-process';
import { quickSample } from '../../../test/support/quick';

type Case = { name: string; doc: DocumentTree; pdf: Buffer; read: PdfRead };
const cases: Case[] = [];
let draft: PdfRead;

beforeAll(async () => {
  const reports = [{ name: 'generated', report: sampleReport(template2021) }, ...quickSample(loadSeedFixtures())];
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

  it('closes the grid of 表三 on every page it spans: each column has its top and bottom rule', async () => {
    let broken = 0;
    for (const c of cases) {
      const t3 = tables(c.doc).find((t) => t.key === 'table3')!;
      const corner = t3.rows[0].cells[0].text.slice(0, 6);
      const pages = c.read.pages.filter((p) => p.items.some((it) => it.str.replace(/\s+/g, '').includes(corner)));
      if (pages.length < 2) continue;
      broken++;
      // The centre of each column (a merged label column such as 三、本年度办理结果 included).
      const left = mm(MARGINS_MM.left);
      const width = mm(TEXT_BLOCK_MM.width);
      let acc = 0;
      const xs = t3.columnWidths.map((f) => {
        const x = left + (acc + f / 2) * width;
        acc += f;
        return x;
      });
      for (const p of pages) {
        const find = (head: string) => p.items.find((it) => it.str.replace(/\s+/g, '').startsWith(head));
        // Table 3 sits between its own heading and the next section's heading, or the page edges.
        const above = find('三、收到和处理');
        const below = find('四、政府信息公开行政复议');
        // (A Chinese glyph reaches about 2 pt below its baseline, the heading's item box ends there.)
        const from = above ? above.y + above.height + 4 : mm(MARGINS_MM.top) - 4;
        const to = below ? below.y - 1 : p.height - mm(MARGINS_MM.bottom) + 4;
        const raster = await rasterPage(c.pdf, p.number);
        const extents = xs.map((x) => darkExtent(raster, x, from, to));
        const where = `${c.name} p${p.number}`;
        for (const e of extents) expect(e, `${where}: a column without any rule`).not.toBeNull();
        const tops = extents.map((e) => e!.first);
        const bottoms = extents.map((e) => e!.last);
        // Within a pixel or two: every column starts at the table's top rule and ends at its bottom rule.
        expect(Math.max(...tops) - Math.min(...tops), `${where}: top rules at ${tops.map((y) => y.toFixed(1))}`).toBeLessThan(1.5);
        expect(Math.max(...bottoms) - Math.min(...bottoms), `${where}: bottom rules at ${bottoms.map((y) => y.toFixed(1))}`).toBeLessThan(1.5);
        // And the first column stays merged on the page: beside its label (inside the cell's
        // padding, where no text is) the only rules are the table's top, the header's foot and
        // the foot of each first-column cell on the page, none between the groups it spans.
        const onPage = (row: DocTable['rows'][number]) => {
          const label = row.cells.find((x) => x.role === 'rowHeader' && x.rowSpan === 1)!.text.replace(/\s+/g, '').slice(0, 6);
          return p.items.some((it) => it.y > from && it.y < to && it.str.replace(/\s+/g, '').startsWith(label));
        };
        const firstColumnCells = t3.rows
          .flatMap((row) => row.cells)
          .filter((x) => x.col === 0 && x.row >= t3.headerRows)
          .filter((x) => t3.rows.slice(x.row, x.row + x.rowSpan).some(onPage));
        expect(darkRuns(raster, left + 1.5, from, to), `${where}: rules beside the first column`).toBe(2 + firstColumnCells.length);
      }
    }
    expect(broken, 'no report whose 表三 spans two pages').toBeGreaterThan(0);
  }, 60_000);

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

describe('PDF text grid (GB/T 9704: 28 characters a line)', () => {
  const chars = commonChars(200);
  const run = (from: number, n: number) => chars.slice(from, from + n).join('');
  // First lines carry the two-character indent, so they hold 26; following lines hold 28.
  const fits = run(0, 26 + 28);
  const wraps = run(60, 26 + 29);
  let lines: string[][] = [];

  beforeAll(async () => {
    const base = buildDocument(template2021, sampleReport(template2021));
    const para = base.blocks.find((b) => b.kind === 'paragraph')!;
    const heading = base.blocks.find((b) => b.kind === 'heading')!;
    const doc: DocumentTree = {
      ...base,
      blocks: [
        { ...para, text: fits },
        { ...para, text: wraps },
        { ...heading, text: run(120, 26 + 28) },
      ],
    };
    const read = await readPdf(await renderPdfInProcess(doc, { final: true }));
    const all = textLines(read.pages[0]).map((l) => l.replace(/\s+/g, ''));
    // Split the page's lines back into the three blocks by their text.
    const blockOf = (line: string) => [fits, wraps, run(120, 54)].findIndex((t) => t.includes(line));
    lines = [[], [], []];
    for (const l of all) if (blockOf(l) >= 0) lines[blockOf(l)].push(l);
  }, 60_000);

  it('fits 28 full-width characters on a line (26 after the indent)', () => {
    expect(lines[0].map((l) => l.length)).toEqual([26, 28]);
    expect(lines[2].map((l) => l.length), 'a heading').toEqual([26, 28]);
  });

  it('wraps the 29th character', () => {
    expect(lines[1].map((l) => l.length)).toEqual([26, 28, 1]);
  });
});

describe('PDF text with stray spaces (pasted from a published PDF)', () => {
  it('breaks between characters as usual and never stretches a space across the line', () => {
    // Seed 002 writes 「有序推 进。 本年报中所列数据的统计期限自 2024 年 1 月 1 日起至 2024 年 12 年 31 日止」.
    // Stretched, one line of it read 「12 年 31」 spread over the whole width.
    const seed = cases.find((c) => c.name.startsWith('002'));
    expect(seed, 'seed 002 fixture').toBeDefined();
    const lines = seed!.read.pages.flatMap((p) => textLines(p)).map((l) => l.replace(/\s+/g, ''));
    let checked = 0;
    for (const b of seed!.doc.blocks) {
      if (b.kind !== 'paragraph' || !b.text.includes(' ')) continue;
      const text = b.text.replace(/\s+/g, '');
      const first = lines.findIndex((l) => l.length > 8 && text.startsWith(l));
      expect(first, text.slice(0, 20)).toBeGreaterThanOrEqual(0);
      const own: string[] = [];
      for (let i = first, got = ''; got.length < text.length && i < lines.length; i++) {
        own.push(lines[i]);
        got += lines[i];
      }
      expect(own.join('')).toBe(text);
      // Every line but the last is about full: 26 characters after the indent, 28 after, less
      // what its spaces take (a stretched line held 3).
      expect(own[0].length, own[0]).toBeGreaterThanOrEqual(22);
      for (const l of own.slice(1, -1)) expect(l.length, l).toBeGreaterThanOrEqual(24);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
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
