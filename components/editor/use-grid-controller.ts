'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { CellRef, ReportTemplate } from '@/lib/template/types';
import type { CellValue, Report } from '@/lib/report/types';
import type { Finding } from '@/lib/checks/types';
import { cellId, confirmCells, recomputeTotals, setCell } from '@/lib/report/cells';
import { parseCellInput, parsePasteBlock } from '@/lib/grid/parse';
import type { GridLayout } from '@/lib/grid/layout';
import { planLabelPaste, planPaste, type PastePlan } from '@/lib/grid/paste';
import type { GridContextValue, PasteNote } from '../grid/grid-context';

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
}): { grid: GridContextValue; message: CellMessage | null; clearMessage(): void; pasteNote: PasteNote | null } {
  const [message, setMessage] = useState<CellMessage | null>(null);
  const [pasteNote, setPasteNote] = useState<PasteNote | null>(null);
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
        const block = parsePasteBlock(text);
        const close = () => setPasteNote(null);
        /** Writes a plan, all or nothing: one refused value and nothing is pasted. */
        const apply = (plan: PastePlan) => {
          let next = form.getValues();
          for (const t of plan.targets) {
            const parsed = parseCellInput(t.raw, t.valueType);
            if (!parsed.ok) {
              const why = `粘贴的第 ${t.rowIndex + 1} 行第 ${t.colIndex + 1} 个值「${t.raw.trim().slice(0, 20)}」${parsed.message}，整块未粘贴`;
              if (el) showMessage(el, why);
              setPasteNote({ table: from.table, kind: 'error', summary: why, notes: [], close });
              return;
            }
            next = setCell(next, t.ref, parsed.value);
          }
          writeTable(next, from.table, plan.targets.map((t) => t.ref));
          if (el) showMessage(el, plan.summary, 'info');
          setPasteNote({ table: from.table, kind: 'info', summary: plan.summary, notes: plan.notes, close });
        };
        const plan = planPaste(template, layout, from, block);
        if (plan.labelled) {
          // Labels would land on number cells: nothing is pasted by position; the same block
          // matched by its labels is offered.
          const summary = '剪贴板的第一列是行标签（从 Word 模板或表格软件连同标签复制），没有按位置粘贴';
          if (el) showMessage(el, summary);
          setPasteNote({
            table: from.table,
            kind: 'error',
            summary,
            notes: ['「按标签匹配粘贴」把每行的数字填进标签相同的行，从该行第一列起；表头和没有数字的行略过。'],
            pasteByLabel: () => apply(planLabelPaste(template, layout, block)),
            close,
          });
          return;
        }
        apply(plan);
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
    [readOnly, flagged, toConfirm, active, commented, commentOn, writeTable, form, showMessage, onFocusElsewhere, template],
  );

  const clearMessage = useCallback(() => setMessage(null), []);
  return { grid, message, clearMessage, pasteNote };
}
