import type { CellRef, TableKey } from '../template/types';

/**
 * A value cell. Counts are numbers; the 行政事业性收费 amount (万元, up to 4 decimals) is kept
 * as the decimal string the user typed, so it is never rounded through a float. `null` is a
 * blank cell — not 0 (design §2.1): it is shown as missing and blocks submission.
 */
export type CellValue = number | string | null;

export type TableValues = Record<string, Record<string, CellValue>>;

export type ReportMeta = {
  /** Full name of the agency, e.g. 卫滨区中同街街道办事处. Used in the title and the text. */
  agencyName: string;
  /** The year reported on. */
  year: number;
  /**
   * The title as printed, when it is not the standard `{agency}{year}年政府信息公开工作年度报告`
   * (an imported report keeps what it printed). `null`: the standard title.
   */
  title: string | null;
  /** 统计期限, ISO dates. */
  periodStart: string;
  periodEnd: string;
  /** Date of publication (ISO), optional until the report is final. */
  publishDate: string | null;
  /**
   * Who answers questions about the report (联系单位, e.g. 紫薇大道街道党政办), and how: printed
   * as the opening paragraph's sentence 「如对本报告有疑问，请与…联系（地址：…；邮编：…；电话：…；
   * 电子邮箱：…）」 (lib/report/contact.ts). All optional.
   */
  contact: string;
  contactAddress: string;
  contactPostcode: string;
  contactPhone: string;
  contactEmail: string;
  /**
   * `computed`: totals are derived from the details and shown read-only (reports made here).
   * `asPrinted`: totals are kept as the source printed them and checked against the details
   * (imported reports) until the user asks to 按明细重算合计.
   */
  totals: 'computed' | 'asPrinted';
  /**
   * Imported reports: the cells whose value the importer was not sure of (cell id → why, in
   * plain Chinese). Each stays marked in the editor, and listed by the checks, until the user
   * changes the cell or confirms it (lib/report/cells.ts `confirmCells`). Absent when none.
   */
  toConfirm?: Record<string, string>;
};

export type Report = {
  format: 'nianbao-report';
  schemaVersion: 1;
  edition: string;
  meta: ReportMeta;
  /** section key → part key → text. Paragraphs are separated by newlines. */
  text: Record<string, Record<string, string>>;
  tables: Record<TableKey, TableValues>;
};

export type { CellRef, TableKey };
