/**
 * Rendering is a function of the report: the same report rendered twice gives the same bytes —
 * PDF (draft and final), DOCX, the publication page, and the district insight's PDF — once the
 * clock is held (each file carries its creation time). A renderer that leaked anything else
 * into its output (a random id, a map's order, a font cache's state from the render before)
 * would make cached and fresh files differ, and copies of one version unequal.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDocument } from '../document';
import { template2021 } from '../../templates/2021';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { sampleInsight } from '../../test/support/sample-insight';
import { insightPrint } from '../insight/print-layout';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderJobInProcess, renderPdfInProcess } from './pdf/render-in-process';

const [first, second] = loadSeedFixtures();
const docOf = (r = first.report) => buildDocument(template2021, r);

describe('the same report rendered twice', () => {
  beforeAll(() => {
    vi.useFakeTimers({ now: new Date('2025-03-05T02:00:00Z'), toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('gives byte-identical PDFs, draft and final, and another report another PDF', async () => {
    for (const final of [false, true]) {
      const a = await renderPdfInProcess(docOf(), { final });
      const b = await renderPdfInProcess(docOf(), { final });
      expect(a.equals(b), final ? 'final' : 'draft').toBe(true);
    }
    expect((await renderPdfInProcess(docOf(second.report), { final: false })).equals(await renderPdfInProcess(docOf(), { final: false }))).toBe(false);
  }, 60_000);

  it('gives byte-identical DOCX and publication pages', async () => {
    for (const final of [false, true]) {
      expect((await renderDocx(docOf(), { final })).equals(await renderDocx(docOf(), { final }))).toBe(true);
      expect(renderHtml(docOf(), { final })).toBe(renderHtml(docOf(), { final }));
    }
    expect(renderHtml(docOf(second.report))).not.toBe(renderHtml(docOf()));
  });

  it('gives a byte-identical insight PDF', async () => {
    const job = () => ({ kind: 'insight' as const, print: insightPrint(sampleInsight(4), new Date('2025-03-05T02:00:00Z')) });
    expect((await renderJobInProcess(job())).equals(await renderJobInProcess(job()))).toBe(true);
  }, 60_000);
});
