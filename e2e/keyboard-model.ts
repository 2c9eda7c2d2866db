/**
 * A small model of what the number grids are meant to do with keys (issue 24): Excel's cell
 * editing, written from the intended semantics and not from the component, so that the property
 * test (keyboard-property.spec.ts) can predict every cell's value after any sequence of clicks,
 * keys and pastes. Movement over the layout (which cell is below, skipping totals) is the
 * layout's, unit-tested on its own (lib/grid/layout.test.ts).
 */
import { template2021 } from '../templates/2021';
import { gridLayout, moveFrom, type GridLayout } from '../lib/grid/layout';
import type { TableKey } from '../lib/template/types';

export type Value = number | string | null;
export type Mode = 'ready' | 'enter' | 'edit';

export type Action =
  | { kind: 'click' | 'dblclick'; cell: string }
  | { kind: 'type'; text: string }
  | { kind: 'key'; key: 'Backspace' | 'Delete' | 'Escape' | 'Enter' | 'Shift+Enter' | 'Tab' | 'Shift+Tab' | 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'F2' }
  | { kind: 'paste'; text: string };

export const TABLES: TableKey[] = ['table2', 'table3', 'table4'];

export type Grid = {
  table: TableKey;
  layout: GridLayout;
  /** Editable cells (`table.row.col`) in tab order. */
  order: string[];
  amount: Set<string>;
};

export function gridOf(table: TableKey): Grid {
  const layout = gridLayout(template2021, table);
  const order: string[] = [];
  const amount = new Set<string>();
  for (const row of layout.cells)
    for (const c of row) {
      if (!c || layout.computed.has(`${c.row}.${c.col}`)) continue;
      const id = `${table}.${c.row}.${c.col}`;
      order.push(id);
      if (layout.valueTypes.get(`${c.row}.${c.col}`) === 'amount') amount.add(id);
    }
  return { table, layout, order, amount };
}

/** What a count or an amount (万元, up to 4 places) accepts; `typed` drops a trailing point (「12.」). */
export function parse(raw: string, isAmount: boolean, typed: boolean): { ok: true; v: Value } | { ok: false } {
  let t = raw.trim();
  if (typed) t = t.replace(/\.$/, '');
  if (t === '') return { ok: true, v: null };
  if (isAmount) return /^\d{1,9}(\.\d{1,4})?$/.test(t) ? { ok: true, v: t.replace(/^0+(?=\d)/, '') } : { ok: false };
  return /^\d+$/.test(t) && Number(t) <= 999_999_999 ? { ok: true, v: Number(t) } : { ok: false };
}

const fmt = (v: Value) => (v === null ? '' : String(v));

export class Model {
  stored = new Map<string, Value>();
  focus: string | null = null;
  mode: Mode = 'ready';
  text = '';
  entry: Value = null;
  caret = 0;

  constructor(readonly grid: Grid) {}

  value(id: string): Value {
    return this.stored.get(id) ?? null;
  }
  /** What the input of a cell shows. */
  shown(id: string): string {
    return id === this.focus ? this.text : fmt(this.value(id));
  }
  private isAmount(id: string) {
    return this.grid.amount.has(id);
  }
  private focusOn(id: string) {
    this.focus = id;
    this.mode = 'ready';
    this.entry = this.value(id);
    this.text = fmt(this.entry);
    this.caret = this.text.length;
  }
  /** Leaving or Enter: a valid value stays (and is the new value Esc returns to); a refused one gives way to the entry value. */
  commit() {
    if (!this.focus) return;
    const p = parse(this.text, this.isAmount(this.focus), true);
    const v = p.ok ? p.v : this.entry;
    this.stored.set(this.focus, v);
    this.entry = v;
    this.text = fmt(v);
    this.caret = this.text.length;
  }
  blur() {
    this.commit();
    this.focus = null;
  }
  /** Typing: the stored value follows the text while it is valid, else stays the entry value. */
  private edited(text: string, caret: number) {
    if (text === this.text) return;
    if (this.mode === 'ready') this.mode = 'enter';
    this.text = text;
    this.caret = caret;
    const p = parse(text, this.isAmount(this.focus!), true);
    this.stored.set(this.focus!, p.ok ? p.v : this.entry);
  }
  private move(dir: 'up' | 'down' | 'left' | 'right') {
    this.commit();
    const [table, row, col] = this.focus!.split('.');
    const next = moveFrom(this.grid.layout, { table: table as TableKey, row, col }, dir);
    if (next) this.focusOn(`${next.table}.${next.row}.${next.col}`);
    else this.mode = 'ready';
  }

