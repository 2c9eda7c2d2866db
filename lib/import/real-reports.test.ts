import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tablesCommand } from '../../cli/tables';
import { importFile } from './import-file';

/*
 * Real published reports with their tables typed by hand from the printed page
 * (test/fixtures/real/*.expected.tsv, in the shape of `nianbao tables`). Every cell must be the
 * printed value; a cell that is not may only be one the importer marked as doubtful.
 */
const DIR = path.join(__dirname, '../../test/fixtures/real');
const files = readdirSync(DIR).filter((f) => f.endsWith('.expected.tsv'));

for (const tsv of files) {
  const source = readdirSync(DIR).find((f) => f.startsWith(tsv.replace('.expected.tsv', '.')) && !f.endsWith('.tsv'))!;
  describe(`real report ${source}`, () => {
    it('imports every cell as printed, and says how the odd parts were read', async () => {
      const { report, findings } = await importFile(new Uint8Array(readFileSync(path.join(DIR, source))), source);
      const got = new Map(
        tablesCommand(report)
          .trim()
          .split('\n')
          .map((l) => {
            const p = l.split('\t');
            return [p.slice(0, 3).join('\t'), p[3]] as const;
          }),
      );
      const expected = readFileSync(path.join(DIR, tsv), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t'));
      const wrong = expected.filter((p) => got.get(p.slice(0, 3).join('\t')) !== p[3]).map((p) => `${p.slice(0, 3).join(' / ')}: ${got.get(p.slice(0, 3).join('\t'))} ≠ ${p[3]}`);
      expect(wrong).toEqual([]);
      expect(expected.length).toBeGreaterThanOrEqual(200);
      if (source.startsWith('hongze')) {
        // 「（六）其他处理」 printed as one row of zeros: sub-items 0, said; not called the 2019 format.
        expect(findings.some((f) => f.kind === 'inferred' && /其他处理/.test(f.message) && /都是 0/.test(f.message))).toBe(true);
        expect(findings.some((f) => f.kind === 'format2019')).toBe(false);
        // The label printed with characters missing is found by number and position, and marked.
        expect(findings.find((f) => f.row?.row && /其他法律行政法规禁止公开/.test(f.message))?.certainty).toBe('unsure');
        // …and its seven cells stay marked in the draft (the editor shows them until checked); nothing else is.
        expect(Object.keys(report.meta.toConfirm ?? {}).sort()).toEqual(
          ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg', 'total'].map((c) => `table3.lawForbidden.${c}`).sort(),
        );
      }
    }, 60_000);
  });
}
