'use client';
import { useMemo } from 'react';
import type { GroupedRowTable, HeaderNode, ReportTemplate } from '@/lib/template/types';
import { computedCells, sectionOfTable, flattenLeaves, headerLevels } from '@/lib/template/walk';
import { gridLayout } from '@/lib/grid/layout';
import type { TableValues } from '@/lib/report/types';
import { HeaderRows } from './header-rows';
import { NumberCell } from './number-cell';
import { PasteNoteBox } from './paste-note';

/** Each group's measures hang under it, so the header merges exactly as the printed 表四. */
function withMeasures(groups: HeaderNode[], measures: { key: string; label: string }[]): HeaderNode[] {
  return groups.map((g) =>
    g.children?.length
      ? { ...g, children: withMeasures(g.children, measures) }
      : { label: g.label, children: measures.map((m) => ({ label: m.label, key: `${g.key}.${m.key}` })) },
  );
}

/** 表四 as printed: one value row of 15 cells under a three-line header. */
export function Table4Grid({ template, table, values }: { template: ReportTemplate; table: GroupedRowTable; values: TableValues }) {
  const shape = useMemo(
    () => ({
      levels: headerLevels(withMeasures(table.groups, table.measures)),
      groups: flattenLeaves(table.groups),
      layout: gridLayout(template, table.key),
      computed: computedCells(template, table.key),
    }),
    [template, table],
  );
  return (
    <>
      <PasteNoteBox table={table.key} />
      <div className="grid-wrap">
        <table className="grid compact" aria-label={sectionOfTable(template, table.key).title}>
          <thead>
            <HeaderRows levels={shape.levels} />
          </thead>
          <tbody>
            <tr>
              {shape.groups.flatMap((g) =>
                table.measures.map((m) => (
                  <NumberCell
                    key={`${g.key}.${m.key}`}
                    cell={{ table: table.key, row: g.key, col: m.key }}
                    layout={shape.layout}
                    value={values[g.key]?.[m.key] ?? null}
                    valueType={table.valueType}
                    computed={shape.computed.has(`${g.key}.${m.key}`)}
                    label={`${g.path.join(' ')} ${m.label}`}
                  />
                )),
              )}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
