import type { CellRef } from '../template/types';

export type Severity = 'error' | 'warning';

/** One side of an equation, as the panel prints it: 「一 + 二 = 12」. */
export type EquationSide = { label: string; value: number };

/**
 * One result of the checks. Everything the UI needs to explain it and to point at it:
 * the cells to highlight, the section to mark in the stepper, both sides and the difference.
 */
export type Finding = {
  /** Stable and unique within one run, e.g. `R1:table3:natural` — React key and focus target. */
  id: string;
  /** Rule id: R1–R6 (hard), or a soft check id (YEAR, DATE, PART-EMPTY, FEE-SECTION, TOTALS-STALE…). */
  rule: string;
  severity: Severity;
  /** Key of the section the finding belongs to (for the stepper), e.g. `requestsTable`. */
  section: string;
  /** Value cells involved, to highlight and to focus (first one). */
  cells: CellRef[];
  /** A text part involved, for text findings. */
  part?: { section: string; part: string };
  /** A metadata field involved, e.g. `periodEnd`. */
  field?: string;
  lhs?: EquationSide;
  rhs?: EquationSide;
  /** lhs − rhs */
  difference?: number;
  /** Plain Chinese, complete on its own. */
  message: string;
};
