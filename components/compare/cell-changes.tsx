'use client';
import { useState } from 'react';
import type { CellValue } from '@/lib/report/types';

export type CellRow = { id: string; tableName: string; row: string; column: string; before: CellValue; after: CellValue };

const show = (v: CellValue) => (v === null ? '（空白）' : String(v));
const delta = (a: CellValue, b: CellValue) => {
  const x = typeof a === 'number' ? a : a === null ? null : Number(a);
  const y = typeof b === 'number' ? b : b === null ? null : Number(b);
  if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) return '';
  const d = Math.round((y - x) * 10000) / 10000;
  return d > 0 ? `+${d}` : String(d);
};

/** Every value cell of both reports side by side, the changed ones marked; or only the changed. */
export function CellChanges({ rows, beforeLabel, afterLabel }: { rows: CellRow[]; beforeLabel: string; afterLabel: string }) {
  const changed = rows.filter((r) => r.before !== r.after);
  const [all, setAll] = useState(false);
  const shown = all ? rows : changed;
  return (
    <section className="card" aria-labelledby="cells-title">
      <h2 id="cells-title">表格（{changed.length} 个单元格不同）</h2>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> 显示全部单元格
      </label>
      {shown.length === 0 ? (
        <p>表格数字完全相同。</p>
      ) : (
        <table className="list compare" data-testid="cell-changes">
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
            {shown.map((r) => (
              <tr key={r.id} data-cell={r.id} className={r.before !== r.after ? 'changed' : undefined}>
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
      )}
    </section>
  );
}
