import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-time';

describe('formatDateTime', () => {
  it('writes 2026/1/20 09:05:00 on a 24-hour clock that starts at 00 (Chromium 86 wrote 24:05:00)', () => {
    const at = (h: number, m: number, s: number) => new Date(2026, 0, 20, h, m, s).toISOString();
    expect(formatDateTime(at(9, 5, 0))).toBe('2026/1/20 09:05:00');
    expect(formatDateTime(at(0, 5, 7))).toBe('2026/1/20 00:05:07');
    expect(formatDateTime(at(23, 59, 59))).toBe('2026/1/20 23:59:59');
    // What the platform's own formatting gives where it is right (Node): the same string.
    expect(formatDateTime(at(0, 5, 7))).toBe(new Date(at(0, 5, 7)).toLocaleString('zh-CN', { hourCycle: 'h23' }));
  });
});
