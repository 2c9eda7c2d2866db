import { describe, expect, test } from 'vitest';
import { rng } from '../../test/support/generate';
import { afterText, beforeText, diffText, tokenize, type DiffSegment } from './text-diff';

const plain = (segments: DiffSegment[]) => segments.map(({ kind, text }) => ({ kind, text }));

describe('tokenize', () => {
  test('Han characters one by one, Latin words and numbers whole, every character kept', () => {
    const text = '2024年共收到申请120件，GDP增长 3.5%\n第二段';
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens).toEqual(['2024', '年', '共', '收', '到', '申', '请', '120', '件', '，', 'GDP', '增', '长', ' ', '3', '.', '5', '%', '\n', '第', '二', '段']);
  });
});

describe('diffText', () => {
  test('an insertion and a changed number in a Chinese sentence', () => {
    const d = diffText('本年度共收到申请12件。', '本年度共收到政府信息公开申请15件。');
    expect(plain(d.segments)).toEqual([
      { kind: 'equal', text: '本年度共收到' },
      { kind: 'insert', text: '政府信息公开' },
      { kind: 'equal', text: '申请' },
      { kind: 'delete', text: '12' },
      { kind: 'insert', text: '15' },
      { kind: 'equal', text: '件。' },
    ]);
    expect(d.inserted).toBe(8);
    expect(d.deleted).toBe(2);
  });

  test('a number is replaced whole, not shredded digit by digit', () => {
    expect(plain(diffText('共120件', '共98件').segments)).toEqual([
      { kind: 'equal', text: '共' },
      { kind: 'delete', text: '120' },
      { kind: 'insert', text: '98' },
      { kind: 'equal', text: '件' },
    ]);
  });

  test('a rewritten clause reads as one deletion and one insertion, not confetti', () => {
    // 了 and 的 are common to both by chance only.
    expect(plain(diffText('我们加强了平台的建设。', '今年完善了制度的落实。').segments)).toEqual([
      { kind: 'delete', text: '我们加强了平台的建设' },
      { kind: 'insert', text: '今年完善了制度的落实' },
      { kind: 'equal', text: '。' },
    ]);
  });

  test('untouched paragraphs stay whole; only the edited one is diffed', () => {
    const before = '第一段不变。\n第二段原来的文字。\n第三段也不变。';
    const after = '第一段不变。\n第二段修改后的文字。\n第三段也不变。';
    expect(plain(diffText(before, after, { context: 100 }).segments)).toEqual([
      { kind: 'equal', text: '第一段不变。\n第二段' },
      { kind: 'delete', text: '原来' },
      { kind: 'insert', text: '修改后' },
      { kind: 'equal', text: '的文字。\n第三段也不变。' },
    ]);
  });

  test('added and removed paragraphs', () => {
    expect(plain(diffText('甲。', '甲。\n乙。').segments)).toEqual([
      { kind: 'equal', text: '甲。' },
      { kind: 'insert', text: '\n乙。' },
    ]);
    expect(plain(diffText('甲。\n乙。\n丙。', '甲。\n丙。').segments)).toEqual([
      { kind: 'equal', text: '甲。\n' },
      { kind: 'delete', text: '乙。\n' },
      { kind: 'equal', text: '丙。' },
    ]);
    expect(plain(diffText('', '新写的一段。').segments)).toEqual([{ kind: 'insert', text: '新写的一段。' }]);
    expect(plain(diffText('删掉的一段。', '').segments)).toEqual([{ kind: 'delete', text: '删掉的一段。' }]);
    expect(diffText('', '').segments).toEqual([]);
  });

  test('long unchanged runs are folded, keeping the context around the change', () => {
    const head = '甲'.repeat(100);
    const tail = '乙'.repeat(100);
    const d = diffText(`${head}旧${tail}`, `${head}新${tail}`, { context: 10 });
    expect(d.segments.map((s) => [s.kind, s.text.length, s.collapsed ?? false])).toEqual([
      ['equal', 90, true],
      ['equal', 10, false],
      ['delete', 1, false],
      ['insert', 1, false],
      ['equal', 10, false],
      ['equal', 90, true],
    ]);
    expect(beforeText(d.segments)).toBe(`${head}旧${tail}`);
    expect(afterText(d.segments)).toBe(`${head}新${tail}`);
  });

  test('folding never splits a character outside the BMP', () => {
    const rare = '𠀀'.repeat(60); // CJK Extension B: two UTF-16 units each
    const d = diffText(`${rare}甲${rare}`, `${rare}乙${rare}`, { context: 5 });
    expect(d.segments.some((s) => s.collapsed)).toBe(true);
    for (const s of d.segments) expect(s.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  test('segments reassemble both texts exactly, whatever the edit', () => {
    const alphabet = [...'政府信息公开年度报告本机关收到申请件的了。，、；：“”（）\n 2024abcXYZ𠀀'];
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const pick = () => alphabet[Math.floor(rand() * alphabet.length)];
      const before = Array.from({ length: Math.floor(rand() * 120) }, pick).join('');
      const chars = Array.from(before);
      for (let edits = Math.floor(rand() * 8); edits > 0; edits--) {
        const at = Math.floor(rand() * (chars.length + 1));
        const op = rand();
        if (op < 0.4) chars.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rand() * 6) }, pick));
        else if (op < 0.8) chars.splice(at, 1 + Math.floor(rand() * 6));
        else chars.splice(at, 1, pick());
      }
      const after = chars.join('');
      const d = diffText(before, after, { context: Math.floor(rand() * 10) });
      expect(beforeText(d.segments), `seed ${seed}`).toBe(before);
      expect(afterText(d.segments), `seed ${seed}`).toBe(after);
      expect(d.segments.every((s) => s.text.length > 0)).toBe(true);
      if (before === after) expect(d.segments.every((s) => s.kind === 'equal')).toBe(true);
    }
  });

  // An unbounded O(ND) diff of two unrelated 20 000-character texts takes ~10^9 steps and keeps
  // gigabytes of trace: it would not end within the 30 s test timeout.
  test('a whole part rewritten at full length stays quick and exact', () => {
    const rand = rng(42);
    const text = (chars: string) => Array.from({ length: 20_000 }, () => chars[Math.floor(rand() * chars.length)]).join('');
    const before = text('政府信息公开工作年度报告');
    const after = text('本机关依申请办理答复情况');
    const d = diffText(before, after);
    expect(beforeText(d.segments)).toBe(before);
    expect(afterText(d.segments)).toBe(after);
  });
});
