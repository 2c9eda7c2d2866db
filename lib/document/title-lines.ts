import { chineseWords, type WordSegmenter } from './segment';

/**
 * Breaking a title into balanced lines. GB/T 9704 asks that a title which wraps keeps words
 * whole and its lines symmetrical (「回行时，要做到词意完整，排列对称」). Seed 002 shows what
 * happens otherwise: 「…工作年」/「度报告」. We break only between words and pick, among the
 * fewest lines that fit, the most even split; the boundaries between agency name, year and
 * the fixed suffix are preferred over breaks inside them.
 */

/** Width of a string in full-width character units (ASCII is half a character). */
export function textUnits(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

type Break = { at: number; penalty: number };


/**
 * Words that end the name of an administrative unit: a break right after one keeps a unit
 * whole (「某某区人民政府」/「某某街道办事处」), so it costs least.
 */
const UNIT_ENDINGS = ['省', '市', '区', '县', '州', '盟', '旗', '镇', '乡', '政府', '办事处', '委员会', '局', '厅', '办公室'];
/** Names the dictionary splits (办事|处, 委员|会) that must not be broken anywhere inside. */
const UNBREAKABLE = ['街道办事处', '人民政府', '管理委员会', '委员会', '办事处', '办公室'];

function insideUnbreakable(s: string, at: number): boolean {
  return UNBREAKABLE.some((w) => {
    for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + 1)) if (at > i && at < i + w.length) return true;
    return false;
  });
}

/** Candidate break positions (string offsets) inside one segment, by dictionary words. */
function wordBreaks(segment: string, offset: number, segmentWords: WordSegmenter): Break[] {
  const out: Break[] = [];
  const words = segmentWords(segment);
  let at = 0;
  for (let i = 0; i < words.length - 1; i++) {
    at += words[i].length;
    const before = segment.slice(0, at);
    if (insideUnbreakable(segment, at)) continue;
    // A single character on either side is usually part of a longer name the dictionary
    // missed (卫|滨|区); breaking there is allowed but costs most.
    const short = words[i].length === 1 || words[i + 1].length === 1;
    const unit = UNIT_ENDINGS.some((u) => before.endsWith(u));
    out.push({ at: offset + at, penalty: unit ? 1 : short ? 8 : 4 });
  }
  return out;
}

/**
 * @param segments the title in meaningful pieces (agency name, 「2024年」, suffix), joined = title
 * @param maxUnits how many full-width characters fit on one line
 * @param segmentWords the word segmenter (the platform's, or the dictionary of segment.ts)
 */
export function breakTitle(segments: string[], maxUnits: number, segmentWords: WordSegmenter = chineseWords): string[] {
  const title = segments.join('');
  if (textUnits(title) <= maxUnits) return [title];
  const breaks: Break[] = [];
  let offset = 0;
  segments.forEach((seg, i) => {
    breaks.push(...wordBreaks(seg, offset, segmentWords));
    offset += seg.length;
    if (i < segments.length - 1) breaks.push({ at: offset, penalty: 0 });
  });
  const minLines = Math.ceil(textUnits(title) / maxUnits);
  // One more line than strictly needed is allowed when it gives much better breaks.
  let best: { score: number; parts: string[] } | null = null;
  for (let lines = minLines; lines <= minLines + 2; lines++) {
    const found = bestSplit(title, breaks, lines, maxUnits);
    if (found && (!best || found.score + 3 * (lines - minLines) < best.score)) {
      best = { score: found.score + 3 * (lines - minLines), parts: found.parts };
    }
    if (best && lines > minLines) break;
  }
  if (best) return best.parts;
  // No word boundary makes it fit (an absurdly long agency name): fall back to hard chunks.
  const out: string[] = [];
  let line = '';
  for (const ch of title) {
    if (textUnits(line + ch) > maxUnits) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  return [...out, line];
}

type Split = { score: number; parts: string[] };

function bestSplit(title: string, breaks: Break[], lines: number, maxUnits: number): Split | null {
  let best: Split | null = null;
  const choose = (from: number, start: number, chosen: Break[]) => {
    if (chosen.length === lines - 1) {
      const cuts = [0, ...chosen.map((b) => b.at), title.length];
      const parts = cuts.slice(1).map((end, i) => title.slice(cuts[i], end));
      const widths = parts.map(textUnits);
      if (widths.some((w) => w > maxUnits)) return;
      const spread = Math.max(...widths) - Math.min(...widths);
      // Prefer a longer line on top (a 梯形 title) when two splits are equally even.
      const shape = widths[0] >= widths[widths.length - 1] ? 0 : 0.5;
      const score = spread + 1.5 * chosen.reduce((s, b) => s + b.penalty, 0) + shape;
      if (!best || score < best.score) best = { score, parts };
      return;
    }
    for (let i = from; i < breaks.length; i++) {
      if (breaks[i].at <= start) continue;
      choose(i + 1, breaks[i].at, [...chosen, breaks[i]]);
    }
  };
  choose(0, 0, []);
  return best as Split | null;
}
