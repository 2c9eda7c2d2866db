import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocument } from '../document';
import { renderDocx } from '../render/docx';
import { convertDocxWithLibreOffice } from '../render/docx/libreoffice';
import { sofficeForTests, sofficeSkipReason } from '../../test/support/quick';
import { renderPdfInProcess } from '../render/pdf';
import type { Report } from '../report/types';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { quickSample } from '../../test/support/quick';
import { cellDiffs, textDiffs } from '../../test/import/compare';
import { consistentReport } from '../../test/support/generate';
import { template2021 } from '../../templates/2021';
import { importFile } from './import-file';

/*
 * report → our PDF / our DOCX → import → the same report: every cell, every text part. Seeds
 * (all-zero tables, real text) and generated reports with large random non-zero tables, one
 * with blank cells (our renderers print a blank as an empty cell).
 */
function withBlanks(r: Report): Report {
  const t3 = r.tables.table3;
  t3.newReceived.business = null;
  t3.granted.otherOrg = null;
  t3.carriedForward.natural = null;
  r.tables.table2.normativeDocuments.abolished = null;
  return r;
}

/** The contact fields, printed as the opening paragraph's sentence (lib/report/contact.ts). */
function withContact(r: Report, fields: Partial<Report['meta']>, lead?: string): Report {
  Object.assign(r.meta, fields);
  if (lead !== undefined) r.text.overview.lead = lead;
  return r;
}

const cases: { name: string; report: Report; exactText: boolean }[] = [
  ...quickSample(loadSeedFixtures()).map((s) => ({ name: s.name, report: s.report, exactText: false })),
  {
    name: 'generated 1 (thousands, full contact)',
    report: withContact(consistentReport(1, 5000), {
      contact: '某某街道党政综合办公室',
      contactAddress: '某某市某某区人民路1号',
      contactPostcode: '453000',
      contactPhone: '0373-1234567',
      contactEmail: 'gongkai@example.gov.cn',
    }),
    exactText: true,
  },
  {
    name: 'generated 2 (hundreds, phone only, no lead text)',
    report: withContact(consistentReport(2, 300), { contact: '区政务服务中心', contactPhone: '0372-2251990' }, ''),
    exactText: true,
  },
  { name: 'generated 3 (with blanks)', report: withBlanks(consistentReport(3, 3000)), exactText: true },
  // Five-digit values in every column, six-digit totals: numbers wrap inside narrow cells in
  // LibreOffice's rendering of our DOCX (「3108」 over 「1」).
  { name: 'generated 4 (five digits)', report: consistentReport(4, 60_000), exactText: true },
];
/** Through LibreOffice (slow: one soffice run each): a seed, blanks, and five-digit values. */
const LO_CASES = [cases[3].name, 'generated 3 (with blanks)', 'generated 4 (five digits)'];
const soffice = sofficeForTests();

const files = new Map<string, { pdf: Uint8Array; docx: Uint8Array; loPdf?: Uint8Array }>();

beforeAll(async () => {
  for (const c of cases) {
    const doc = buildDocument(template2021, c.report);
    const docx = new Uint8Array(await renderDocx(doc));
    const loPdf = soffice && LO_CASES.includes(c.name) ? await convertDocxWithLibreOffice(Buffer.from(docx)) : null;
    files.set(c.name, { pdf: new Uint8Array(await renderPdfInProcess(doc, { final: false })), docx, loPdf: loPdf ? new Uint8Array(loPdf) : undefined });
  }
}, 600_000);

describe.skipIf(!soffice)(`round trip through LibreOffice's PDF of our DOCX${sofficeSkipReason()}`, () => {
  for (const name of LO_CASES) {
    it(name, async () => {
      const c = cases.find((x) => x.name === name)!;
      const { report, findings } = await importFile(files.get(name)!.loPdf!, 'report.pdf');
      expect(cellDiffs(report, c.report)).toEqual([]);
      expect(textDiffs(report, c.report)).toEqual([]);
      // Doubts on cells are only numbers joined from their wrapped pieces, and blanks.
      expect(findings.filter((f) => f.cell && f.certainty === 'unsure' && f.kind !== 'joined')).toEqual([]);
    }, 60_000);
  }
});

for (const kind of ['pdf', 'docx'] as const) {
  describe(`round trip through our ${kind.toUpperCase()}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const { report, findings } = await importFile(files.get(c.name)![kind], `report.${kind}`);
        expect(cellDiffs(report, c.report)).toEqual([]);
        // Seeds keep extraction spaces that a line wrap may swallow: compared modulo whitespace.
        expect(textDiffs(report, c.report, c.exactText)).toEqual([]);
        expect(report.meta.agencyName).toBe(c.report.meta.agencyName);
        expect(report.meta.year).toBe(c.report.meta.year);
        expect(report.meta.title).toBe(c.report.meta.title);
        for (const f of ['contact', 'contactAddress', 'contactPostcode', 'contactPhone', 'contactEmail'] as const)
          expect(report.meta[f], f).toBe(c.report.meta[f]);
        // A blank cell comes back blank and says so; nothing else is unsure.
        const blanks = findings.filter((f) => f.cell && f.certainty === 'missing').map((f) => `${f.cell!.table}.${f.cell!.row}.${f.cell!.col}`);
        const expectedBlanks = cellDiffs({ ...c.report, tables: blankTables(c.report) }, c.report).map((d) => d.split(':')[0]);
        expect(blanks.sort()).toEqual(expectedBlanks.sort());
      });
    }
  });
}

/** The report's tables with every cell set to a sentinel, so cellDiffs lists exactly the null cells… inverted. */
function blankTables(r: Report): Report['tables'] {
  const out = structuredClone(r.tables);
  for (const t of Object.values(out)) for (const row of Object.values(t)) for (const k of Object.keys(row)) row[k] = row[k] === null ? 0 : row[k];
  return out;
}
