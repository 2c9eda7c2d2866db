import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { gridLayout, moveFrom } from './layout';

const t3 = gridLayout(template2021, 'table3');
const t2 = gridLayout(template2021, 'table2');

describe('grid layout', () => {
  it('lays 表三 out as 25 × 7 and 表四 as one row of 15', () => {
    expect(t3.cells).toHaveLength(25);
    expect(t3.cells.every((r) => r.length === 7)).toBe(true);
    expect(gridLayout(template2021, 'table4').cells[0]).toHaveLength(15);
  });
  it('moves over computed totals', () => {
    // Right of 其他 is 总计 (computed): nowhere to go.
    expect(moveFrom(t3, { table: 'table3', row: 'newReceived', col: 'otherOrg' }, 'right')).toBeNull();
    // Down from 3.其他 skips （七）总计 and lands on 四、结转下年度继续办理.
    expect(moveFrom(t3, { table: 'table3', row: 'otherHandling', col: 'natural' }, 'down')).toMatchObject({
      row: 'carriedForward',
      col: 'natural',
    });
  });
  it('moves between 表二 blocks of different widths', () => {
    expect(moveFrom(t2, { table: 'table2', row: 'normativeDocuments', col: 'inForce' }, 'down')).toMatchObject({
      row: 'licensing',
      col: 'decisions',
    });
  });
});
