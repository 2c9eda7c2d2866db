/**
 * The render-neutral document tree: what the report prints, in order, with every number,
 * label and merge already decided. The PDF, DOCX and HTML renderers only lay it out, so the
 * three outputs cannot disagree about wording, numbering or table structure.
 */
import type { CellRef, TableKey } from '../template/types';

export type DocMeta = {
  /** The title as printed (one string; `title.lines` holds its line breaks). */
  title: string;
  /** The agency: PDF author. */
  author: string;
  subject: string;
  /** BCP 47 language of the document. */
  language: string;
  keywords: string[];
  /** Stem for download file names, e.g. 卫滨区中同街街道办事处2024年政府信息公开工作年度报告. */
  fileStem: string;
  agencyName: string;
  year: number;
};

export type TitleBlock = {
  kind: 'title';
  text: string;
  /** Balanced lines, broken only between words (GB/T 9704 7.3.1: 词意完整，排列对称). */
  lines: string[];
};

export type DateLineBlock = { kind: 'dateLine'; text: string };

export type HeadingBlock = {
  kind: 'heading';
  /** 1: 「一、总体情况」 (黑体); 2: 「（一）主动公开」 (楷体). */
  level: 1 | 2;
  /** The number as printed, e.g. 一、 or （一）. */
  number: string;
  /** The heading without its number. */
  title: string;
  /** number + title. */
  text: string;
  sectionKey: string;
  partKey?: string;
};

export type ParagraphBlock = {
  kind: 'paragraph';
  /** One paragraph (one line of the input text), trimmed, never empty. */
  text: string;
  sectionKey: string;
  partKey: string;
};

/** A paragraph that belongs to the table above it (e.g. 表四's 注：…), set in table type. */
export type TableNoteBlock = {
  kind: 'tableNote';
  text: string;
  sectionKey: string;
  partKey: string;
};

export type TableBlock = { kind: 'table'; sectionKey: string; table: DocTable };

export type DocBlock = TitleBlock | DateLineBlock | HeadingBlock | ParagraphBlock | TableNoteBlock | TableBlock;

export type DocCellRole =
  /** 表三's top-left cell holding the 勾稽关系 note. */
  | 'corner'
  /** A column header (申请人情况, 自然人, 结果维持…). */
  | 'colHeader'
  /** A block caption spanning the whole table (表二 第二十条第（一）项). */
  | 'caption'
  /** A row label (规章, 一、本年新收…, 1.属于国家秘密). */
  | 'rowHeader'
  | 'value';

export type DocCell = {
  text: string;
  /** Grid position of the cell's top-left corner. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  role: DocCellRole;
  align: 'left' | 'center';
  /** The report cell a value cell shows. */
  ref?: CellRef;
  /** A value cell left blank (null) in the report. */
  isBlank?: boolean;
  /**
   * A column header's words (header-words.ts): its lines break between them, never inside one
   * (「自然人」 stays whole). Renderers pack them into lines of the cell's width.
   */
  words?: string[];
};

export type DocTableRow = {
  /** Cells that start on this row (a merged cell belongs to its first row), left to right. */
  cells: DocCell[];
  /**
   * Rows with the same group are kept on one page (a merged row group, 表三 （三）不予公开…).
   * A cell may span several groups (表三 三、本年度办理结果): renderers may break it between them.
   */
  group: number;
};

export type DocTable = {
  key: TableKey;
  /** How the table is named for readers who cannot see the layout, e.g. 表二　主动公开政府信息情况 (HTML <caption>). */
  caption: string;
  /** Column widths as fractions of the text block width, summing to 1. */
  columnWidths: number[];
  /** The first `headerRows` rows are the table header, repeated on every page the table spans. */
  headerRows: number;
  rows: DocTableRow[];
  /** Whether the whole table should stay on one page (表二, 表四 are short). */
  keepTogether: boolean;
  /** Set in 小五 (9 pt) instead of 五号 (表四: fifteen columns must each hold a 5-digit count). */
  small?: boolean;
};

export type DocumentTree = {
  meta: DocMeta;
  blocks: DocBlock[];
};
