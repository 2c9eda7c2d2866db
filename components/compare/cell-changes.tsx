'use client';
import { useState } from 'react';
import type { CellValue } from '@/lib/report/types';
import type { CellRow } from '@/lib/compare/rows';

const show = (v: CellValue) => (v === null ? '（空白）' : String(v));
const delta = (a: CellValue, b: CellValue) => {
  const x = typeof a === 'number' ? a : a === null ? null : Number(a);
  const y = typeof b === 'number' ? b : b === null ? null : Number(b);
  if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) return '';
  const d = Math.round((y - x) * 10000) / 10000;
  return d > 0 ? `+${d}` : String(d);
};

function CellTable({ rows, beforeLabel, afterLabel, testId }: { rows: CellRow[]; beforeLabel: string; afterLabel: string; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="list compare" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">表</th>
            <th scope="col">行</th>
            <th scope="col">列</th>
            <th scope="col">{beforeLabel}</th>
            <th scope="col">{afterLabel}</th>
            <th scope="col">变化</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-cell={r.id} className={r.changed ? 'changed' : undefined}>
              <td>{r.tableName}</td>
              <td>{r.row}</td>
              <td>{r.column}</td>
              <td>{show(r.before)}</td>
              <td>{show(r.after)}</td>
              <td>{delta(r.before, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The cells that differ, real differences first; cells that only went from blank to 0 (or back)
 * are one line that opens to the list — a new report against last year's would otherwise show
 * ~190 rows of 「0 → （空白）」. Or every cell of both reports side by side.
 */
export function CellChanges({ rows, beforeLabel, afterLabel }: { rows: CellRow[]; beforeLabel: string; afterLabel: string }) {
  const real = rows.filter((r) => r.changed && !r.blankVsZero);
  const blanks = rows.filter((r) => r.changed && r.blankVsZero);
  const [all, setAll] = useState(false);
  const nowBlank = blanks.filter((r) => r.after === null).length;
  return (
    <section className="card" aria-labelledby="cells-title">
      <h2 id="cells-title">表格（{real.length} 个单元格不同）</h2>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> 显示全部单元格
      </label>
      {all ? (
        <CellTable rows={rows} beforeLabel={beforeLabel} afterLabel={afterLabel} testId="cell-changes" />
      ) : real.length === 0 ? (
        <p>{blanks.length ? '除空白与 0 之别外，表格数字相同。' : '表格数字完全相同。'}</p>
      ) : (
        <CellTable rows={real} beforeLabel={beforeLabel} afterLabel={afterLabel} testId="cell-changes" />
      )}
      {!all && blanks.length > 0 && (
        <details className="blank-zero" data-testid="blank-zero">
          <summary>
            另有 {blanks.length} 个单元格只是空白与 0 之别
            {nowBlank && nowBlank < blanks.length
              ? `（${nowBlank} 个由 0 变为空白，${blanks.length - nowBlank} 个由空白变为 0）`
              : nowBlank
                ? `（${beforeLabel}填 0，${afterLabel}未填写）`
                : `（${beforeLabel}未填写，${afterLabel}填 0）`}
          </summary>
          <CellTable rows={blanks} beforeLabel={beforeLabel} afterLabel={afterLabel} testId="blank-zero-cells" />
        </details>
      )}
    </section>
  );
}
