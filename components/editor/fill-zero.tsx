'use client';
import { useMemo, useState } from 'react';
import type { ReportTemplate, TableKey } from '@/lib/template/types';
import type { Report } from '@/lib/report/types';
import { blankCells } from '@/lib/report/fill-blanks';
import { tableName } from '@/lib/template/walk';
import { ConfirmDialog } from '../confirm-dialog';

/**
 * 「未填写的单元格填 0」 under a table: asks first, naming how many cells and which rows; the
 * server fills them and records it in the report's history. Blank and 0 stay distinct otherwise.
 */
export function FillZero({ template, table, report, onFill }: { template: ReportTemplate; table: TableKey; report: Report; onFill(table: TableKey): Promise<string | null> }) {
  const blanks = useMemo(() => blankCells(template, report, table), [template, report, table]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (blanks.cells.length === 0 && !error) return null;
  const name = tableName(template, table);
  return (
    <div className="fill-zero">
      {blanks.cells.length > 0 && (
        <button type="button" className="btn" disabled={busy} aria-busy={busy || undefined} onClick={() => setAsking(true)}>
          {busy ? '正在填 0…' : `未填写的单元格填 0（${blanks.cells.length} 格）`}
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title={`将${name}的 ${blanks.cells.length} 个未填写单元格填 0？`}
        confirmLabel="填 0"
        onConfirm={async () => {
          setAsking(false);
          setBusy(true);
          setError(await onFill(table));
          setBusy(false);
        }}
        onCancel={() => setAsking(false)}
      >
        <p>
          涉及 {blanks.rows.length} 行：
          {blanks.rows
            .slice(0, 8)
            .map((r) => `「${r}」`)
            .join('')}
          {blanks.rows.length > 8 ? `等` : ''}
        </p>
        <p>空白表示「未填写」，0 表示「本年度为零」：只在这些单元格确实为零时填 0。此操作记入报告的审核记录。</p>
      </ConfirmDialog>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
