import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanText, hasUnsafeChars, safeString, z } from './validation';

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
});
