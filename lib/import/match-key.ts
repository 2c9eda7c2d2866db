/**
 * Keys for comparing labels and headings as printed against the template. Real reports vary
 * in ways that carry no meaning: full- and half-width brackets and digits, spaces (PDF
 * extraction puts them between Latin and CJK and inside broken words), 「1、」 for 「1.」, the
 * kind of quotation marks, a trailing colon. The key erases exactly those differences.
 */
export function matchKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[【〔［\[]/g, '(')
    .replace(/[】〕］\]]/g, ')')
    .replace(/(\d)[、,]/g, '$1.')
    .replace(/[．。]$/, '')
    .replace(/[:：]+$/, '');
}

/** The label without its leading number (一、 （一） 1. …): what it means, not where it sits. */
export function labelCore(s: string): string {
  return matchKey(s).replace(/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+\.)/, '');
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]/;

/** Visual width in full-width characters: CJK 1, Latin ½ (for telling full lines from short). */
export function visualWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += CJK.test(ch) ? 1 : 0.5;
  return w;
}

/** Chinese numerals 一…十九 to numbers (heading and part numbers). */
export function chineseNumeral(s: string): number | null {
  const digits = '一二三四五六七八九';
  if (s === '十') return 10;
  if (/^[一二三四五六七八九]$/.test(s)) return digits.indexOf(s) + 1;
  const m = /^十([一二三四五六七八九])$/.exec(s);
  if (m) return 10 + digits.indexOf(m[1]) + 1;
  return null;
}
