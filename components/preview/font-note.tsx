'use client';

/** What the server told us about the fonts that print the report (lib/render/fonts). */
export type FontUse = { role: string; roleName: string; official: string; used: string; isSubstitute: boolean; fallback: string[] };

/** Which fonts print the report, and a warning for every role that fell back to a substitute. */
export function FontNote({ fonts }: { fonts: FontUse[] }) {
  const substitutes = fonts.filter((f) => f.isSubstitute);
  const fallback = fonts.filter((f) => f.fallback.length > 0);
  return (
    <span className="fonts" data-testid="font-note">
      排版字体：{fonts.map((f) => `${f.roleName} ${f.used}`).join('，')}。
      {substitutes.length > 0 && (
        <span className="warn">
          {' '}
          本机未安装 {[...new Set(substitutes.map((f) => f.official))].join('、')}，已用开源字体代替；可将单位已授权的字体放入 FONT_DIR 目录。
        </span>
      )}
      {fallback.map((f) => (
        <span key={f.role} className="warn">
          {' '}
          {f.roleName}中的「{f.fallback.join('')}」由后备字体排印。
        </span>
      ))}
    </span>
  );
}
