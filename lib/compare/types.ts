import type { CellRef, CellValue, ReportMeta } from '../report/types';
import type { DiffSegment } from './text-diff';

export type MetaField = keyof ReportMeta;

export type MetaChange = {
  field: MetaField;
  /** What the form calls the field, e.g. 机关名称. */
  label: string;
  before: ReportMeta[MetaField];
  after: ReportMeta[MetaField];
};

/** One value cell that changed; blank ↔ 0 is a change (a blank is not 0, design §2.1). */
export type CellChange = CellRef & {
  /** Section key of the table, for the stepper, e.g. `requestsTable`. */
  section: string;
  /** 表三 */
  tableName: string;
  /** The row's labels from the outermost group down, from the template. */
  rowPath: string[];
  colLabel: string;
  before: CellValue;
  after: CellValue;
  /**
   * Only a blank became 0 or a 0 became blank: a change (a blank is not 0) but seldom what a
   * reader looks for — a new report against last year's all-zero tables shows ~190 of them.
   * Shown after the real changes, as one line.
   */
  blankVsZero: boolean;
};

/** One text part that changed, with a diff ready to show. */
export type TextChange = {
  section: string;
  part: string;
  /** 一、总体情况 */
  sectionHeading: string;
  /** The part's label in the form, e.g. 主动公开. */
  partLabel: string;
  before: string;
  after: string;
  /** Reassemble exactly: equal + delete → before, equal + insert → after. */
  segments: DiffSegment[];
  inserted: number;
  deleted: number;
};

export type ReportDiff = {
  meta: MetaChange[];
  /** In printed order: 表二, 表三, 表四, each row by row. */
  cells: CellChange[];
  /** In printed order of sections and parts. */
  texts: TextChange[];
  isEmpty: boolean;
  /**
   * One line of plain Chinese, e.g. 表三 3 个单元格、2 个文字部分有改动, then the blank ↔ 0
   * cells on their own: 「；另有 191 个单元格只是空白与 0 之别」.
   */
  summary: string;
};
