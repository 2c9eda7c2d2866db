/**
 * Exact arithmetic on 万元 amounts. Reports print up to four decimals (1 元 precision), so an
 * amount is held as a whole number of 0.0001 万元 in a BigInt: 0.1 + 0.2 is 0.3, and a district
 * of thousands of agencies sums without a float ever rounding a 元 away.
 */

import { AMOUNT_PLACES } from '../report/limits';

const SCALE = 10n ** BigInt(AMOUNT_PLACES);

// Sign allowed so that a wrong negative amount is summed and then flagged by R5 on the sum,
// rather than silently dropped.
const DECIMAL = /^\s*([+-]?)(\d+)(?:\.(\d*))?\s*$|^\s*([+-]?)\.(\d+)\s*$/;

/**
 * An amount as units of 0.0001 万元, or null when it is blank or not a decimal with at most
 * four places. Numbers are accepted because the draft schema lets a JSON import store one.
 */
export function parseAmount(value: string | number | null): bigint | null {
  if (value === null) return null;
  // String(n) of a float like 0.1 is "0.1"; a value needing an exponent has too many places anyway.
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const sign = m[1] ?? m[4] ?? '';
  const whole = m[2] ?? '0';
  const frac = (m[3] ?? m[5] ?? '').replace(/0+$/, '');
  if (frac.length > AMOUNT_PLACES) return null;
  const units = BigInt(whole) * SCALE + BigInt(frac.padEnd(AMOUNT_PLACES, '0') || '0');
  return sign === '-' ? -units : units;
}

/** Units of 0.0001 万元 printed as a decimal without trailing zeros: 12.5, 3, 0, -0.0001. */
export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = (abs / SCALE).toString();
  const frac = (abs % SCALE).toString().padStart(AMOUNT_PLACES, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
