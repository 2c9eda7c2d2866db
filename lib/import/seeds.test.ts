import { describe, expect, it } from 'vitest';
import { runChecks } from '../checks';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { cellDiffs, sectionText, textDiffs } from '../../test/import/compare';
import { template2021 } from '../../templates/2021';
import { importFile } from './import-file';

/*
 * The five seeds (text extracted from published PDFs) against the hand-made fixtures, which were
 * not made by an importer: every value cell exact, every text part in the right section.
 */
const seeds = loadSeedFixtures();
const encode = (s: string) => new TextEncoder().encode(s);

describe('seed text imports', () => {
  for (const seed of seeds) {
    describe(seed.name, async () => {
      const result = await importFile(encode(seed.text), `${seed.name}.txt`);
      it('has every value cell of tables 二/三/四 exact', () => expect(cellDiffs(result.report, seed.report)).toEqual([]));
      it('has every section’s text under the right section', () => expect(sectionText(result.report)).toEqual(sectionText(seed.report)));
      it('has every text part as transcribed (modulo whitespace)', () => expect(textDiffs(result.report, seed.report)).toEqual([]));
      it('reads agency, year, title and contact as the fixture', () => expect(result.report.meta).toEqual(seed.report.meta));
      it('passes the hard checks (totals as printed)', () => {
        expect(result.report.meta.totals).toBe('asPrinted');
        expect(runChecks(template2021, result.report).filter((f) => f.severity === 'error')).toEqual([]);
      });
      it('marks no cell unsure or missing', () => expect(result.findings.filter((f) => f.cell || (f.row && f.certainty !== 'sure'))).toEqual([]));
    });
  }

  it('GB18030-encoded text reads the same as UTF-8', async () => {
    const seed = seeds[3];
    // Node's TextEncoder only writes UTF-8: build GBK bytes with a round trip through the decoder's table.
    const gbk = encodeGb18030(seed.text);
    const result = await importFile(gbk, 'report.txt');
    expect(cellDiffs(result.report, seed.report)).toEqual([]);
    expect(result.report.meta.agencyName).toBe(seed.report.meta.agencyName);
  });
});

/** GB18030 bytes for a string (BMP only), from the decoder's own mapping of two-byte codes. */
function encodeGb18030(s: string): Uint8Array {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
