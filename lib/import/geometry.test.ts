import { describe, expect, it } from 'vitest';
import { placeInColumns, valueColumns } from './geometry';
import type { ValueTok } from './table-tokens';

/** A value printed from x0 with `digits` digits of width 6. */
const at = (raw: string, x0: number, line: number): ValueTok => ({ kind: 'num', raw, line, x0, x1: x0 + 6 * raw.length, x: x0 + 3 * raw.length });

describe('columns of values', () => {
  // Three narrow columns starting at 100, 130 and 160, values aligned left: 「7」 and 「12724」
  // of one column have centres 12 apart, more than the gap between neighbouring columns' centres.
  const rows = [
    [at('7', 100, 1), at('12724', 130, 1), at('3', 160, 1)],
    [at('12724', 100, 2), at('7', 130, 2), at('45', 160, 2)],
    [at('45', 100, 3), at('300', 130, 3), at('12724', 160, 3)],
  ];

  it('finds left-aligned columns by their left edges', () => {
    const cols = valueColumns(rows.flat(), 3);
    expect(cols?.edge).toBe('left');
    for (const row of rows) {
      const placed = placeInColumns(row, 3, cols!);
      expect(placed.ok && placed.slots.map((v) => v?.raw)).toEqual(row.map((v) => v.raw));
    }
  });

  it('finds right-aligned and centred columns on their own edge', () => {
    const flip = rows.flat().map((v) => ({ ...v, x0: 400 - v.x1!, x1: 400 - v.x0!, x: 400 - v.x! }));
    expect(valueColumns(flip, 3)?.edge).toBe('right');
    const centred = rows.flat().map((v) => ({ ...v, x: v.x0! + 15, x0: v.x0! + 15 - 3 * v.raw.length, x1: v.x0! + 15 + 3 * v.raw.length }));
    expect(valueColumns(centred, 3)?.edge).toBe('centre');
  });

  it('gives no columns when no edge splits the values clearly', () => {
    const ragged = [at('1', 100, 1), at('2', 104, 1), at('3', 108, 1), at('4', 112, 2), at('5', 116, 2), at('6', 120, 2)];
    expect(valueColumns(ragged, 3)).toBeUndefined();
  });
});
