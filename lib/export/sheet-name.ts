/**
 * Sheet names Excel accepts, made from any caller's title (an agency name can be anything):
 * at most 31 characters, none of : \ / ? * [ ], no quote at either end, not the reserved
 * History, unique without regard to case. exceljs throws on the first four rather than fix them.
 */
const MAX_LENGTH = 31;

export function sheetNames(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title, i) => {
    let base = title
      .replace(/[\u0000-\u001F]/g, ' ')
      .replace(/[:\\/?*[\]]/g, '_')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    if (!base || base.toLowerCase() === 'history') base = base ? `${base}_` : `Sheet${i + 1}`;
    base = truncate(base, MAX_LENGTH);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = truncate(base, MAX_LENGTH - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Cuts to a length in UTF-16 units (what Excel counts) without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/'+$/, '');
}
