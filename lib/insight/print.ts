/**
 * The insight as it prints (the 「下载 PDF」 of /review/insight): every word, number and chart
 * already decided, as plain data that can be posted to a PDF worker thread. Built by
 * lib/server/insight-pdf.ts from the service's DistrictInsight; laid out by
 * lib/render/pdf/insight-pdf.tsx, which draws each chart from its spec.
 */
import type { ChartSpec } from './charts';

export type PrintCell = {
  text: string;
  /** A smaller second line under the text: 基数小, 分母为 0, the cells behind a flag. */
  note?: string;
};

export type PrintColumn = {
  label: string;
  /** Fraction of the text block's width; a table's columns sum to 1. */
  width: number;
  align: 'left' | 'center';
};

export type PrintRow = { kind: 'group'; text: string } | { kind: 'row'; cells: PrintCell[] };

export type PrintTable = {
  /** How the table is named for a reader (PDF text before it is not needed: a heading precedes it). */
  caption: string;
  columns: PrintColumn[];
  rows: PrintRow[];
};

export type PrintChart = {
  /** Printed above the chart, e.g. 图1　历年依申请新收. */
  caption: string;
  spec: ChartSpec;
  /** End of the value axis (the parts of a long ranking share one scale). */
  valueMax?: number;
};

export type PrintBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: PrintTable }
  | { kind: 'chart'; chart: PrintChart };

export type InsightPrint = {
  title: string;
  /** The title broken into balanced lines (lib/document/title-lines.ts). */
  titleLines: string[];
  /** Under the title: when the figures were read, e.g. 数据截至2025年3月1日. */
  dateLine: string;
  meta: { author: string; subject: string; keywords: string[] };
  blocks: PrintBlock[];
};
