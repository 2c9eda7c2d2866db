/**
 * Paints one PDF page the way a viewer does (pdfjs-dist with its Node canvas, @napi-rs/canvas)
 * and answers "is this point dark?". Text positions (pdf-text.ts) cannot see rules; what a
 * reader sees of a table grid is paint, including white painted over a line.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PageRaster = {
  /** Pixels per point. */
  scale: number;
  widthPx: number;
  heightPx: number;
  /** Luminance 0 (black) … 255 (white) at a point given in points from the top-left. */
  gray(xPt: number, yPt: number): number;
};

type CanvasAndContext = {
  canvas: unknown;
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
};

export async function rasterPage(data: Uint8Array | Buffer, pageNumber: number, scale = 3): Promise<PageRaster> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const widthPx = Math.ceil(viewport.width);
    const heightPx = Math.ceil(viewport.height);
    // pdfjs's own factory for the platform: in Node it makes @napi-rs/canvas canvases.
    const factory = doc.canvasFactory as { create(w: number, h: number): CanvasAndContext };
    const { canvas, context } = factory.create(widthPx, heightPx);
    await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport })
      .promise;
    const rgba = context.getImageData(0, 0, widthPx, heightPx).data;
    return {
      scale,
      widthPx,
      heightPx,
      gray(xPt, yPt) {
        const x = Math.min(widthPx - 1, Math.max(0, Math.round(xPt * scale)));
        const y = Math.min(heightPx - 1, Math.max(0, Math.round(yPt * scale)));
        const i = (y * widthPx + x) * 4;
        // Transparent (never painted) counts as the white paper.
        const a = rgba[i + 3] / 255;
        const lum = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
        return lum * a + 255 * (1 - a);
      },
    };
  } finally {
    await doc.destroy();
  }
}

/**
 * The topmost and bottommost dark pixel rows on the vertical line x = `xPt`, between `fromPt`
 * and `toPt` (points from the top). In a table column these are its top and bottom rules.
 */
export function darkExtent(r: PageRaster, xPt: number, fromPt: number, toPt: number, threshold = 128): { first: number; last: number } | null {
  let first: number | null = null;
  let last: number | null = null;
  const step = 1 / r.scale;
  for (let y = fromPt; y <= toPt; y += step) {
    if (r.gray(xPt, y) < threshold) {
      first ??= y;
      last = y;
    }
  }
  return first === null || last === null ? null : { first, last };
}

/** Dark runs (rules, where no text is) on the vertical line x = `xPt` between `fromPt` and `toPt`. */
export function darkRuns(r: PageRaster, xPt: number, fromPt: number, toPt: number, threshold = 128): number {
  let runs = 0;
  let inRun = false;
  for (let y = fromPt; y <= toPt; y += 1 / r.scale) {
    const dark = r.gray(xPt, y) < threshold;
    if (dark && !inRun) runs++;
    inRun = dark;
  }
  return runs;
}
