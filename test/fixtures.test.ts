import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportTitle } from '../lib/report/blank';
import { describeIssues, draftReportSchema } from '../lib/report/schema';
import type { CellValue, Report, TableKey } from '../lib/report/types';
import { tableCells } from '../lib/template/walk';
import { template2021 } from '../templates/2021';
import { readSeedFixtureFiles, seedTextDir } from './fixtures/load';

/*
 * The seed fixtures were transcribed by hand. This test checks them against the seed text by a
 * route that shares nothing with the transcription: it cuts each table's region out of the
 * extracted text by its section heading and takes the whitespace-separated numbers in reading
 * order. Labels never yield such a token (「1.属于国家秘密」 and 「1. 属于国家秘密」 give 「1.属于…」 /
 * 「1.」), and a value that the PDF extraction wrapped onto its own line is still one token.
 */

const schema = draftReportSchema(template2021);
const fixtures = readSeedFixtureFiles();

/** Headings as printed on a line of their own (the text sometimes quotes section names). */
const HEADING = {
  table2: /^二、主动公开政府信息情况\s*$/m,
  table3: /^三、收到和处理政府信息公开申请情况\s*$/m,
  table4: /^四、政府信息公开行政复议、行政诉讼情况\s*$/m,
  problems: /^五、/m,
};

function between(text: string, start: RegExp, end: RegExp): string {
  const s = start.exec(text);
  if (!s) throw new Error(`heading not found: ${start}`);
  const rest = text.slice(s.index + s[0].length);
  const e = end.exec(rest);
  if (!e) throw new Error(`heading not found after ${start}: ${end}`);
  return rest.slice(0, e.index);
}

/** Standalone numbers of a region; decimals only where the table has an amount (表二). */
function numberTokens(region: string, decimals: boolean): string[] {
  const pattern = decimals ? /^\d+(\.\d+)?$/ : /^\d+$/;
  return region.split(/\s+/).filter((t) => pattern.test(t));
}

/**
 * Compares a fixture's cells, in printed order, with the numbers cut from the seed. Both sides are
 * labelled `row.col = value` so that a failure names the cell. A blank (null) cell prints nothing
 * in the seed, so it is skipped.
 */
function expectCellsAsPrinted(report: Report, table: TableKey, tokens: string[]) {
  const cells = tableCells(template2021, table)
    .map((c) => ({ id: `${c.row}.${c.col}`, value: report.tables[table][c.row][c.col] as CellValue }))
    .filter((c) => c.value !== null);
  expect(cells).toHaveLength(tokens.length);
  expect(cells.map((c) => `${c.id} = ${String(c.value)}`)).toEqual(cells.map((c, i) => `${c.id} = ${tokens[i]}`));
}

/** Without any whitespace: the PDF extraction adds line breaks, so text is compared on characters. */
const compact = (s: string) => s.replace(/\s+/g, '');

it('has one fixture per seed', () => {
  const seeds = readdirSync(seedTextDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -'.txt'.length))
    .sort();
  expect(fixtures.map((f) => f.name)).toEqual(seeds);
});

describe.each(fixtures.map((f) => [f.name, f] as const))('seed %s', (_name, { json, text }) => {
  const parse = (): Report => {
    const r = schema.safeParse(json);
    if (!r.success) throw new Error(describeIssues(r.error));
    return r.data;
  };

  it('parses with the draft schema', () => {
    expect(schema.safeParse(json).success).toBe(true);
  });

  it('keeps totals as printed', () => {
    expect(parse().meta.totals).toBe('asPrinted');
  });

  it('table 3 equals the numbers printed in the seed, row by row', () => {
    const tokens = numberTokens(between(text, HEADING.table3, HEADING.table4), false);
    expect(tokens).toHaveLength(25 * 7);
    expectCellsAsPrinted(parse(), 'table3', tokens);
  });

  it('table 4 equals the numbers printed in the seed', () => {
    const tokens = numberTokens(between(text, HEADING.table4, HEADING.problems), false);
    expect(tokens).toHaveLength(15);
    expectCellsAsPrinted(parse(), 'table4', tokens);
  });

  it('table 2 equals the values printed in the seed, block by block', () => {
    const tokens = numberTokens(between(text, HEADING.table2, HEADING.table3), true);
    expect(tokens).toHaveLength(10);
    expectCellsAsPrinted(parse(), 'table2', tokens);
  });

  it('every text paragraph and the title occur in the seed (ignoring whitespace)', () => {
    const report = parse();
    const seed = compact(text);
    expect(seed).toContain(compact(reportTitle(template2021, report)));
    if (report.meta.contact) expect(seed).toContain(compact(report.meta.contact));
    for (const [section, parts] of Object.entries(report.text))
      for (const [part, value] of Object.entries(parts))
        for (const paragraph of value.split('\n').filter((p) => p !== ''))
          expect(seed, `${section}.${part}: ${paragraph.slice(0, 20)}…`).toContain(compact(paragraph));
  });
});
