/** China's time zone: UTC+8 all year (no daylight saving time since 1991). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * A moment as Chinese users read it: 2026/1/20 09:05:00, 24-hour clock, Beijing time — the same
 * on a server page (whose clock may be UTC) and in every browser. Written out by hand:
 * `toLocaleString('zh-CN', { hour12: false })` gives 「24:05:00」 for five past midnight in
 * Chromium 86 (360安全浏览器 13).
 */
export function formatDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** 「2026/1/20 09:05:00 · 紫薇大道街道填报员」 — when something last changed, and by whom. */
export function changedAt(iso: string | null, by: string | null): string {
  if (!iso) return '—';
  return by ? `${formatDateTime(iso)} · ${by}` : formatDateTime(iso);
}
