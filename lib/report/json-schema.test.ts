import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { consistentReport } from '../../test/support/generate';
import { loadSeedFixtures } from '../../test/fixtures/load';
import { setCell } from './cells';
import { reportJsonSchema } from './json-schema';
import { serializeReport } from './json';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = {
  report: ajv.compile(reportJsonSchema(template2021, 'report')),
  published: ajv.compile(reportJsonSchema(template2021, 'published')),
};
const validate = (kind: 'report' | 'published', data: unknown) => {
  const v = validators[kind];
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};
const asFile = (r: unknown) => JSON.parse(serializeReport(r as never));

describe('reportJsonSchema', () => {
  it('accepts every exported report, drafts and imported seeds included', () => {
    for (const s of loadSeedFixtures()) expect(validate('report', asFile(s.report)), s.name).toEqual([]);
    const blank = setCell(consistentReport(2), { table: 'table3', row: 'newReceived', col: 'otherOrg' }, null);
    expect(validate('report', asFile(blank))).toEqual([]);
  });

  it('published: a complete report passes; a blank, a fraction, a negative or an unknown key does not', () => {
    const r = { ...consistentReport(4), meta: { ...consistentReport(4).meta, publishDate: '2025-01-20' } };
    expect(validate('published', asFile(r))).toEqual([]);
    const ref = { table: 'table3', row: 'newReceived', col: 'otherOrg' } as const;
    expect(validate('published', asFile(setCell(r, ref, null)))).not.toEqual([]);
    expect(validate('published', asFile(setCell(r, ref, 1.5)))).not.toEqual([]);
    expect(validate('published', asFile(setCell(r, ref, -1)))).not.toEqual([]);
    expect(validate('published', asFile(setCell(r, { table: 'table2', row: 'administrativeFees', col: 'amount' }, '1.23456')))).not.toEqual([]);
    expect(validate('report', { ...asFile(r), extra: 1 })).not.toEqual([]);
  });

  it('describes every cell by its printed labels', () => {
    type Node = { properties: Record<string, Node>; description?: string; type?: string };
    const s = reportJsonSchema(template2021, 'published') as unknown as Node;
    const cell = s.properties.tables.properties.table3.properties.stateSecret.properties.natural;
    expect(cell.description).toBe('三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 · 自然人');
    expect(cell.type).toBe('integer');
  });
});