  /** Whether the action is one the test may perform in this state (see the generator). */
  allowed(a: Action): boolean {
    if (a.kind === 'click' || a.kind === 'dblclick') return !(a.kind === 'click' && a.cell === this.focus && this.mode === 'edit');
    if (!this.focus) return false;
    const i = this.grid.order.indexOf(this.focus);
    if (a.kind === 'key' && a.key === 'Tab') return i < this.grid.order.length - 1;
    if (a.kind === 'key' && a.key === 'Shift+Tab') return i > 0;
    return true;
  }

  apply(a: Action) {
    switch (a.kind) {
      case 'click':
        if (a.cell !== this.focus) {
          this.blur();
          this.focusOn(a.cell);
        }
        return;
      case 'dblclick':
        if (a.cell !== this.focus) {
          this.blur();
          this.focusOn(a.cell);
        }
        this.mode = 'edit';
        this.caret = this.text.length;
        return;
      case 'type':
        for (const ch of a.text) {
          // Typing over the selection collapses it even when the text stays the same (「5」 over 5).
          if (this.mode === 'ready') {
            this.mode = 'enter';
            this.edited(ch, 1);
          }
          else if (this.mode === 'enter') this.edited(this.text + ch, this.text.length + 1);
          else this.edited(this.text.slice(0, this.caret) + ch + this.text.slice(this.caret), this.caret + 1);
        }
        return;
      case 'paste':
        return this.paste(a.text);
      case 'key':
        break;
    }
    switch (a.key) {
      case 'Backspace':
        if (this.mode === 'ready') this.edited('', 0);
        else if (this.mode === 'enter') this.edited(this.text.slice(0, -1), this.text.length - 1);
        else if (this.caret > 0) this.edited(this.text.slice(0, this.caret - 1) + this.text.slice(this.caret), this.caret - 1);
        return;
      case 'Delete':
        if (this.mode === 'ready') this.edited('', 0);
        else if (this.mode === 'edit' && this.caret < this.text.length) this.edited(this.text.slice(0, this.caret) + this.text.slice(this.caret + 1), this.caret);
        return;
      case 'Escape':
        this.stored.set(this.focus!, this.entry);
        this.text = fmt(this.entry);
        this.mode = 'ready';
        return;
      case 'F2':
        this.mode = 'edit';
        this.caret = this.text.length;
        return;
      case 'Enter':
        return this.move('down');
      case 'Shift+Enter':
        return this.move('up');
      case 'Tab':
      case 'Shift+Tab': {
        this.commit();
        const i = this.grid.order.indexOf(this.focus!);
        return this.focusOn(this.grid.order[i + (a.key === 'Tab' ? 1 : -1)]);
      }
      case 'ArrowLeft':
      case 'ArrowRight':
        if (this.mode === 'edit') {
          this.caret = Math.max(0, Math.min(this.text.length, this.caret + (a.key === 'ArrowLeft' ? -1 : 1)));
          return;
        }
        return this.move(a.key === 'ArrowLeft' ? 'left' : 'right');
      case 'ArrowUp':
        return this.move('up');
      case 'ArrowDown':
        return this.move('down');
    }
  }

  /**
   * A single value replaces the cell's value and is committed; a block (tabs, newlines) drops
   * what was being typed and fills from the focused cell by position — all or nothing — with the
   * total row or column skipped when the block has exactly as many rows or columns as the
   * editable ones from here.
   */
  private paste(text: string) {
    const id = this.focus!;
    const lf = text.replace(/\r\n?/g, '\n');
    if (!/\t/.test(lf) && !/\n./.test(lf.replace(/\n$/, ''))) {
      const p = parse(text, this.isAmount(id), false);
      if (!p.ok) return;
      this.stored.set(id, p.v);
      this.entry = p.v;
      this.text = fmt(p.v);
      this.mode = 'ready';
      return;
    }
    this.text = fmt(this.value(id));
    this.entry = this.value(id);
    this.mode = 'ready';
    const block = lf.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    const { cells, computed } = this.grid.layout;
    const isTotal = (r: number, c: number) => {
      const cell = cells[r]?.[c];
      return !cell || computed.has(`${cell.row}.${cell.col}`);
    };
    const [, row, col] = id.split('.');
    const r0 = cells.findIndex((l) => l.some((c) => c?.row === row && c.col === col));
    const c0 = cells[r0].findIndex((c) => c?.row === row && c.col === col);
    const rowsFrom = cells.map((_, r) => r).filter((r) => r >= r0);
    const editableRows = rowsFrom.filter((r) => !cells[r].every((_, c) => isTotal(r, c)));
    const rowMap =
      block.length !== rowsFrom.length && block.length === editableRows.length && editableRows.length < rowsFrom.length
        ? editableRows
        : block.map((_, i) => r0 + i);
    const width = Math.max(...block.map((l) => l.length));
    const colsFrom = cells[r0].map((_, c) => c).filter((c) => c >= c0);
    const editableCols = colsFrom.filter((c) => !rowMap.filter((r) => r < cells.length).every((r) => isTotal(r, c)));
    const colMap =
      width !== colsFrom.length && width === editableCols.length && editableCols.length < colsFrom.length
        ? editableCols
        : Array.from({ length: width }, (_, j) => c0 + j);
    const writes: [string, Value][] = [];
    for (let i = 0; i < block.length; i++)
      for (let j = 0; j < block[i].length; j++) {
        const r = rowMap[i];
        const c = colMap[j];
        if (r === undefined || c === undefined || isTotal(r, c)) continue;
        const cell = cells[r][c]!;
        const target = `${this.grid.table}.${cell.row}.${cell.col}`;
        const p = parse(block[i][j], this.isAmount(target), false);
        if (!p.ok) return; // one refused value: nothing is pasted
        writes.push([target, p.v]);
      }
    for (const [t, v] of writes) this.stored.set(t, v);
    this.entry = this.value(id);
    this.text = fmt(this.entry);
  }

