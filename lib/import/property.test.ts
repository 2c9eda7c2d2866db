import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document';
import { renderDocx } from '../render/docx';
import { renderHtml } from '../render/html';
import { renderPdfInProcess } from '../render/pdf';
import type { Report } from '../report/types';
import { tableCells } from '../template/walk';
import { cellDiffs, TABLES } from '../../test/import/compare';
import { reportText } from '../../test/import/variants';
import { consistentReport, rng } from '../../test/support/generate';
import { chromiumForTests, chromiumSkipReason, printHtmlWithChromium } from '../../test/support/chromium-print';
import { template2021 } from '../../templates/2021';
import { importFile } from './import-file';
import type { ImportResult } from './types';

/*
 * Property (issue 11): any report → any of our outputs → import → every cell the same, or
 * marked doubtful — in the draft's `meta.toConfirm`, which the editor shows until someone looks,
 * or blank. Never silently different. Reports are random: values of 1 to 6 digits,
 * blank cells anywhere, and totals that do not always add up (the importer keeps them as
 * printed).
 */
function randomReport(seed: number): Report {
  const rand = rng(seed * 7919);
  const scale = [9, 300, 5000, 60_000, 400_000][seed % 5];
  const r = consistentReport(seed, scale);
  for (const t of TABLES)
    for (const c of tableCells(template2021, t)) {
      const x = rand();
      if (x < 0.04) r.tables[t][c.row][c.col] = null;
      else if (x < 0.07 && c.valueType === 'count') r.tables[t][c.row][c.col] = Math.floor(rand() * scale);
    }
  return r;
}

/**
 * What stays marked once the import is a draft: the cells awaiting confirmation
 * (`meta.toConfirm`, shown in the editor until changed or confirmed) and the blank ones (R6
 * blocks submission). The findings list is gone by then, so it does not count here.
 */
function markedInEditor(res: ImportResult): Set<string> {
  const out = new Set(Object.keys(res.report.meta.toConfirm ?? {}));
  for (const k of blankCells(res.report)) out.add(k);
  return out;
}

function blankCells(r: Report): Set<string> {
  const out = new Set<string>();
  for (const t of TABLES) for (const c of tableCells(template2021, t)) if (r.tables[t][c.row][c.col] === null) out.add(`${t}.${c.row}.${c.col}`);
  return out;
}

const allCells = TABLES.reduce((n, t) => n + tableCells(template2021, t).length, 0);

const outputs: Record<string, (r: Report) => Promise<[Uint8Array, string]>> = {
  pdf: async (r) => [new Uint8Array(await renderPdfInProcess(buildDocument(template2021, r), { final: true })), 'r.pdf'],
  docx: async (r) => [new Uint8Array(await renderDocx(buildDocument(template2021, r))), 'r.docx'],
  html: async (r) => [new TextEncoder().encode(renderHtml(buildDocument(template2021, r), { final: true })), 'r.html'],
  text: async (r) => [new TextEncoder().encode(reportText(r, { sep: '\t', blank: '' })), 'r.txt'],
};
// The publication page printed by Chromium: another PDF producer. Listed as skipped where
// Chromium does not run (test:quick, or not installed).
const chromium = chromiumForTests();
const PRINTED = `page printed by Chromium${chromiumSkipReason()}`;
outputs[PRINTED] = async (r) => [await printHtmlWithChromium(chromium!, renderHtml(buildDocument(template2021, r), { final: true })), 'r.pdf'];

describe('any report → any output → import: same cells or marked doubtful', () => {
  for (let seed = 1; seed <= 5; seed++)
    for (const [kind, make] of Object.entries(outputs))
      it.skipIf(kind === PRINTED && !chromium)(`random report ${seed} through ${kind}`, async () => {
        const r = randomReport(seed);
        const [bytes, name] = await make(r);
        const res = await importFile(bytes, name, { timeoutMs: 60_000 });
        const marked = markedInEditor(res);
        const sourceBlanks = blankCells(r);
        const silent = cellDiffs(res.report, r).filter((d) => !marked.has(d.split(':')[0]));
        expect(silent).toEqual([]);
        // Marking is not a way out: a file that keeps its structure (DOCX, HTML, text) loses
        // nothing and doubts nothing; a PDF may leave wrapped or unplaced numbers to the user,
        // never most of the tables (seen: up to 62 of 200 cells, seven-digit numbers wrapped in
        // Chromium's narrow columns). An importer that marked every cell fails here.
        const doubtedOrLost = [...marked].filter((k) => !sourceBlanks.has(k)).length;
        if (kind === 'pdf' || kind === PRINTED) expect(doubtedOrLost / allCells).toBeLessThan(0.4);
        else expect(doubtedOrLost).toBe(0);
      }, 60_000);
});
