'use client';
import { useMemo } from 'react';
import type { MatrixTable, ReportTemplate } from '@/lib/template/types';
import { computedCells, sectionOfTable, flattenLeaves, headerLevels, rowHeaderByLeaf, treeDepth } from '@/lib/template/walk';
import { gridLayout } from '@/lib/grid/layout';
import type { TableValues } from '@/lib/report/types';
import { HeaderRows } from './header-rows';
import { NumberCell } from './number-cell';
import { PasteNoteBox } from './paste-note';

/** 表三 as printed: the corner note, the three-line applicant header, the 25 rows with merged groups. */
export function Table3Grid({ template, table, values }: { template: ReportTemplate; table: MatrixTable; values: TableValues }) {
  const shape = useMemo(() => {
    const levels = headerLevels(table.columns);
    return {
      levels,
      rowDepth: treeDepth(table.rows),
      rows: rowHeaderByLeaf(table.rows),
      cols: flattenLeaves(table.columns),
      layout: gridLayout(template, table.key),
      computed: computedCells(template, table.key),
    };
  }, [template, table]);
  return (
    <>
      <PasteNoteBox table={table.key} />
      <div className="grid-wrap">
        <table className="grid" aria-label={sectionOfTable(template, table.key).title}>
          <thead>
            <HeaderRows
              levels={shape.levels}
              lead={
                <th className="corner" colSpan={shape.rowDepth} rowSpan={shape.levels.length} scope="col">
                  {table.cornerNote}
                </th>
              }
            />
          </thead>
          <tbody>
            {shape.rows.map(({ leaf, cells }) => (
              <tr key={leaf.key}>
                {cells.map((h) => (
                  <th
                    key={h.label}
                    scope={h.span > 1 ? 'rowgroup' : 'row'}
                    rowSpan={h.span}
                    colSpan={h.depthSpan}
                    className={h.span > 1 && h.level === 0 ? 'row-label vertical' : 'row-label'}
                    title={h.help}
                  >
                    {h.label}
                  </th>
                ))}
                {shape.cols.map((c) => (
                  <NumberCell
                    key={c.key}
                    cell={{ table: table.key, row: leaf.key, col: c.key }}
                    layout={shape.layout}
                    value={values[leaf.key]?.[c.key] ?? null}
                    valueType={table.valueType}
                    computed={shape.computed.has(`${leaf.key}.${c.key}`)}
                    label={`${leaf.path.join(' ')} · ${c.path.slice(1).join(' ')}`}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
