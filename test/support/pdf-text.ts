/**
 * Reads a PDF the way a user's viewer does (pdfjs-dist, legacy build for Node): text items with
 * positions in points from the top-left, page sizes and the document info.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfItem = { page: number; str: string; x: number; y: number; width: number; height: number; font: string };
export type PdfPage = { number: number; width: number; height: number; items: PdfItem[] };
export type PdfRead = { pages: PdfPage[]; info: Record<string, unknown> };

export async function readPdf(data: Uint8Array | Buffer): Promise<PdfRead> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 })
    .promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const height = y1 - y0;
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str.length === 0) continue;
      const [, , , d, e, f] = it.transform as number[];
      // transform f is the baseline from the bottom; report the top of the glyph box from the top.
      items.push({ page: n, str: it.str, x: e, y: height - f - Math.abs(d), width: it.width, height: Math.abs(d), font: it.fontName });
    }
    pages.push({ number: n, width: x1 - x0, height, items });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown> };
}

const PAGE_NUMBER = /^—\s*\d+\s*—$/;
export const WATERMARK_TEXT = '草稿';

export function isPageNumber(it: PdfItem): boolean {
  return PAGE_NUMBER.test(it.str.trim());
}

/** The big rotated 「草稿」 of a draft. */
export function isWatermark(it: PdfItem): boolean {
  return it.str.includes(WATERMARK_TEXT) && it.height > 40;
}

/** All body text in reading order with whitespace removed (page numbers and watermark left out). */
export function flatText(read: PdfRead): string {
  return read.pages
    .flatMap((p) => p.items)
    .filter((it) => !isPageNumber(it) && !isWatermark(it))
    .map((it) => it.str)
    .join('')
    .replace(/\s+/g, '');
}

/** Lines: items of one page sharing a baseline and touching each other, left to right. */
export function textLines(page: PdfPage): string[] {
  const items = page.items.filter((it) => !isPageNumber(it) && !isWatermark(it)).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; end: number; text: string }[] = [];
  for (const it of items) {
    // Touching, or overlapping by up to half an em: a mark squeezed by 标点挤压 moves the pen back.
    const line = lines.find((l) => Math.abs(l.y + 0 - it.y) < 1 && it.x - l.end < 2 && it.x - l.end > -0.6 * it.height);
    if (line) {
      line.text += it.str;
      line.end = it.x + it.width;
    } else lines.push({ y: it.y, end: it.x + it.width, text: it.str });
  }
  return lines.map((l) => l.text);
}

/** Expects `needles` to occur in `hay` in this order; returns the first one that does not. */
export function firstOutOfOrder(hay: string, needles: string[]): string | null {
  let at = 0;
  for (const n of needles) {
    const k = hay.indexOf(n.replace(/\s+/g, ''), at);
    if (k < 0) return n;
    at = k + 1;
  }
  return null;
}

/**
 * The text of every page read by position, line by line (items sharing a baseline, left to
 * right), for PDFs whose content stream is not in reading order: LibreOffice draws a character
 * from a fallback font, and punctuation it compresses, in runs of their own after the line.
 */
export function positionalText(read: PdfRead): string {
  return read.pages
    .map((p) => {
      const items = p.items.filter((it) => !isPageNumber(it) && !isWatermark(it)).sort((a, b) => a.y - b.y || a.x - b.x);
      const lines: { y: number; items: typeof items }[] = [];
      for (const it of items) {
        const line = lines.find((l) => Math.abs(l.y - it.y) < 1);
        if (line) line.items.push(it);
        else lines.push({ y: it.y, items: [it] });
      }
      return lines.map((l) => l.items.sort((a, b) => a.x - b.x).map((it) => it.str).join('')).join('');
    })
    .join('')
    .replace(/\s+/g, '');
}
