import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-time';

describe('formatDateTime', () => {
  // Moments given in Beijing time (UTC+8), whatever the machine's zone.
  const at = (h: number, m: number, s: number) => new Date(Date.UTC(2026, 0, 20, h - 8, m, s)).toISOString();

  it('writes 2026/1/20 09:05:00 on a 24-hour clock that starts at 00 (Chromium 86 wrote 24:05:00)', () => {
    expect(formatDateTime(at(9, 5, 0))).toBe('2026/1/20 09:05:00');
    expect(formatDateTime(at(0, 5, 7))).toBe('2026/1/20 00:05:07');
    expect(formatDateTime(at(23, 59, 59))).toBe('2026/1/20 23:59:59');
    // What the platform's own formatting gives in Beijing where it is right (Node): the same string.
    expect(formatDateTime(at(0, 5, 7))).toBe(new Date(at(0, 5, 7)).toLocaleString('zh-CN', { hourCycle: 'h23', timeZone: 'Asia/Shanghai' }));
  });

  it('is Beijing time on a server whose clock is UTC: 20:30 UTC is the next morning', () => {
    expect(formatDateTime('2026-01-20T20:30:00Z')).toBe('2026/1/21 04:30:00');
  });
});
