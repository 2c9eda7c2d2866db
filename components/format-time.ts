/**
 * A moment as Chinese users read it: 2026/1/20 09:05:00, 24-hour clock, Beijing time — the
 * same on a server page (whose clock may be UTC) and in the browser.
 */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
}

/** 「2026/1/20 09:05:00 · 紫薇大道街道填报员」 — when something last changed, and by whom. */
export function changedAt(iso: string | null, by: string | null): string {
  if (!iso) return '—';
  return by ? `${formatDateTime(iso)} · ${by}` : formatDateTime(iso);
}
