'use client';
import { memo, useEffect, useRef, useState } from 'react';
import type { CellRef, ValueType } from '@/lib/template/types';
import type { CellValue } from '@/lib/report/types';
import { cellId } from '@/lib/report/cells';
import { formatCellValue, isBlockPaste, parseCellInput, toHalfWidth } from '@/lib/grid/parse';
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
 * How a focused cell takes keys, as in Excel: `ready` — the content is selected, typing
 * replaces it, arrows move; `enter` — typing started from ready, arrows commit and move; `edit` —
 * F2 or a double-click, the caret moves inside and ←/→ move it.
 */
type Mode = 'ready' | 'enter' | 'edit';

/** `12.` on the way to `12.5` means 12: a trailing decimal point is dropped. */
function parseTyped(raw: string, valueType: ValueType) {
  return parseCellInput(raw.replace(/[.．。]\s*$/, ''), valueType);
}

/**
 * One value cell with Excel's semantics. Focus (click, Tab, arrow, a finding's jump) selects the
 * content so typing replaces it; a second click keeps it selected; F2 or a double-click edits
 * inside; Esc puts back the value the cell had when it was entered; Enter commits and moves
 * down. While typing, the stored value follows what is shown when it is a valid value, and
 * stays the value the cell had when entered when it is not (「-3」, 「3a」, 「2.5」 件): a refused
 * value is never stored in any form, and leaving the cell puts the previous value back and says
 * why. A blank stays blank.
 */