  /** Every cell of the grid's table as the model predicts it, totals included (null: blank). */
  table(): Record<string, Value> {
    const out: Record<string, Value> = {};
    const { cells, computed } = this.grid.layout;
    for (const row of cells) for (const c of row) if (c) out[`${this.grid.table}.${c.row}.${c.col}`] = this.value(`${this.grid.table}.${c.row}.${c.col}`);
    const sum = (ids: string[]) => {
      const vs = ids.map((i) => out[i]).filter((v) => v !== null);
      return vs.length === 0 ? null : vs.reduce<number>((s, v) => s + Number(v), 0);
    };
    if (this.grid.table === 'table3') {
      const rows = [...new Set(cells.map((l) => l[0]!.row))];
      const cols = cells[0].map((c) => c!.col).filter((c) => c !== 'total');
      const results = rows.filter((r) => !['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'].includes(r));
      for (const c of cols) out[`table3.resultsTotal.${c}`] = sum(results.map((r) => `table3.${r}.${c}`));
      for (const r of rows) out[`table3.${r}.total`] = sum(cols.map((c) => `table3.${r}.${c}`));
    }
    if (this.grid.table === 'table4') {
      for (const c of cells[0]) if (c && computed.has(`${c.row}.${c.col}`)) out[`table4.${c.row}.total`] = sum(['upheld', 'corrected', 'other', 'pending'].map((m) => `table4.${c.row}.${m}`));
    }
    return out;
  }
}

/** A seeded generator (mulberry32): the same seed gives the same sequences. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

type Rng = ReturnType<typeof rng>;

function typedText(r: Rng, amount: boolean): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(r.int(10))).join('');
  const roll = r.next();
  if (roll < 0.55) return digits(1 + r.int(3));
  if (roll < 0.65) return `-${digits(1 + r.int(2))}`;
  if (roll < 0.77) return `${digits(1 + r.int(2))}.${digits(r.int(3))}`;
  if (roll < 0.85) return `${digits(1)}a`;
  if (roll < 0.9) return '1234567890';
  if (roll < 0.95) return amount ? '0.25' : '007';
  return '.';
}

function pasteText(r: Rng, amount: boolean): string {
  const value = () => {
    const roll = r.next();
    if (roll < 0.12) return '';
    if (roll < 0.17) return 'x';
    if (roll < 0.22) return '-1';
    return String(r.int(500));
  };
  if (r.next() < 0.4) return r.next() < 0.7 ? String(r.int(1000)) : r.pick(['-5', 'abc', '3.5', amount ? '1.2345' : ' 42 ']);
  const rows = 1 + r.int(3);
  const cols = 1 + r.int(3);
  if (rows === 1 && cols === 1) return `${value()}\t${value()}`;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, value).join('\t')).join('\r\n') + (r.next() < 0.5 ? '\r\n' : '');
}

const KEYS = ['Backspace', 'Delete', 'Escape', 'Enter', 'Shift+Enter', 'Tab', 'Shift+Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'F2'] as const;

/** One sequence of actions that the model allows, starting with a click or double-click. */
export function sequence(r: Rng, model: Model, length: number): Action[] {
  const out: Action[] = [];
  const probe = new Model(model.grid);
  probe.stored = new Map(model.stored);
  while (out.length < length) {
    const roll = r.next();
    const cell = r.pick(model.grid.order);
    let a: Action;
    if (out.length === 0 || roll < 0.18) a = { kind: 'click', cell };
    else if (roll < 0.25) a = { kind: 'dblclick', cell };
    else if (roll < 0.5) a = { kind: 'type', text: typedText(r, model.grid.amount.has(probe.focus ?? '')) };
    else if (roll < 0.58) a = { kind: 'paste', text: pasteText(r, model.grid.amount.has(probe.focus ?? '')) };
    else a = { kind: 'key', key: r.pick(KEYS) };
    if (!probe.allowed(a)) continue;
    probe.apply(a);
    out.push(a);
  }
  return out;
}
