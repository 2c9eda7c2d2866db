/**
 * The final PDF is tagged (issue 27): read with pdfjs as a screen reader would — getMarkInfo,
 * getStructTree and the marked content of every page.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import type { DocumentTree } from '../../document/types';
import { tableCells } from '../../template/walk';
import { firstOutOfOrder } from '../../../test/support/pdf-text';
import { sampleReport } from '../../../test/support/sample-report';
import { renderPdfInProcess } from './render-in-process';

type Node = { role?: string; type?: string; id?: string; children?: Node[] };
type Walked = { role: string; text: string; children: Walked[] };

let doc: DocumentTree;
let pdf: Buffer;
let draft: Buffer;
let proxy: PDFDocumentProxy;
/** Each page's structure tree with its marked content's text filled in. */
const pages: Walked[] = [];
/** Text drawn outside any structure element, per page. */
const untagged: string[][] = [];
/** Text marked as an artifact, per page. */
const artifacts: string[] = [];

function fill(n: Node, text: Map<string, string>): Walked {
  if (n.type === 'content') return { role: '#content', text: text.get(n.id!) ?? '', children: [] };
  return { role: n.role ?? '', text: '', children: (n.children ?? []).map((c) => fill(c, text)) };
}

beforeAll(async () => {
  doc = buildDocument(template2021, sampleReport(template2021));
  pdf = await renderPdfInProcess(doc, { final: true });
  draft = await renderPdfInProcess(doc, { final: false });
  proxy = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  for (let n = 1; n <= proxy.numPages; n++) {
    const page = await proxy.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const text = new Map<string, string>();
    const outside: string[] = [];
    // Marked content: structure content (an id), artifacts (tag Artifact), or nothing.
    const open: { id?: string; tag?: string }[] = [];
    for (const it of content.items as { type?: string; id?: string; tag?: string; str?: string }[]) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') open.push({ id: it.id, tag: it.tag });
      else if (it.type === 'endMarkedContent') open.pop();
      else if (it.str !== undefined) {
        const id = open.findLast((m) => m.id)?.id;
        if (open.some((m) => m.tag === 'Artifact')) artifacts[n - 1] = (artifacts[n - 1] ?? '') + it.str;
        else if (id) text.set(id, (text.get(id) ?? '') + it.str);
        else if (it.str.trim()) outside.push(it.str);
      }
    }
    pages.push(fill((await page.getStructTree()) as Node, text));
    untagged.push(outside);
  }
}, 120_000);

afterAll(async () => {
  await proxy?.destroy();
});

const texts = (n: Walked): string => (n.role === '#content' ? n.text : n.children.map(texts).join(''));
const all = (n: Walked, role: string): Walked[] => [...(n.role === role ? [n] : []), ...n.children.flatMap((c) => all(c, role))];
const latin1 = (b: Buffer) => b.toString('latin1');

describe('tagged final PDF', () => {
  it('is marked, in Chinese, and shows its title as the window title', async () => {
    expect(await proxy.getMarkInfo()).toMatchObject({ Marked: true });
    expect(latin1(pdf)).toMatch(/\/Lang \(zh-CN\)/);
    expect(latin1(pdf)).toMatch(/\/DisplayDocTitle true/);
    expect(latin1(pdf)).toMatch(/\/StructTreeRoot \d+ 0 R/);
  });

  it('has the document’s structure: H1 title, H2/H3 headings, P, and the tables as Table/TR/TH/TD', () => {
    const roles = new Set(pages.flatMap((p) => ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD'].filter((r) => all(p, r).length)));
    expect([...roles].sort()).toEqual(['Document', 'H1', 'H2', 'H3', 'P', 'TD', 'TH', 'TR', 'Table'].sort());
    const h1 = all(pages[0], 'H1');
    expect(h1).toHaveLength(1);
    expect(texts(h1[0])).toBe(doc.blocks.find((b) => b.kind === 'title')!.lines.join(''));
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    const tagged = pages.flatMap((p) => [...all(p, 'H2'), ...all(p, 'H3')].map(texts)).filter(Boolean);
    for (const h of headings) expect(tagged.join('|').replace(/\s+/g, '')).toContain(h.text.replace(/\s+/g, ''));
    expect(latin1(pdf).match(/\/S \/Table\b/g)).toHaveLength(3);
  });

  it('reads in the document’s order, and tags every text but page numbers', () => {
    // Page by page, the marked content in structure-tree order.
    const read = pages.map(texts).join('').replace(/\s+/g, '');
    const needles = doc.blocks.flatMap((b) => (b.kind === 'title' ? b.lines : b.kind === 'table' ? [] : [b.text])).map((t) => t.replace(/\s+/g, ''));
    expect(firstOutOfOrder(read, needles)).toBeNull();
    // Nothing is outside the tree and its artifacts; page numbers and 表三's header repeated on its
    // second page are artifacts.
    expect(untagged.flat()).toEqual([]);
    for (let n = 1; n <= pages.length; n++) expect(artifacts[n - 1]?.replace(/\s+/g, '')).toContain(`—${n}—`);
    expect(artifacts.filter((a) => a.includes('自然人')).length).toBeGreaterThan(0);
  });

  it('reaches every value of 表三 as a TD in a row with its header, and every TD names its headers', () => {
    // The sample's 表三 values are five digits from 10007 (表二's seven, 表四's three).
    const rows = pages.flatMap((p) => all(p, 'TR'));
    const values = rows.flatMap((tr) => all(tr, 'TD')).map((td) => texts(td).trim()).filter((t) => /^1\d{4}$/.test(t));
    expect(new Set(values).size).toBe(tableCells(template2021, 'table3').length);
    // A row of 表三's values holds its row header (a TH) on the page it is read on.
    for (const tr of rows)
      if (all(tr, 'TD').some((td) => /^1\d{4}$/.test(texts(td).trim()))) expect(all(tr, 'TH').length, texts(tr)).toBeGreaterThan(0);
    // Headers attributes: every TD names a column and a row header by id.
    const tds = [...latin1(pdf).matchAll(/\/S \/TD[\s\S]*?>>\s*endobj/g)].map((m) => m[0]);
    expect(tds.length).toBeGreaterThan(190);
    for (const td of tds) expect(td).toMatch(/\/Headers \[\([^)]+\)\s*\([^)]+\)/);
    expect(latin1(pdf)).toMatch(/\/Scope \/Row/);
    expect(latin1(pdf)).toMatch(/\/Scope \/Column/);
    expect(latin1(pdf)).toMatch(/\/RowSpan \d+/);
  });

  it('leaves drafts untagged', () => {
    expect(latin1(draft)).not.toMatch(/StructTreeRoot|MarkInfo|\/BDC|\bBMC\b/);
  });
});
