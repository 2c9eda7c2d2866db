/**
 * Bounds on what the importer accepts. A real report is 5–40 pages: a PDF of 0.2–5 MB, a DOCX
 * of 20–500 KB, some 10–40 KB of text. Far larger input is not a report, and the bounds keep
 * every parse within a few seconds (a hostile file cannot make the server work for minutes).
 */
export const IMPORT_LIMITS = {
  /** Largest upload, any type. */
  maxBytes: 20 * 1024 * 1024,
  /** Text handed to the parser, after reading (characters). */
  maxTextChars: 2 * 1024 * 1024,
  maxLines: 40_000,
  maxPdfPages: 200,
  /** Uncompressed size of word/document.xml. */
  maxDocxXmlBytes: 30 * 1024 * 1024,
  /** Whole import, reading included. */
  timeoutMs: 15_000,
} as const;
