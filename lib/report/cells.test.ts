import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { tableCells } from '../template/walk';
import { cellId, parseCellId } from './cells';

describe('parseCellId', () => {
  it('reads back every cell id of every table', () => {
    for (const table of ['table2', 'table3', 'table4'] as const)
      for (const c of tableCells(template2021, table)) expect(parseCellId(template2021, cellId(c))).toEqual({ table: c.table, row: c.row, col: c.col });
  });

  it('refuses what is not a cell id of the template', () => {
    for (const id of ['', 'table3', 'table3.newReceived', 'table9.a.b', 'table3.a.b', 'table3.newReceived.nobody', 'table3.a.b.c', 'toString.a.b']) expect(parseCellId(template2021, id)).toBeNull();
  });
});
