/**
 * A saved version as people name it: 「第 3 版（2026年12月2日 16:40 · 紫薇大道街道填报员）」.
 * Times are China time whatever the server's zone.
 */
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function versionLabel(v: { version: number; savedAt: Date | string; savedByName: string | null }): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(v.savedAt)).map((p) => [p.type, p.value]));
  const when = `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
  return `第 ${v.version} 版（${v.savedByName ? `${when} · ${v.savedByName}` : when}）`;
}
