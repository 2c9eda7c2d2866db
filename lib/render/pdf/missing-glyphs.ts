/**
 * Characters no font of ours can draw — an emoji a clerk pasted (😀), a rare character outside
 * the fonts' repertoire (𠮷) — would be set by react-pdf in Helvetica, a standard-14 font it does
 * not embed: the final copy then fails its PDF/A check and an approved report has no PDF at all.
 * Before the PDF is laid out each such character is set as 〓 (U+3013, the 「缺字」 mark of
 * Chinese typesetting), and an invisible joiner or variation selector is dropped; the DOCX and
 * the web page keep the text as typed (Word and browsers have fallback fonts).
 */
import * as fontkit from 'fontkit';
import type { FontkitFont } from 'fontkit';
import type { FontFace } from '../fonts';

/** What a character no font of ours has is printed as. */
export const MISSING_GLYPH = '〓';

const opened = new Map<string, FontkitFont>();
const fontOf = (f: FontFace): FontkitFont => {
  const key = `${f.file}#${f.postscriptName ?? ''}`;
  let font = opened.get(key);
  if (!font) {
    // ESM or CommonJS, as lib/render/fonts.ts opens it.
    font = (fontkit.openSync ?? fontkit.default.openSync)(f.file, f.postscriptName);
    opened.set(key, font);
  }
  return font;
};

/** Marks and format characters (variation selectors, ZWJ): nothing to draw on their own. */
const INVISIBLE = /^[\p{M}\p{Cf}]$/u;

/** A role's fonts: the first, then its fallbacks (react-pdf takes a glyph from the first that has it). */
export type RoleFaces = readonly (readonly FontFace[])[];

/** What is known of each font setup (a process renders with one; tests try several). */
const knownBySetup = new Map<string, Map<number, boolean>>();
/** Whether every role can draw the code point with one of its fonts. */
function drawableEverywhere(cp: number, roles: RoleFaces): boolean {
  const setup = roles.map((faces) => faces.map((f) => f.file).join('|')).join('\n');
  let known = knownBySetup.get(setup);
  if (!known) knownBySetup.set(setup, (known = new Map()));
  let ok = known.get(cp);
  if (ok === undefined) {
    ok = roles.every((faces) => faces.some((f) => fontOf(f).hasGlyphForCodePoint(cp)));
    known.set(cp, ok);
  }
  return ok;
}

/**
 * `text` with every character some role cannot draw replaced. ASCII and whitespace are left
 * alone: every face has them, and a newline has no glyph by design.
 */
export function withDrawableText(text: string, roles: RoleFaces): string {
  let out = '';
  let changed = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || /\s/u.test(ch) || drawableEverywhere(cp, roles)) out += ch;
    else {
      changed = true;
      if (!INVISIBLE.test(ch)) out += MISSING_GLYPH;
    }
  }
  return changed ? out : text;
}

/** Every string of a value (a document tree, a print) passed through `withDrawableText`. */
export function drawable<T>(value: T, roles: RoleFaces): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return withDrawableText(v, roles);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
