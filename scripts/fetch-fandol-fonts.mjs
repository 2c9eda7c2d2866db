#!/usr/bin/env node
/**
 * Puts the Fandol 仿宋 and 楷体 OTFs (GPL with font exception, the CTeX defaults) where
 * lib/render/fonts.ts looks for them. No open 仿宋/楷体 is on npm as a whole static font, but
 * Debian's texlive-lang-chinese carries them: we download that one .deb with apt and unpack
 * two files from it, without installing it (design §4.2).
 *
 * It never fails the install: without apt (macOS, Windows, a container without lists) it says
 * so and the renderer uses the Noto fonts from npm for those roles, reporting the substitution.
 *
 * Usage: node scripts/fetch-fandol-fonts.mjs   (run by npm postinstall; idempotent)
 * Target: $NIANBAO_FONT_CACHE or node_modules/.cache/nianbao-fonts, subfolder fandol/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.NIANBAO_FONT_CACHE ?? path.join(root, 'node_modules/.cache/nianbao-fonts');
const dest = path.join(cache, 'fandol');
const wanted = ['FandolFang-Regular.otf', 'FandolKai-Regular.otf'];

function log(msg) {
  console.log(`[fonts] ${msg}`);
}

function has(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (wanted.every((f) => existsSync(path.join(dest, f)))) {
  log(`Fandol fonts already in ${dest}`);
  process.exit(0);
}
if (!has('apt-get') || !has('dpkg-deb')) {
  log('apt-get/dpkg-deb not found: 仿宋 and 楷体 will use the Noto Serif SC substitute (see the font report).');
  process.exit(0);
}

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-fandol-'));
try {
  try {
    execFileSync('apt-get', ['download', 'texlive-lang-chinese'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    log(`apt-get download texlive-lang-chinese failed (run apt-get update first?): ${String(e.stderr ?? e).trim().split('\n').pop()}`);
    log('仿宋 and 楷体 will use the Noto Serif SC substitute.');
    process.exit(0);
  }
  const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('no .deb downloaded');
  const unpacked = path.join(work, 'x');
  execFileSync('dpkg-deb', ['-x', path.join(work, deb), unpacked]);
  const from = path.join(unpacked, 'usr/share/texlive/texmf-dist/fonts/opentype/public/fandol');
  mkdirSync(dest, { recursive: true });
  for (const f of wanted) copyFileSync(path.join(from, f), path.join(dest, f));
  writeFileSync(
    path.join(dest, 'SOURCE.txt'),
    `Fandol fonts from Debian package ${deb} (texlive-lang-chinese).\nLicence: GPL v3 with font exception (embedding in documents is allowed).\n`,
  );
  log(`Fandol 仿宋/楷体 unpacked to ${dest}`);
} catch (e) {
  log(`could not unpack Fandol fonts (${e instanceof Error ? e.message : String(e)}); using the Noto substitutes.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