function NumberCellInner({ cell, layout, value, valueType, computed, label, colSpan }: Props) {
  const grid = useGrid();
  const id = cellId(cell);
  const [text, setText] = useState(formatCellValue(value));
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const focused = useRef(false);
  const mode = useRef<Mode>('ready');
  /** The value the cell had when it was entered: what Esc and a refused value put back. */
  const entry = useRef<CellValue>(value);
  /** The value this cell last asked to store while focused; another value comes from elsewhere. */
  const written = useRef<CellValue | undefined>(undefined);
  /**
   * Something was typed since the cell was entered or last committed. Only then does leaving or
   * Esc write: a block just pasted from here is stored before its value reaches this input, and
   * the old text still shown must not be written back over it.
   */
  const dirty = useRef(false);
  const editable = !computed && !grid.readOnly;

  // The text shown always stands for the stored value. While the cell is focused and being
  // typed in, the text typed is the truth; otherwise a value changed from elsewhere — a block
  // pasted from this very cell, a recomputed total, a reload — replaces it and becomes the value
  // Esc returns to.
  useEffect(() => {
    if (focused.current && (dirty.current || (written.current !== undefined && Object.is(value, written.current)))) return;
    setText(formatCellValue(value));
    setInvalid(false);
    if (focused.current) {
      entry.current = value;
      written.current = value;
      mode.current = 'ready';
      dirty.current = false;
      // Selected, as after any commit: the next key replaces the new value.
      const el = input.current;
      if (el) {
        el.value = formatCellValue(value);
        el.select();
      }
    }
  }, [value]);

  const messages = grid.flagged.get(id);
  const comments = grid.commented.get(id);
  const doubt = grid.toConfirm.get(id);
  const commentable = grid.readOnly && grid.commentOn !== undefined;
  const className = [
    computed ? 'computed' : value === null ? 'blank' : '',
    messages ? 'flagged' : '',
    invalid ? 'refused' : '',
    doubt ? 'to-confirm' : '',
    grid.active.has(id) ? 'active-finding' : '',
    comments ? 'commented' : '',
    commentable ? 'commentable' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const store = (v: CellValue) => {
    written.current = v;
    if (!Object.is(v, value)) grid.onCellChange(cell, v);
  };

  /** Shows `shown` in the input now (DOM and state) with everything selected: ready mode. */
  const showSelected = (el: HTMLInputElement, shown: string) => {
    el.value = shown;
    setText(shown);
    setInvalid(false);
    el.select();
    mode.current = 'ready';
  };

  /**
   * Commits what is shown: a valid value stays (and is what Esc returns to from now on); a
   * refused one gives way to the value the cell had when entered, with the reason.
   */
  const commit = (el: HTMLInputElement) => {
    if (!editable || !dirty.current) return;
    dirty.current = false;
    const raw = el.value;
    const parsed = parseTyped(raw, valueType);
    if (parsed.ok) {
      store(parsed.value);
      entry.current = parsed.value;
      const shown = formatCellValue(parsed.value);
      if (shown !== raw) {
        el.value = shown;
        setText(shown);
      }
      setInvalid(false);
      return;
    }
    store(entry.current);
    el.value = formatCellValue(entry.current);
    setText(el.value);
    setInvalid(false);
    grid.showMessage(el, `「${raw.trim().slice(0, 20)}」${parsed.message}，未保存，仍为${entry.current === null ? '空白' : ` ${entry.current}`}`);
  };

  const move = (el: HTMLInputElement, dir: 'up' | 'down' | 'left' | 'right') => {
    commit(el);
    const next = moveFrom(layout, cell, dir);
    if (next) grid.focusCell(next);
    if (document.activeElement === el) showSelected(el, el.value);
  };

  const startEditing = (el: HTMLInputElement) => {
    if (!editable) return;
    mode.current = 'edit';
    const end = el.value.length;
    el.setSelectionRange(end, end);
  };

  return (
    <td className={className} colSpan={colSpan}>
      <input
        ref={(el) => {
          input.current = el;
          grid.registerCell(id, el);
        }}
        id={`cell-${id}`}
        data-cell={id}
        inputMode={valueType === 'amount' ? 'decimal' : 'numeric'}
        autoComplete="off"
        aria-label={label}
        aria-invalid={messages || invalid ? true : undefined}
        aria-readonly={computed || grid.readOnly ? true : undefined}
        title={
          [...(messages ?? []), ...(doubt ? [`导入时存疑：${doubt}`] : []), ...(comments ?? []).map((c) => `审核意见：${c}`), commentable ? '点击或按 Enter 对此单元格提出意见' : '']
            .filter(Boolean)
            .join('\n') || (computed ? '自动计算' : 'F2 或双击：在单元格内修改；Esc：恢复原值')
        }
        data-commented={comments ? 'true' : undefined}
        data-to-confirm={doubt ? 'true' : undefined}
        readOnly={computed || grid.readOnly}
        tabIndex={computed ? -1 : undefined}
        value={text}
        onFocus={(e) => {
          focused.current = true;
          dirty.current = false;
          entry.current = value;
          written.current = value;
          mode.current = 'ready';
          e.currentTarget.select();
        }}
        onMouseDown={(e) => {
          if (e.button !== 0) return;
          const el = e.currentTarget;
          // A click on a cell selects it whole, a second click keeps it so (typing replaces,
          // as in Excel: 40 typed into 36 is 40, not 3406); in edit mode a click places the caret.
          // Otherwise the selection stays as it is: all of it, or the caret after what is being typed.
          if (document.activeElement === el && mode.current === 'edit' && e.detail === 1) return;
          e.preventDefault();
          if (document.activeElement !== el) el.focus();
        }}
        onDoubleClick={(e) => startEditing(e.currentTarget)}
        onClick={() => {
          if (commentable) grid.commentOn!(cell);
        }}
        onBlur={(e) => {
          commit(e.currentTarget);
          focused.current = false;
          written.current = undefined;
          mode.current = 'ready';
        }}
        onChange={(e) => {
          if (!editable) return;
          const raw = toHalfWidth(e.target.value);
          if (mode.current === 'ready') mode.current = 'enter';
          dirty.current = true;
          setText(raw);
          const parsed = parseTyped(raw, valueType);
          if (parsed.ok) {
            setInvalid(false);
            store(parsed.value);
          } else {
            // Refused: shown as typed, with the reason, never stored — the store keeps the
            // value the cell had when entered until the user corrects it or leaves the cell.
            setInvalid(true);
            grid.showMessage(e.target, parsed.message);
            store(entry.current);
          }
        }}
        onPaste={(e) => {
          if (!editable) return;
          const el = e.currentTarget;
          const pasted = e.clipboardData.getData('text/plain');
          e.preventDefault();
          if (isBlockPaste(pasted)) {
            // A block replaces what was being typed here: the cell shows the stored value
            // until the block's own value arrives, and the block is what Esc returns to.
            showSelected(el, formatCellValue(value));
            entry.current = value;
            written.current = undefined;
            dirty.current = false;
            grid.onPasteBlock(layout, cell, pasted);
            return;
          }
          const parsed = parseCellInput(pasted, valueType);
          if (!parsed.ok) {
            grid.showMessage(el, `粘贴的「${pasted.trim().slice(0, 20)}」${parsed.message}，未粘贴`);
            return;
          }
          // A single value replaces the cell's value and is committed, as in Excel.
          store(parsed.value);
          entry.current = parsed.value;
          dirty.current = false;
          showSelected(el, formatCellValue(parsed.value));
        }}
        onKeyDown={(e) => {
          const el = e.currentTarget;
          const dir = ARROWS[e.key];
          if (dir) {
            if (mode.current === 'edit' && (dir === 'left' || dir === 'right')) return;
            e.preventDefault();
            move(el, dir);
          } else if (e.key === 'Enter' && commentable && !e.shiftKey) {
            e.preventDefault();
            grid.commentOn!(cell);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            move(el, e.shiftKey ? 'up' : 'down');
          } else if (e.key === 'F2') {
            e.preventDefault();
            startEditing(el);
          } else if (e.key === 'Escape') {
            if (!editable) return;
            e.preventDefault();
            if (!dirty.current) return showSelected(el, el.value);
            dirty.current = false;
            store(entry.current);
            showSelected(el, formatCellValue(entry.current));
          }
        }}
      />
    </td>
  );
}

export const NumberCell = memo(NumberCellInner);
