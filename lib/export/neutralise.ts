/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet treats a cell that starts with
 * = + - @ (or a tab or carriage return before one) as a formula, so an agency name or a
 * comment like =HYPERLINK("http://evil","点此") becomes a live link or worse when a reviewer
 * opens the export. Such text is prefixed with a single quote, which Excel and WPS read as
 * "this is text" and which shows the reader that the value was neutralised.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

// A plain negative number (−3, −0.5) is data, not a formula, and must stay a number when the
// CSV is opened: prefixing it would turn a difference column into text.
const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

export function isFormulaLike(text: string): boolean {
  return text.length > 0 && TRIGGERS.has(text[0]) && !PLAIN_NEGATIVE_NUMBER.test(text);
}

/** The text as a spreadsheet may show it: unchanged, or with a leading `'` when formula-like. */
export function neutralise(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
