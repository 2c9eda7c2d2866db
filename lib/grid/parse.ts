import type { ValueType } from '../template/types';
import type { CellValue } from '../report/types';
import { AMOUNT_INTEGER_DIGITS, AMOUNT_PATTERN, MAX_COUNT } from '../report/limits';

export type ParsedCell = { ok: true; value: CellValue } | { ok: false; message: string };

/** Full-width digits and decimal points (a Chinese IME's) as ASCII, so the cell shows what it stores. */
export function toHalfWidth(raw: string): string {
  return raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[．。]/g, '.');
}

/**
 * Turns what a clerk typed or pasted into a cell value. Full-width digits (IME input),
 * thousands separators and surrounding spaces are accepted; an empty input is a blank cell
 * (null), never 0. Anything else is refused with a message that says what is expected.
 */
export function parseCellInput(raw: string, valueType: ValueType): ParsedCell {
  const text = toHalfWidth(raw).replace(/[\s,，]/g, '');
  if (text === '') return { ok: true, value: null };
  if (valueType === 'count') {
    if (/^-/.test(text) || /^－/.test(text)) return { ok: false, message: '不能填负数' };
    if (!/^\d+$/.test(text)) return { ok: false, message: '只能填写不小于 0 的整数' };
    const n = Number(text);
    if (n > MAX_COUNT) return { ok: false, message: `数字过大（最大 ${MAX_COUNT}）` };
    return { ok: true, value: n };
  }
  if (/^-/.test(text)) return { ok: false, message: '金额不能为负数' };
  if (!AMOUNT_PATTERN.test(text)) return { ok: false, message: `请填写金额（万元），最多 ${AMOUNT_INTEGER_DIGITS} 位整数、4 位小数` };
  // Keep the decimal as typed (minus leading zeros) so it prints exactly as entered.
  return { ok: true, value: text.replace(/^0+(?=\d)/, '') };
}

/**
 * A block copied from Excel or WPS: rows separated by newlines, cells by tabs. A trailing
 * newline (Excel always adds one) does not make an extra row.
 */
export function parsePasteBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t'));
}

/** True when a paste is a block (several cells) rather than a single value. */
export function isBlockPaste(text: string): boolean {
  return /\t/.test(text) || /\n./.test(text.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
}

/** How a stored value is shown in an input. */
export function formatCellValue(v: CellValue): string {
  return v === null ? '' : String(v);
}
