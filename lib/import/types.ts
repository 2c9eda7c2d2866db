/**
 * What the importer produces. A published report is read into `SourceLine`s (one printed line
 * or one table row each), then one pipeline of pure steps turns those lines into a `Report`
 * plus `ImportFinding`s that say what was recognised, where, and how sure the importer is.
 */
import type { CellRef, TableKey } from '../template/types';
import type { Report } from '../report/types';

export type SourceFormat = 'text' | 'pdf' | 'docx' | 'json' | 'html' | 'mhtml' | 'ole';

/**
 * One cell of a line: a tab-separated field of a text line, a run of PDF text items, or a DOCX
 * table cell. `x` is the horizontal centre in points (PDF only): it lets a row with a blank
 * cell be aligned against the rows that are complete; `x0` and `x1` are the text's left and
 * right edges (a column of left- or right-aligned values lines up on those, not on centres).
 */
/** `clipped`: printed running past the page's edge (PDF), so what shows may be cut short. */
export type SourceCell = { text: string; x?: number; x0?: number; x1?: number; clipped?: boolean };

export type SourceLine = {
  /** 1-based line number in `source.lines`; findings point at it. */
  no: number;
  /** The line as shown beside the review: cells joined by a tab. */
  text: string;
  /** Present when the reader knows the cell structure (tabs, PDF gaps, DOCX table cells). */
  cells?: SourceCell[];
  page?: number;
  /** Indent of the first character in em (PDF: a paragraph's first line is indented 2 em). */
  indent?: number;
  /** How full the line is, 0–1 of the widest body line (PDF): a short line ends a paragraph. */
  fill?: number;
  /** A DOCX paragraph or a PDF line known to end its paragraph. */
  endsParagraph?: boolean;
  /** PDF: the baseline's distance from the top of the page (pt) and the font size: where the line sits, for tables read by geometry. */
  y?: number;
  size?: number;
  /** PDF, a line of one cell: its horizontal centre (a lone wrapped piece of a number), and its left and right edges. */
  x?: number;
  x0?: number;
  x1?: number;
  clipped?: boolean;
  /** A row of a real table (DOCX). */
  isTableRow?: boolean;
};

export type SourceDoc = {
  format: SourceFormat;
  lines: SourceLine[];
  pages?: number;
  /** A web page: the attachments it links or embeds and its images, to say why no report text was found. */
  page?: { attachments: string[]; images: number };
};

export type Certainty = 'sure' | 'unsure' | 'missing';

export type ImportFinding = {
  /** Plain Chinese: what was recognised or what went wrong. */
  message: string;
  certainty: Certainty;
  /** Where in the source: a range of `source.lines` (1-based, inclusive). */
  lines?: { from: number; to: number };
  /** The value cell concerned (the first one of a grouped finding). */
  cell?: CellRef;
  /** Every cell of a finding that groups many cells doubtful for one reason. */
  cells?: CellRef[];
  /** The table row concerned (a finding about a whole row). */
  row?: { table: TableKey; row: string };
  /** The section (and part) concerned. */
  section?: string;
  part?: string;
  /** A machine-readable kind for the review screen (e.g. 'format2019', 'tablesMissing'). */
  kind?: string;
};

export type ImportResult = {
  report: Report;
  findings: ImportFinding[];
  source: { format: SourceFormat; text: string; lines: string[] };
};
