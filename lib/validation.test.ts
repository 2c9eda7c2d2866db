import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanText, hasUnsafeChars, safeFileName, safeName, safeString, versionNumber, z } from './validation';

describe('validation', () => {
  it('finds NUL, other C0 controls and lone surrogates, and lets text, tabs, line breaks and emoji through', () => {
    for (const bad of ['a\u0000b', 'a\ud800b', 'a\udc00', '\u0007', 'x\u001f']) expect(hasUnsafeChars(bad)).toBe(true);
    for (const good of ['政府信息公开', 'a\tb\nc\r\n', '😀', '']) expect(hasUnsafeChars(good)).toBe(false);
    expect(cleanText('a\u0000b\ud800c😀\u000bd')).toBe('abc😀\nd');
  });

  it('answers in Chinese for what a schema does not name', () => {
    const r = z.object({ year: z.coerce.number().int() }).safeParse({ year: 'abc' });
    expect(r.error?.issues[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(safeString().safeParse('a\u0000').error?.issues[0].message).toContain('控制字符');
  });

  it('is the only module that imports zod itself (so every schema gets the Chinese messages)', () => {
    const root = path.resolve(__dirname, '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx|mts)$/.test(name) && /from 'zod'/.test(readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
      }
    };
    for (const d of ['app', 'lib', 'components', 'cli', 'bench']) walk(path.join(root, d));
    expect(offenders.filter((f) => !f.startsWith('lib/validation.'))).toEqual([]);
  });

  it('says in the user\'s terms what was expected and what came, never zod\'s type names (issue 26, 9)', () => {
    const msg = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues[0].message ?? '';
    const n = z.number();
    expect(msg(n, 'abc')).toBe('应为数字，不能是文字');
    expect(msg(n, true)).toBe('应为数字，不能是是/否值');
    expect(msg(n, {})).toBe('应为数字，不能是一组字段');
    expect(msg(n, [])).toBe('应为数字，不能是列表');
    expect(msg(n, null)).toBe('应为数字，不能是空值');
    expect(msg(n, undefined)).toBe('缺少此项（应为数字）');
    // JSON.parse('1e400') is Infinity: 「期望 数字，实际接收 数字」 said nothing.
    expect(msg(n, JSON.parse('1e400'))).toBe('数字超出可以处理的范围');
    expect(msg(z.string(), 5)).toBe('应为文字，不能是数字');
    expect(msg(z.number().max(10), 11)).toBe('不能大于 10');
    expect(msg(z.string().max(3), 'abcd')).toBe('不能超过 3 个字');
    expect(msg(z.string().min(1), '')).toBe('不能为空');
    expect(msg(z.enum(['a', 'b']), 'c')).toBe('应为以下之一：a、b');
    expect(msg(z.strictObject({}), { x: 1 })).toBe('含有不认识的字段：x');
    for (const [schema, v] of [[n, 'x'], [n, false], [n, {}], [z.boolean(), 'x'], [z.array(z.number()), {}], [z.object({}), 'x']] as [z.ZodType, unknown][])
      expect(msg(schema, v), JSON.stringify(v)).not.toMatch(/[a-z]{3,}/i);
  });

  it('refuses bidi and zero-width characters in names and numbers and strips them from free text (issue 26, 7)', () => {
    const spoof = '../../卫滨区\u202eFDP.exe';
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u2060', '\u061c']) {
      expect(safeName().safeParse(`卫滨区${c}名称`).success, c.codePointAt(0)!.toString(16)).toBe(false);
      expect(cleanText(`a${c}b`)).toBe('ab');
      expect(safeString().parse(`意见${c}内容`)).toBe('意见内容');
    }
    expect(safeName().safeParse(spoof).error?.issues[0].message).toContain('不可见');
    expect(safeFileName(spoof)).toBe('.._.._卫滨区FDP.exe');
    expect(safeName().parse('文峰区紫薇大道街道办事处')).toBe('文峰区紫薇大道街道办事处');
    // Emoji and CJK extension characters are text, not controls.
    expect(cleanText('😀𠮷')).toBe('😀𠮷');
  });

  it('bounds a version number by what the database holds', () => {
    expect(versionNumber().safeParse(2 ** 31 - 1).success).toBe(true);
    for (const v of [2 ** 31, Number.MAX_SAFE_INTEGER, 0, 1.5, '1'])
      expect(versionNumber().safeParse(v).error?.issues[0].message, String(v)).toMatch(/^版本号/);
  });
});
