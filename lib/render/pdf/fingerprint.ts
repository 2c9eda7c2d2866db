/**
 * What, besides the document itself, decides the bytes of a PDF: the renderer's packages and
 * their versions, our patches to them, every file of ours the PDF worker runs (found by walking
 * its imports: `module-graph.ts`), and the font files. A cached PDF is
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
import { workerModuleGraph } from './module-graph';

/**
 * Packages below the ones our code imports that lay out and write the PDF (the ones imported
 * by name are found by the module walk); their versions are part of the key.
 */
const RENDER_PACKAGES = [
  '@react-pdf/layout',
  '@react-pdf/render',
  '@react-pdf/paginate',
  '@react-pdf/textkit',
  '@react-pdf/font',
  '@react-pdf/image',
  '@react-pdf/svg',
  '@react-pdf/primitives',
  '@react-pdf/stylesheet',
  // react-pdf 4.8+ writes through upstream pdfkit (it was @react-pdf/pdfkit before).
  'pdfkit',
];

/** Files that decide how tsx compiles the worker's sources (JSX runtime, paths). */
const COMPILE_SETTINGS = ['tsconfig.json'];

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

function workerFiles(root: string, graphFiles: string[]): string[] {
  return [...graphFiles, ...COMPILE_SETTINGS].map((f) => path.join(root, f)).filter(existsSync);
}

export function digestFiles(files: string[], base: string): string {
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(base, f)).update('\0').update(fileHash(f)).update('\0');
  return h.digest('hex');
}

/** The hash of every file of ours the PDF worker runs under `root`. */
export function workerCodeDigest(root = appRoot()): string {
  return digestFiles(workerFiles(root, workerModuleGraph(root).files), root);
}

export function packageVersion(root: string, pkg: string): string {
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
  const graph = workerModuleGraph(root);
  const names = [...new Set([...graph.packages, ...RENDER_PACKAGES])].sort();
  const packages = Object.fromEntries(names.map((p) => [p, packageVersion(root, p)]));
  const patches = digestFiles(filesUnder(path.join(root, 'patches')), root);
  const code = workerCodeDigest(root);
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
