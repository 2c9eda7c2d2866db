/**
 * Line breaking for Chinese in react-pdf. Its line breaker only breaks at spaces and at the
 * syllables a hyphenation callback returns, and it draws a hyphen at a syllable break. So we
 * return every CJK character as its own syllable with an empty string between syllables: an
 * empty syllable becomes zero-width glue, a break point without a hyphen (textkit getNodes).
 *
 * 避头尾 (GB/T 15834 practice): no break before closing punctuation, none after opening
 * punctuation; a run of ——/…… stays whole; Latin letters and digits stay together (2024, 3.5).
 *
 * Spaces: textkit splits words at ASCII spaces and makes each space stretchable glue, the only
 * stretchable thing in Chinese text, so its Knuth–Plass breaker would break at a stray space
 * (「持 续」, pasted from a PDF) and stretch it across half a line. `keepSpaces` turns spaces into
 * no-break spaces before layout; here a no-break space sticks to what precedes it, so it is
 * never glue, and lines break between characters as in text without spaces.
 */
export const NO_BREAK_SPACE = '\u00a0';

/** Text as laid out: every space a no-break space (see above). Extracted text reads it as a space. */
export function keepSpaces(text: string): string {
  return text.replaceAll(' ', NO_BREAK_SPACE);
}

export const CLOSING = '，。、；：？！）」》』】〕〉”’…—·％%‰,.;:?!)]}';
export const OPENING = '（「《『【〔〈“‘([{';

// Sets and char codes: this runs for every word of every text on every render.
const CLOSING_SET = new Set(CLOSING);
const OPENING_SET = new Set(OPENING);

function isAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

function canBreakBetween(prev: string, next: string): boolean {
  if (CLOSING_SET.has(next) || OPENING_SET.has(prev) || next === NO_BREAK_SPACE) return false;
  if (isAlnum(prev) && isAlnum(next)) return false;
  // Keep a decimal together: 1.属于 may break after the dot, 3.5 may not.
  if (prev === '.' && next >= '0' && next <= '9') return false;
  return true;
}

/** Splits one space-free "word" into unbreakable pieces joined by empty-string break points. */
export function cjkHyphenation(word: string): string[] {
  if (word.length <= 1) return [word];
  const chars = Array.from(word);
  if (chars.length <= 1) return [word];
  const parts: string[] = [];
  let unit = chars[0];
  for (let i = 1; i < chars.length; i++) {
    // A unit of spaces alone would be glue again: it joins what follows.
    if (canBreakBetween(chars[i - 1], chars[i]) && unit.trim() !== '') {
      parts.push(unit, '');
      unit = chars[i];
    } else unit += chars[i];
  }
  parts.push(unit);
  return parts;
}
