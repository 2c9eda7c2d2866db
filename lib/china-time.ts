/**
 * Days and times as Chinese users read them: Beijing time (UTC+8 all year, no daylight saving
 * time since 1991), the same on a server whose clock is UTC and in every browser. No Intl: old
 * kernels (Chromium 86) format 00:21 as 「24:21」.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The day in Beijing at `at`, as YYYY-MM-DD (an approval's default publication date). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 「2026年12月7日 22:41（北京时间）」: when a package was made, as its readers tell time. */
export function beijingTime(at: Date): string {
  const d = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}（北京时间）`;
}
