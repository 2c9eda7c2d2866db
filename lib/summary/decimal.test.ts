import { describe, expect, test } from 'vitest';
import { formatAmount, parseAmount } from './decimal';

describe('amounts in 0.0001 万元', () => {
  test('parses decimals exactly, with or without places', () => {
    expect(parseAmount('12.5')).toBe(125000n);
    expect(parseAmount('0.0001')).toBe(1n);
    expect(parseAmount('3')).toBe(30000n);
    expect(parseAmount('3.')).toBe(30000n);
    expect(parseAmount('.5')).toBe(5000n);
    expect(parseAmount('1.20000')).toBe(12000n); // trailing zeros beyond four places are harmless
    expect(parseAmount(0.1)).toBe(1000n);
    expect(parseAmount('-2.5')).toBe(-25000n);
    expect(parseAmount('999999999999.9999')).toBe(9999999999999999n); // beyond a double's exact integers
  });

  test('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1.23456', '1,5', '1e3', '--1', '1.2.3', null]) expect(parseAmount(bad)).toBeNull();
    expect(parseAmount(Number.NaN)).toBeNull();
    expect(parseAmount(1e-7)).toBeNull();
  });

  test('prints without trailing zeros', () => {
    expect(formatAmount(125000n)).toBe('12.5');
    expect(formatAmount(30000n)).toBe('3');
    expect(formatAmount(0n)).toBe('0');
    expect(formatAmount(1n)).toBe('0.0001');
    expect(formatAmount(-25000n)).toBe('-2.5');
    expect(formatAmount(-1n)).toBe('-0.0001');
  });

  test('0.1 + 0.2 is 0.3, unlike a float', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatAmount(parseAmount('0.1')! + parseAmount('0.2')!)).toBe('0.3');
  });
});
