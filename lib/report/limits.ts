/**
 * The facts about a report that several layers need — stated here once. (The labels and rules
 * of the format itself are data in templates/2021.)
 */

/** The first report year the 2021 format applies to (国办公开办函〔2021〕30号). */
export const FIRST_YEAR = 2021;
/** The last report year accepted anywhere: a bound, so that a typo is refused. */
export const LAST_YEAR = 2100;
/** The oldest year a report file may carry: older published reports (2019 trial format) still import. */
export const OLDEST_FILE_YEAR = 2000;

/**
 * The largest count a cell holds (件 of requests, documents, cases). Far above any agency's real
 * figures, far below 2^53: a sum over thousands of agencies stays exact. Drafts, submission, the
 * importer and the grid all use this bound.
 */
export const MAX_COUNT = 999_999_999;
/** Digits after the point a 万元 amount may carry: four, 1 元 precision (docs/design.md §2.2). */
export const AMOUNT_PLACES = 4;
/** Digits before the point: amounts stay below 10^9 万元, the same bound as counts. */
export const AMOUNT_INTEGER_DIGITS = 9;
/** An amount as stored: a non-negative decimal of 万元, below 10^9, with at most AMOUNT_PLACES places. */
export const AMOUNT_PATTERN = new RegExp(`^\\d{1,${AMOUNT_INTEGER_DIGITS}}(\\.\\d{1,${AMOUNT_PLACES}})?$`);

/**
 * The statutory publication deadline of a report on `year` (条例第四十九条: 1月31日 of the next
 * year), as YYYY-MM-DD; districts may set their own (report_deadlines).
 */
export function publicationDeadline(year: number): string {
  return `${year + 1}-01-31`;
}

/** The same deadline as printed in a message: 「2026 年 1 月 31 日」. */
export function publicationDeadlineText(year: number): string {
  const [y, m, d] = publicationDeadline(year).split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}
