import type { CellValue } from '../report/types';
import type { ValueType } from '../template/types';
import type { ValueTok } from './table-tokens';

/**
 * A printed value as a cell: counts become numbers, 万元 amounts stay the decimal string as
 * printed (never rounded through a float), a blank mark (—, /, 不适用) or an empty cell is null.
 */
export function cellValue(tok: ValueTok | null, valueType: ValueType): CellValue {
  if (!tok || tok.kind === 'blank') return null;
  if (valueType === 'amount') return tok.raw;
  return Number(tok.raw);
}
