/**
 * What, besides the document itself, decides the bytes of a PDF: the renderer's packages and
 * their versions, our patches to them, our own render code, and the font files. A cached PDF is
 * keyed by this fingerprint, so an upgrade, a new patch, a change of render code or a licensed
 * font dropped into FONT_DIR never serves a PDF made by the old setup.
 *
 * Computed once per process (the worker threads load the render code and fonts they were
 * started with); hashing the font files costs a few hundred ms on the first PDF.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../app-root';
import { resolveFonts, type FontOptions } from '../fonts';

/** The packages whose code lays out and writes the PDF. */
const RENDER_PACKAGES = [
  '@react-pdf/renderer',
  '@react-pdf/layout',
  '@react-pdf/render',
  '@react-pdf/pdfkit',
  '@react-pdf/textkit',
  '@react-pdf/font',
  '@react-pdf/primitives',
  '@react-pdf/stylesheet',
  'fontkit',
  'react',
];

/** Our render code: everything under lib/render except the Word backend and the tests. */
const RENDER_CODE_DIR = 'lib/render';
const NOT_RENDER_CODE = /(^|\/)(docx|test-support)(\/|$)|\.test\.tsx?$/;

function filesUnder(dir: string, root: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (NOT_RENDER_CODE.test(rel)) continue;
    if (entry.isDirectory()) out.push(...filesUnder(full, root));
    else out.push(full);
  }
  return out.sort();
}

function packageVersion(root: string, pkg: string): string {
  const file = path.join(root, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) return 'absent';
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
}

const fileHashes = new Map<string, { stamp: string; hash: string }>();

/** SHA-256 of a file, remembered while its size and modification time stay the same. */
function fileHash(file: string): string {
  const st = statSync(file);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const known = fileHashes.get(file);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  fileHashes.set(file, { stamp, hash });
  return hash;
}

export type RendererFingerprintParts = {
  packages: Record<string, string>;
  patches: string;
  code: string;
  fonts: string;
};

/** The parts, for tests and for the ARCHITECTURE note; `rendererFingerprint` hashes them. */
export function rendererFingerprintParts(fontOptions?: FontOptions, root = appRoot()): RendererFingerprintParts {
  const packages = Object.fromEntries(RENDER_PACKAGES.map((p) => [p, packageVersion(root, p)]));
  const digest = (files: string[], base: string) => {
    const h = createHash('sha256');
    for (const f of files) h.update(path.relative(base, f)).update('\0').update(fileHash(f)).update('\0');
    return h.digest('hex');
  };
  const patches = digest(filesUnder(path.join(root, 'patches'), root), root);
  const code = digest(filesUnder(path.join(root, RENDER_CODE_DIR), root), root);
  const setup = resolveFonts(fontOptions);
  const fh = createHash('sha256');
  for (const f of [...setup.faces].sort((a, b) => a.family.localeCompare(b.family))) {
    fh.update(f.family).update('\0').update(f.postscriptName ?? '').update('\0').update(fileHash(f.file)).update('\0');
  }
  return { packages, patches, code, fonts: fh.digest('hex') };
}

let memo: { key: string; value: string } | undefined;

/** One short hex string for the whole render setup of this process. */
export function rendererFingerprint(fontOptions?: FontOptions): string {
  const key = JSON.stringify(fontOptions ?? null) + (process.env.FONT_DIR ?? '');
  if (memo?.key === key) return memo.value;
  const parts = rendererFingerprintParts(fontOptions);
  const value = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  memo = { key, value };
  return value;
}
