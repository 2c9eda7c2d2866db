import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_ROLES, fontReport, resolveFonts } from './fonts';

describe('fonts', () => {
  it('gives every role a font file that exists and the Noto fallbacks, from npm alone', () => {
    const setup = resolveFonts({ fontDir: null, skipFandol: true });
    for (const role of FONT_ROLES) {
      const r = setup.roles[role];
      expect(r.faces.length).toBeGreaterThanOrEqual(2);
      expect(r.faces.every((f) => /\.(ttf|otf)$/.test(f.file))).toBe(true);
      expect(r.isSubstitute).toBe(true);
      expect(r.faces[0].source).toBe('npm');
    }
  });

  it('uses licensed fonts dropped in FONT_DIR, by file name or fonts.json, and says so', async () => {
    const base = resolveFonts({ fontDir: null, skipFandol: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-fonts-'));
    // Stand-ins with the names agencies' files have: 仿宋_GB2312.ttf and a mapped 小标宋.
    symlinkSync(base.roles.body.faces[0].file, path.join(dir, '仿宋_GB2312.ttf'));
    symlinkSync(base.roles.heading1.faces[0].file, path.join(dir, 'licensed-title.ttf'));
    writeFileSync(path.join(dir, 'fonts.json'), JSON.stringify({ title: 'licensed-title.ttf' }));
    const setup = resolveFonts({ fontDir: dir });
    expect(setup.roles.body.faces[0]).toMatchObject({ source: 'fontDir', name: '仿宋_GB2312' });
    expect(setup.roles.body.isSubstitute).toBe(false);
    expect(setup.roles.table.faces[0].source).toBe('fontDir');
    expect(setup.roles.title.faces[0]).toMatchObject({ source: 'fontDir', name: 'licensed-title' });
    expect(setup.roles.heading1.isSubstitute).toBe(true);
    const report = await fontReport(setup);
    expect(report.find((r) => r.role === 'body')).toMatchObject({ used: '仿宋_GB2312', isSubstitute: false });
    expect(report.find((r) => r.role === 'heading2')).toMatchObject({ isSubstitute: true });
  });

  it('finds a font for a character the first font lacks', async () => {
    const setup = resolveFonts();
    const report = await fontReport(setup, { body: '街道', title: '𬱖' });
    expect(report.find((r) => r.role === 'body')!.fallbackChars).toEqual([]);
    for (const r of report) for (const f of r.fallbackChars) expect(f.font).not.toBeNull();
  });
});
