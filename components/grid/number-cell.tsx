'use client';
import { memo, useEffect, useRef, useState } from 'react';
import type { CellRef, ValueType } from '@/lib/template/types';
import type { CellValue } from '@/lib/report/types';
import { cellId } from '@/lib/report/cells';
import { formatCellValue, isAcceptablePartial, isBlockPaste, parseCellInput, toHalfWidth } from '@/lib/grid/parse';
import { moveFrom, type GridLayout } from '@/lib/grid/layout';
import { useGrid } from './grid-context';

type Props = {
  cell: CellRef;
  layout: GridLayout;
  value: CellValue;
  valueType: ValueType;
  computed: boolean;
  /** Accessible name: the row's labels and the column's label. */
  label: string;
  colSpan?: number;
};

const ARROWS: Record<string, 'up' | 'down' | 'left' | 'right'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/**
 * One value cell. Spreadsheet-like: focus selects the content, typing replaces it, arrows and
 * Enter move, a pasted block fills from here. Invalid keystrokes are refused in place (the
 * input keeps its previous content) with a message next to the cell. A blank stays blank.
 */
function NumberCellInner({ cell, layout, value, valueType, computed, label, colSpan }: Props) {
  const grid = useGrid();
  const id = cellId(cell);
  const [text, setText] = useState(formatCellValue(value));
  const focused = useRef(false);
  // The selection before the keystroke being handled: a refused one puts it back.
  const selection = useRef<[number, number]>([0, 0]);
  // The text shown always stands for the stored value. While the user types, their text is the
  // truth as long as it means the stored value (`12.` on the way to `12.5`); a value changed
  // from elsewhere — a block pasted from this very cell, a recomputed total, a reload — replaces
  // it, focused or not, or leaving the cell would write the stale text back.
  useEffect(() => {
    setText((shown) => {
      if (!focused.current) return formatCellValue(value);
      const parsed = parseCellInput(shown.replace(/[.．。]\s*$/, ''), valueType);
      return parsed.ok && parsed.value === value ? shown : formatCellValue(value);
    });
  }, [value, valueType]);

  const messages = grid.flagged.get(id);
  const comments = grid.commented.get(id);
  const doubt = grid.toConfirm.get(id);
  const commentable = grid.readOnly && grid.commentOn !== undefined;
  const className = [
    computed ? 'computed' : value === null ? 'blank' : '',
    messages ? 'flagged' : '',
    doubt ? 'to-confirm' : '',
    grid.active.has(id) ? 'active-finding' : '',
    comments ? 'commented' : '',
    commentable ? 'commentable' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const commit = (raw: string) => {
    const parsed = parseCellInput(raw, valueType);
    if (parsed.ok && parsed.value !== value) grid.onCellChange(cell, parsed.value);
  };

  const move = (dir: 'up' | 'down' | 'left' | 'right') => {
    const next = moveFrom(layout, cell, dir);
    if (next) grid.focusCell(next);
  };

  return (
    <td className={className} colSpan={colSpan}>
      <input
        ref={(el) => grid.registerCell(id, el)}
        id={`cell-${id}`}
        data-cell={id}
        inputMode={valueType === 'amount' ? 'decimal' : 'numeric'}
        autoComplete="off"
        aria-label={label}
        aria-invalid={messages ? true : undefined}
        aria-readonly={computed || grid.readOnly ? true : undefined}
        title={
          [...(messages ?? []), ...(doubt ? [`导入时存疑：${doubt}`] : []), ...(comments ?? []).map((c) => `审核意见：${c}`), commentable ? '点击或按 Enter 对此单元格提出意见' : '']
            .filter(Boolean)
            .join('\n') || (computed ? '自动计算' : undefined)
        }
        data-commented={comments ? 'true' : undefined}
        data-to-confirm={doubt ? 'true' : undefined}
        readOnly={computed || grid.readOnly}
        tabIndex={computed ? -1 : undefined}
        value={text}
        onFocus={(e) => {
          focused.current = true;
          e.currentTarget.select();
          selection.current = [0, e.currentTarget.value.length];
        }}
        onSelect={(e) => {
          selection.current = [e.currentTarget.selectionStart ?? 0, e.currentTarget.selectionEnd ?? 0];
        }}
        onClick={() => {
          if (commentable) grid.commentOn!(cell);
        }}
        onBlur={() => {
          focused.current = false;
          // `12.` → `12`: a trailing decimal point is dropped when leaving the cell.
          const cleaned = text.replace(/[.．。]\s*$/, '');
          commit(cleaned);
          const parsed = parseCellInput(cleaned, valueType);
          setText(parsed.ok ? formatCellValue(parsed.value) : formatCellValue(value));
        }}
        onChange={(e) => {
          if (computed || grid.readOnly) return;
          const raw = toHalfWidth(e.target.value);
          if (!isAcceptablePartial(raw, valueType)) {
            const parsed = parseCellInput(raw, valueType);
            grid.showMessage(e.target, parsed.ok ? '输入无效' : parsed.message);
            // Refused: the input keeps its previous content and its selection, so the next
            // keystroke replaces what was selected, as if this one never happened. Set here,
            // the DOM already holds what React would restore, and the selection stays.
            e.target.value = text;
            e.target.setSelectionRange(...selection.current);
            return;
          }
          setText(raw);
          commit(raw);
        }}
        onPaste={(e) => {
          if (computed || grid.readOnly) return;
          const pasted = e.clipboardData.getData('text/plain');
          e.preventDefault();
          if (isBlockPaste(pasted)) {
            grid.onPasteBlock(layout, cell, pasted);
            return;
          }
          const parsed = parseCellInput(pasted, valueType);
          if (!parsed.ok) {
            grid.showMessage(e.currentTarget, `「${pasted.trim().slice(0, 20)}」${parsed.message}`);
            return;
          }
          setText(formatCellValue(parsed.value));
          commit(pasted);
        }}
        onKeyDown={(e) => {
          const input = e.currentTarget;
          selection.current = [input.selectionStart ?? 0, input.selectionEnd ?? 0];
          const dir = ARROWS[e.key];
          if (dir) {
            const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
            if (dir === 'left' && !(all || input.selectionStart === 0)) return;
            if (dir === 'right' && !(all || input.selectionEnd === input.value.length)) return;
            e.preventDefault();
            move(dir);
          } else if (e.key === 'Enter' && commentable && !e.shiftKey) {
            e.preventDefault();
            grid.commentOn!(cell);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            move(e.shiftKey ? 'up' : 'down');
          } else if (e.key === 'Escape') {
            setText(formatCellValue(value));
          }
        }}
      />
    </td>
  );
}

export const NumberCell = memo(NumberCellInner);
