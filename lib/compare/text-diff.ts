/**
 * A diff of two versions of a text part, shaped for showing insertions and deletions in
 * Chinese. Word diffs split on spaces, which Chinese does not have, so a rewritten sentence
 * would be one "word"; a pure character diff shreds numbers (120 → 98 becomes 1̶2̶0̶98). So the
 * tokens are: one Han character each, a run of Latin letters or digits, a run of spaces, a
 * newline, any other single character. jsdiff's `diffArrays` does the Myers diff over them.
 */
import { diffArrays } from 'diff';

export type DiffSegment = {
  kind: 'equal' | 'insert' | 'delete';
  text: string;
  /**
   * Set on the middle of a long unchanged run that the UI should fold («…»). The text is still
   * here, so the segments always reassemble both versions exactly and a fold can be opened.
   */
  collapsed?: boolean;
};

export type TextDiff = {
  segments: DiffSegment[];
  /** Characters inserted and deleted (UTF-16 code units, as the editor counts them). */
  inserted: number;
  deleted: number;
};

export type TextDiffOptions = {
  /** Characters of unchanged text kept visible on each side of a change. */
  context?: number;
};

const DEFAULT_CONTEXT = 20;
/**
 * Beyond this many token edits within one changed block the Myers diff gives up and the block
 * is shown as replaced: its cost grows with the square of the edits, and a part rewritten from
 * scratch (up to 20 000 characters) is better read as old text, then new.
 */
const MAX_EDITS = 2000;

const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}_])+|[^\S\n]+|\n|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Paragraphs with their newline kept, so that joining them gives the text back. */
function paragraphs(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The two versions of a text as segments: deletions before insertions in each change. */
export function diffText(before: string, after: string, options: TextDiffOptions = {}): TextDiff {
  const segments: DiffSegment[] = [];
  // Paragraphs first: an untouched paragraph is never matched piecemeal against an edited one,
  // and the token diff only runs on the blocks that changed.
  let removed = '';
  let added = '';
  const flush = () => {
    segments.push(...diffBlock(removed, added));
    removed = added = '';
  };
  for (const change of diffArrays(paragraphs(before), paragraphs(after))) {
    const text = change.value.join('');
    if (change.removed) removed += text;
    else if (change.added) added += text;
    else {
      flush();
      segments.push({ kind: 'equal', text });
    }
  }
  flush();
  const merged = normalise(segments);
  return {
    segments: collapseUnchanged(merged, options.context ?? DEFAULT_CONTEXT),
    inserted: merged.reduce((n, s) => n + (s.kind === 'insert' ? s.text.length : 0), 0),
    deleted: merged.reduce((n, s) => n + (s.kind === 'delete' ? s.text.length : 0), 0),
  };
}

/** One changed block: the token diff, cleaned of coincidental matches. */
function diffBlock(removed: string, added: string): DiffSegment[] {
  if (!removed || !added) {
    return [
      ...(removed ? [{ kind: 'delete' as const, text: removed }] : []),
      ...(added ? [{ kind: 'insert' as const, text: added }] : []),
    ];
  }
  const changes = diffArrays(tokenize(removed), tokenize(added), { maxEditLength: MAX_EDITS });
  if (!changes) return [{ kind: 'delete', text: removed }, { kind: 'insert', text: added }];
  const segments: DiffSegment[] = changes.map((c) => ({
    kind: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value.join(''),
  }));
  return absorbShortEqualities(normalise(segments));
}

/**
 * Drops matches that only happen by chance — a 的 or a comma shared by two different
 * sentences — so a rewritten clause reads as one deletion and one insertion instead of
 * confetti. diff-match-patch's semantic cleanup drops an unchanged run no longer than the
 * changes on both sides; in Chinese that also swallows kept two-character words (答复, 申请),
 * so here only a single unchanged character goes, and only when the changes on both sides of
 * it are longer.
 */
function absorbShortEqualities(segments: DiffSegment[]): DiffSegment[] {
  let current = segments;
  // After normalise() a run of changes is at most a deletion and an insertion, so the size of
  // the change on either side of an equality is read off its two neighbours. Each pass absorbs
  // every qualifying equality at once (linear), and absorbing can make its neighbours qualify.
  for (;;) {
    const sizeOfRun = (i: number, step: 1 | -1) => {
      let del = 0;
      let ins = 0;
      for (let j = i; j >= 0 && j < current.length && current[j].kind !== 'equal'; j += step) {
        if (current[j].kind === 'delete') del += current[j].text.length;
        else ins += current[j].text.length;
      }
      return Math.max(del, ins);
    };
    let absorbed = false;
    const next = current.flatMap((s, i): DiffSegment[] => {
      if (s.kind !== 'equal' || i === 0 || i === current.length - 1) return [s];
      const len = s.text.length;
      if (Array.from(s.text).length > 1 || len >= sizeOfRun(i - 1, -1) || len >= sizeOfRun(i + 1, 1)) return [s];
      absorbed = true;
      return [
        { kind: 'delete', text: s.text },
        { kind: 'insert', text: s.text },
      ];
    });
    if (!absorbed) return current;
    current = normalise(next);
  }
}

/**
 * Merges neighbours of the same kind and puts, within each run of changes, all deletions
 * before all insertions. Both versions still reassemble: the old text is the equal and deleted
 * segments in order, the new text the equal and inserted ones.
 */
function normalise(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let del = '';
  let ins = '';
  const flushChange = () => {
    if (del) out.push({ kind: 'delete', text: del });
    if (ins) out.push({ kind: 'insert', text: ins });
    del = ins = '';
  };
  for (const s of segments) {
    if (!s.text) continue;
    if (s.kind === 'delete') del += s.text;
    else if (s.kind === 'insert') ins += s.text;
    else {
      flushChange();
      const last = out[out.length - 1];
      if (last?.kind === 'equal') last.text += s.text;
      else out.push({ kind: 'equal', text: s.text });
    }
  }
  flushChange();
  return out;
}

/** Splits long unchanged runs into visible context and a folded middle. */
function collapseUnchanged(segments: DiffSegment[], context: number): DiffSegment[] {
  const out: DiffSegment[] = [];
  segments.forEach((s, i) => {
    const head = i > 0 ? context : 0; // context after the previous change
    const tail = i < segments.length - 1 ? context : 0; // context before the next change
    // Fold only what saves space: a fold shorter than the context is just noise.
    if (s.kind !== 'equal' || s.text.length <= head + tail + context) {
      out.push(s);
      return;
    }
    const chars = Array.from(s.text); // never split a surrogate pair
    const parts: DiffSegment[] = [
      { kind: 'equal', text: chars.slice(0, head).join('') },
      { kind: 'equal', text: chars.slice(head, chars.length - tail).join(''), collapsed: true },
      { kind: 'equal', text: chars.slice(chars.length - tail).join('') },
    ];
    out.push(...parts.filter((p) => p.text));
  });
  return out;
}

/** The old version, from the segments. */
export function beforeText(segments: DiffSegment[]): string {
  return segments.filter((s) => s.kind !== 'insert').map((s) => s.text).join('');
}

/** The new version, from the segments. */
export function afterText(segments: DiffSegment[]): string {
  return segments.filter((s) => s.kind !== 'delete').map((s) => s.text).join('');
}
