/**
 * A moment as Chinese users read it: 2026/1/20 09:05:00, 24-hour clock, in the browser's time
 * zone. Written out by hand: `toLocaleString('zh-CN', { hour12: false })` gives 「24:05:00」 for
 * five past midnight in Chromium 86 (360安全浏览器 13), and the server and the browser must agree.
 */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** 「2026/1/20 09:05:00 · 紫薇大道街道填报员」 — when something last changed, and by whom. */
export function changedAt(iso: string | null, by: string | null): string {
  if (!iso) return '—';
  return by ? `${formatDateTime(iso)} · ${by}` : formatDateTime(iso);
}
