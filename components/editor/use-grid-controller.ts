'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { CellRef, ReportTemplate } from '@/lib/template/types';
import type { CellValue, Report } from '@/lib/report/types';
import type { Finding } from '@/lib/checks/types';
import { cellId, confirmCells, recomputeTotals, setCell } from '@/lib/report/cells';
import { parseCellInput, parsePasteBlock } from '@/lib/grid/parse';
import { pasteTargets, type GridLayout } from '@/lib/grid/layout';
import type { GridContextValue } from '../grid/grid-context';

export type CellMessage = { text: string; top: number; left: number; kind: 'error' | 'info' };

/**
 * What the number grids get from the editor: cell edits and block pastes written into the
 * form (totals recomputed), the cells flagged by findings, focus by cell, and the short
 * message shown next to a cell. `onFocusElsewhere` is called for a cell that is not on screen.
 */
export function useGridController({
  template,
  form,
  findings,
  doubts,
  activeFinding,
  readOnly,
  commented,
  commentOn,
  onFocusElsewhere,
}: {
  template: ReportTemplate;
  form: UseFormReturn<Report>;
  findings: Finding[];
  /** The report's `meta.toConfirm`. */
  doubts: Report['meta']['toConfirm'];
  activeFinding: Finding | null;
  readOnly: boolean;
  commented: Map<string, string[]>;
  commentOn?(ref: CellRef): void;
  onFocusElsewhere(ref: CellRef): void;
}): { grid: GridContextValue; message: CellMessage | null; clearMessage(): void } {
  const [message, setMessage] = useState<CellMessage | null>(null);
  const messageTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cells = useRef(new Map<string, HTMLInputElement>());

  const flagged = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const f of findings) {
      if (f.severity !== 'error' || f.rule === 'R6') continue;
      for (const c of f.cells) {
        const id = cellId(c);
        m.set(id, [...(m.get(id) ?? []), f.message]);
      }
    }
    return m;
  }, [findings]);
  const active = useMemo(() => new Set((activeFinding?.cells ?? []).map(cellId)), [activeFinding]);

  const toConfirm = useMemo(() => new Map(Object.entries(doubts ?? {})), [doubts]);

  /** Writes a table; the cells the user changed no longer await confirmation (an imported doubt). */
  const writeTable = useCallback(
    (next: Report, table: CellRef['table'], changed: CellRef[]) => {
      const computed = next.meta.totals === 'computed' ? recomputeTotals(template, next, table) : next;
      form.setValue(`tables.${table}`, computed.tables[table], { shouldDirty: true });
      const confirmed = confirmCells(computed, changed.map(cellId));
      if (confirmed !== computed) form.setValue('meta.toConfirm', confirmed.meta.toConfirm, { shouldDirty: true });
    },
    [form, template],
  );

  const showMessage = useCallback((el: HTMLElement, text: string, kind: 'error' | 'info' = 'error') => {
    const r = el.getBoundingClientRect();
    setMessage({ text, top: r.bottom + 4, left: r.left, kind });
    clearTimeout(messageTimer.current);
    messageTimer.current = setTimeout(() => setMessage(null), 2600);
  }, []);

  const grid: GridContextValue = useMemo(
    () => ({
      readOnly,
      flagged,
      toConfirm,
      active,
      commented,
      commentOn,
      onCellChange(ref: CellRef, value: CellValue) {
        writeTable(setCell(form.getValues(), ref, value), ref.table, [ref]);
      },
      onPasteBlock(layout: GridLayout, from: CellRef, text: string) {
        const el = cells.current.get(cellId(from));
        const { targets, outside } = pasteTargets(layout, from, parsePasteBlock(text));
        let next = form.getValues();
        for (const t of targets) {
          const parsed = parseCellInput(t.raw, t.valueType);
          if (!parsed.ok) {
            if (el) showMessage(el, `粘贴的第 ${t.rowIndex + 1} 行第 ${t.colIndex + 1} 个值「${t.raw.trim().slice(0, 20)}」${parsed.message}，未粘贴`);
            return;
          }
          next = setCell(next, t.ref, parsed.value);
        }
        writeTable(next, from.table, targets.map((t) => t.ref));
        if (el) showMessage(el, `已粘贴 ${targets.length} 个单元格${outside ? `，另有 ${outside} 个值超出表格范围未粘贴` : ''}`, 'info');
      },
      registerCell(id: string, el: HTMLInputElement | null) {
        if (el) cells.current.set(id, el);
        else cells.current.delete(id);
      },
      focusCell(ref: CellRef) {
        const el = cells.current.get(cellId(ref));
        if (el) el.focus();
        else onFocusElsewhere(ref);
      },
      showMessage,
    }),
    [readOnly, flagged, toConfirm, active, commented, commentOn, writeTable, form, showMessage, onFocusElsewhere],
  );

  const clearMessage = useCallback(() => setMessage(null), []);
  return { grid, message, clearMessage };
}
