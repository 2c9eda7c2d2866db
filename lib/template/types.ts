/**
 * The shape of a statutory report format ("template"), as data.
 *
 * One edition of 《政府信息公开工作年度报告格式》 is one object of type `ReportTemplate`
 * (see `templates/2021`). Everything else — the form, the zod schemas, the checks, the
 * preview and the printed documents — is derived from it, so a label is written exactly once.
 */

/** How a value cell is typed: counts (件/件数) or an amount of money in 万元 with decimals. */
export type ValueType = 'count' | 'amount';

/** A node of a header tree. Leaves carry a `key` (they are data columns/rows); inner nodes group. */
export type HeaderNode = {
  label: string;
  /** Data key; present on leaves, and on inner nodes that name a data row (表四 groups). */
  key?: string;
  children?: HeaderNode[];
  /** Help text shown in the form (what the row means), never printed. */
  help?: string;
  /**
   * Other wordings of the label seen in published reports (design §1.4), for the importer only:
   * never printed, never shown as the label.
   */
  variants?: string[];
};

/** 表二: blocks stacked in one four-column table, each with its own header line. */
export type BlocksTable = {
  kind: 'blocks';
  key: 'table2';
  /** Label of the first header cell of every block (信息内容). */
  rowHeadLabel: string;
  /** Number of value columns the printed table has; single-value blocks span all of them. */
  valueColumns: number;
  blocks: {
    key: string;
    caption: string;
    columns: { key: string; label: string; valueType: ValueType; help?: string; variants?: string[] }[];
    /** `variants`: other wordings seen in published reports (importer only, design §1.4). */
    rows: { key: string; label: string; help?: string; variants?: string[] }[];
  }[];
};

/** 表三: a matrix of row tree × column tree, with a note printed in the corner cell. */
export type MatrixTable = {
  kind: 'matrix';
  key: 'table3';
  cornerNote: string;
  columns: HeaderNode[];
  rows: HeaderNode[];
  valueType: ValueType;
};

/**
 * 表四: printed as one value row under a three-level header. Its data rows are the groups
 * (行政复议, 未经复议直接起诉, 复议后起诉); each group has the same measures.
 */
export type GroupedRowTable = {
  kind: 'groupedRow';
  key: 'table4';
  groups: HeaderNode[];
  measures: { key: string; label: string; variants?: string[] }[];
  valueType: ValueType;
  /** An optional note printed under the table (some agencies explain the scope of pending cases). */
  noteLabel?: string;
};

export type TableTemplate = BlocksTable | MatrixTable | GroupedRowTable;
export type TableKey = TableTemplate['key'];

/** A text part of a section: a sub-heading (or none) with guidance for the clerk. */
export type PartTemplate = {
  key: string;
  /**
   * Printed sub-heading without its number, e.g. 主动公开 (printed （一）主动公开; the number is
   * decided by the document tree). Absent for a part printed as plain paragraphs.
   */
  title?: string;
  /** Label of the input in the form. */
  label: string;
  /** What the format asks this part to cover (shown beside the input). */
  guidance: string;
  /** A soft check warns when a required part is empty. */
  required: boolean;
  /** false when the guidance is our reading of practice, not the official wording (design §1.2). */
  verified: boolean;
  placeholder?: string;
  /**
   * Sub-heading wordings (without their number) that mean this part in published reports, e.g.
   * 主动公开情况 / 主动公开方面. The importer files text under a heading by these; never printed.
   */
  variants?: string[];
};

export type SectionTemplate = {
  key: string;
  /** Chinese ordinal, e.g. 一. */
  numeral: string;
  /** Heading without its number, e.g. 总体情况. Printed as `${numeral}、${title}`. */
  title: string;
  guidance: string;
  parts: PartTemplate[];
  table?: TableKey;
  /** Heading wordings (without the number) seen in published reports (design §1.1); importer only. */
  variants?: string[];
};

/** A reference to one value cell: table, data row key, column key. */
export type CellRef = { table: TableKey; row: string; col: string };

/**
 * A linear equation between sums of cells, evaluated along one axis.
 * `along: 'column'` — for every column c: Σ lhs rows [c] = Σ rhs rows [c] (e.g. 表三 R1, R2).
 * `along: 'row'` — for every row r: Σ lhs cols [r] = Σ rhs cols [r] (e.g. 表三 R3, 表四 R4).
 * When `computes` is set, lhs is a single total that the form computes from rhs.
 */
export type SumRule = {
  id: string;
  table: TableKey;
  along: 'column' | 'row';
  lhs: string[];
  rhs: string[];
  computes?: boolean;
  /** Plain Chinese name of the rule, e.g. 勾稽关系. */
  name: string;
  /** How the check panel names each side, e.g. 「第一项 + 第二项」. */
  lhsLabel: string;
  rhsLabel: string;
  /** Printed in the template itself (the corner note), or derived from its meaning. */
  source: 'printed' | 'derived';
};

export type ReportTemplate = {
  edition: string;
  /** The notice that issued the format. */
  formatRef: string;
  /** `{agency}{year}年政府信息公开工作年度报告` */
  titleSuffix: string;
  sections: SectionTemplate[];
  tables: { table2: BlocksTable; table3: MatrixTable; table4: GroupedRowTable };
  rules: SumRule[];
  /** Words whose presence in section 六 shows the 信息处理费 statement is there. */
  feeStatementMarkers: string[];
  /** The section and part that must state the 信息处理费, and the cell that implies fees were at stake. */
  feeStatement: { section: string; part: string; impliedBy: CellRef & { col: string } };
  /** Numbers that the text commonly quotes, and the cells whose sum they should equal (TEXT-NUM). */
  textNumbers: TextNumberRule[];
  /** Section 五's follow-up part, and last year's parts it starts from (carry-over). */
  problemsFollowUp: { section: string; part: string; from: string[] };
  /** Year-over-year relations (when last year's report is known). */
  crossYear: {
    /** 上年结转 (this year) = 结转下年度继续办理 (last year), per column. */
    carryOver: { table: TableKey; fromRow: string; toRow: string };
    /** 现行有效件数 (this year) = last year's + 本年制发 − 本年废止, per row. */
    stock: { table: TableKey; rows: string[]; stockCol: string; addCol: string; subtractCol: string };
  };
};

/**
 * A number quoted in the text, e.g. 「收到政府信息公开申请 12 件」: `pattern` has one capture
 * group, the number; any of `sums` (each a list of cells added up) may match it.
 */
export type TextNumberRule = { id: string; name: string; pattern: RegExp; sums: CellRef[][] };
