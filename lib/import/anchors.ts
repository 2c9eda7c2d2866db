/**
 * Step 4b: find the labels of a table (its rows, and the group labels between them) in order
 * in the text projection. Each anchor is searched by its exact label, then by its variants
 * (template data, design §1.4), then by its meaning without the number (「属于国家秘密」 when the
 * number was printed 「（1）」). A match is accepted only if it comes before the next anchors'
 * exact matches, so a label missing from the source cannot make the search jump ahead and
 * swallow the rows after it.
 */
import { labelCore, matchKey } from './match-key';
import type { Projection } from './table-tokens';

export type Anchor = { key?: string; label: string; variants?: string[]; /** Only the exact label (short, ambiguous cores like 其他). */ exactOnly?: boolean };
export type AnchorHit = {
  anchor: Anchor;
  at: number;
  end: number;
  how: 'exact' | 'variant' | 'core' | 'numbered';
  /** Where the match first stepped over foreign text: the next labels are searched from here. */
  resume?: number;
};

function candidates(a: Anchor): { key: string; how: AnchorHit['how'] }[] {
  const out: { key: string; how: AnchorHit['how'] }[] = [{ key: matchKey(a.label), how: 'exact' }];
  for (const v of a.variants ?? []) out.push({ key: matchKey(v), how: 'variant' });
  const core = labelCore(a.label);
  if (!a.exactOnly && core.length >= 3 && core !== out[0].key) out.push({ key: core, how: 'core' });
  for (const v of a.variants ?? []) {
    const c = labelCore(v);
    if (!a.exactOnly && c.length >= 3 && !out.some((o) => o.key === c)) out.push({ key: c, how: 'core' });
  }
  return out;
}

/**
 * Where `key` starts at `s`, allowing whole foreign tokens inside it: in a PDF a vertically
 * centred group label (「（六）其他处理」 printed as 「（六）其他」/「处理」) lands between the wrapped
 * lines of a row label. Returns the end offset, or -1.
 */
function walk(p: Projection, key: string, s: number): { end: number; firstSkip: number } | null {
  let i = s;
  let k = 0;
  let skips = 0;
  let firstSkip = -1;
  while (k < key.length) {
    if (i < p.text.length && p.text[i] === key[k]) {
      i++;
      k++;
      continue;
    }
    if (i >= p.text.length || i === s || p.tokAt[i] === p.tokAt[i - 1] || ++skips > 3) return null;
    const t = p.tokAt[i];
    let j = i;
    while (j < p.text.length && p.tokAt[j] === t) j++;
    // A piece of a group label printed down its narrow column can also come glued to the front
    // of the label's next line (「理结果（区分处理的，」): skip those few characters, not the line.
    let glued = -1;
    if (!(j < p.text.length && p.text[j] === key[k]))
      for (let c = 1; c <= 3 && i + c < j; c++)
        if (p.text.startsWith(key.slice(k, k + 2), i + c)) {
          glued = i + c;
          break;
        }
    if (glued < 0 && j - i > 8) return null;
    if (firstSkip < 0) firstSkip = i;
    i = glued >= 0 ? glued : j;
  }
  return { end: i, firstSkip: firstSkip < 0 ? i : firstSkip };
}

/**
 * First match of `key` in [from, before): exact if there is one, else one with foreign tokens
 * inside. `resume` is where the next labels are searched from: the end of an exact match, the
 * first foreign token of a loose one — a group label printed down a narrow column
 * (「三、本年」「度办理结」「果」) has its rows' labels (「（一）予以公开」) between its pieces.
 */
export function findLoose(p: Projection, key: string, from: number, before: number): { at: number; end: number; resume: number } | null {
  const at = p.text.indexOf(key, from);
  if (at >= 0 && at < before) return { at, end: at + key.length, resume: at + key.length };
  if (key.length < 4) return null;
  const head = key.slice(0, 2);
  for (let s = p.text.indexOf(head, from); s >= 0 && s < before; s = p.text.indexOf(head, s + 1)) {
    const m = walk(p, key, s);
    if (m) return { at: s, end: m.end, resume: m.firstSkip };
  }
  return null;
}

function firstHit(p: Projection, a: Anchor, from: number, before: number): AnchorHit | null {
  for (const c of candidates(a)) {
    const m = findLoose(p, c.key, from, before);
    // Candidates are in order of preference: the first that matches wins.
    if (m) return { anchor: a, at: m.at, end: m.end, how: c.how, resume: m.resume };
  }
  return null;
}

/** Length of the longest common subsequence of a and b (short strings: labels). */
function lcs(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const ch of a) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) cur[j] = ch === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Last resort for a numbered label (「2.」「（三）」) printed with characters missing or out of
 * order (a WPS PDF prints 「2.其他法律行政止公开」): its number, then most of its meaning in order
 * (≥ 60 % of the characters, the first two exact), between the neighbouring labels. The row is
 * then reported as found by number and position, never as sure as an exact label.
 */
function numberedHit(p: Projection, a: Anchor, from: number, before: number): AnchorHit | null {
  if (a.exactOnly) return null;
  const key = matchKey(a.label);
  const core = labelCore(a.label);
  const num = key.slice(0, key.length - core.length);
  if (!num || core.length < 4) return null;
  for (let s = p.text.indexOf(num + core.slice(0, 2), from); s >= 0 && s < before; s = p.text.indexOf(num + core.slice(0, 2), s + 1)) {
    const start = s + num.length;
    const window = p.text.slice(start, Math.min(before, start + core.length + 2));
    // The window ends where the next numbered label starts.
    const cut = window.slice(2).search(/\d+\.|\([一二三四五六七八九十]+\)/);
    const w = cut >= 0 ? window.slice(0, cut + 2) : window;
    if (lcs(core, w) >= Math.ceil(core.length * 0.6)) return { anchor: a, at: s, end: start + w.length, how: 'numbered' };
  }
  return null;
}

export function findAnchors(p: Projection, anchors: Anchor[]): (AnchorHit | null)[] {
  const hits: (AnchorHit | null)[] = [];
  let cursor = 0;
  for (let i = 0; i < anchors.length; i++) {
    // The next two anchors' exact positions bound this one's search.
    let before = p.text.length + 1;
    for (let j = i + 1; j <= Math.min(i + 2, anchors.length - 1); j++) {
      const at = p.text.indexOf(matchKey(anchors[j].label), cursor);
      if (at >= 0) before = Math.min(before, at);
    }
    const hit = firstHit(p, anchors[i], cursor, before) ?? numberedHit(p, anchors[i], cursor, before);
    hits.push(hit);
    if (hit) cursor = hit.resume ?? hit.end;
  }
  return hits;
}
