'use client';
import { createContext, useContext } from 'react';
import type { CellRef } from '@/lib/template/types';
import type { CellValue } from '@/lib/report/types';
import type { GridLayout } from '@/lib/grid/layout';

/**
 * What every number grid needs from the editor. The grids render the template's structure;
 * the editor owns the report, the findings and the focus.
 */
export type GridContextValue = {
  readOnly: boolean;
  /** Cell ids (`table.row.col`) flagged by an error finding, with the messages to show. */
  flagged: Map<string, string[]>;
  /** Imported cells awaiting confirmation (`meta.toConfirm`): cell id → why the importer doubted it. */
  toConfirm: Map<string, string>;
  /** Cell ids of the finding the user jumped to. */
  active: Set<string>;
  /** Cell ids with an open reviewer's comment, with the comments' text. */
  commented: Map<string, string[]>;
  /**
   * For a reviewer: comment on this cell (a click on it, or Enter in it). Absent for whoever
   * may not comment.
   */
  commentOn?(ref: CellRef): void;
  onCellChange(ref: CellRef, value: CellValue): void;
  onPasteBlock(layout: GridLayout, from: CellRef, text: string): void;
  registerCell(id: string, el: HTMLInputElement | null): void;
  focusCell(ref: CellRef): void;
  /** A short note next to a cell: a refusal (`error`, the default) or a confirmation (`info`). */
  showMessage(el: HTMLElement, message: string, kind?: 'error' | 'info'): void;
};

export const GridContext = createContext<GridContextValue | null>(null);

export function useGrid(): GridContextValue {
  const ctx = useContext(GridContext);
  if (!ctx) throw new Error('GridContext missing');
  return ctx;
}

/**
 * What the last block paste did, shown above its table until the next paste or until closed:
 * what was filled, what was left out and why, and the offer to paste the same block matched by
 * its row labels.
 */
export type PasteNote = {
  table: CellRef['table'];
  kind: 'info' | 'error';
  summary: string;
  notes: string[];
  /** Present when the block carries its row labels: pastes it matched by label. */
  pasteByLabel?(): void;
  close(): void;
};

export const PasteNoteContext = createContext<PasteNote | null>(null);
