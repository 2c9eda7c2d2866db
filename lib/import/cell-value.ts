import type { CellValue } from '../report/types';
import { MAX_COUNT } from '../report/limits';
import type { ValueType } from '../template/types';
import type { ValueTok } from './table-tokens';

/**
 * A printed value as a cell: counts become numbers, 万元 amounts stay the decimal string as
 * printed (never rounded through a float), a blank mark (—, /, 不适用) or an empty cell is null.
 */
export function cellValue(tok: ValueTok | null, valueType: ValueType): CellValue {
  if (!tok || tok.kind === 'blank') return null;
  if (valueType === 'amount') return tok.raw;
  // A count beyond what a report may hold (a run of digits merged from two cells, a misread)
  // is left blank for the user to fill in, rather than stored rounded.
  const n = Number(tok.raw.replace(/,/g, ''));
  return Number.isFinite(n) && Math.abs(n) <= MAX_COUNT ? n : null;
}
