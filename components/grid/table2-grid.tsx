'use client';
import { useMemo } from 'react';
import type { BlocksTable, ReportTemplate } from '@/lib/template/types';
import { computedCells, sectionOfTable } from '@/lib/template/walk';
import { gridLayout } from '@/lib/grid/layout';
import type { TableValues } from '@/lib/report/types';
import { NumberCell } from './number-cell';
import { PasteNoteBox } from './paste-note';

/** 表二 as printed: each block has its caption line, its column line, then its rows. */
export function Table2Grid({ template, table, values }: { template: ReportTemplate; table: BlocksTable; values: TableValues }) {
  const layout = useMemo(() => gridLayout(template, table.key), [template, table.key]);
  const computed = useMemo(() => computedCells(template, table.key), [template, table.key]);
  const width = table.valueColumns + 1;
  return (
    <>
      <PasteNoteBox table={table.key} />
      <div className="grid-wrap">
        <table className="grid" aria-label={sectionOfTable(template, table.key).title}>
          <tbody>
            {table.blocks.map((b) => {
              const single = b.columns.length === 1;
              return [
                <tr key={`${b.key}-caption`}>
                  <th scope="colgroup" colSpan={width} className="row-label">
                    {b.caption}
                  </th>
                </tr>,
                <tr key={`${b.key}-head`}>
                  <th scope="col">{table.rowHeadLabel}</th>
                  {b.columns.map((c) => (
                    <th key={c.key} scope="col" colSpan={single ? table.valueColumns : 1} title={c.help}>
                      {c.label}
                    </th>
                  ))}
                </tr>,
                ...b.rows.map((r) => (
                  <tr key={`${b.key}-${r.key}`}>
                    <th scope="row" className="row-label">
                      {r.label}
                    </th>
                    {b.columns.map((c) => (
                      <NumberCell
                        key={c.key}
                        cell={{ table: table.key, row: r.key, col: c.key }}
                        layout={layout}
                        value={values[r.key]?.[c.key] ?? null}
                        valueType={c.valueType}
                        computed={computed.has(`${r.key}.${c.key}`)}
                        label={`${b.caption} ${r.label} ${c.label}`}
                        colSpan={single ? table.valueColumns : undefined}
                      />
                    ))}
                  </tr>
                )),
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
