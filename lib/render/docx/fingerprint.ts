/**
 * What, besides the document itself, decides the bytes of a DOCX: the `docx` package and the
 * packages it writes the ZIP with, our patches to any of them, and every file of ours
 * `render-docx.ts` imports (the module walk of ../pdf/module-graph.ts from that entry). A kept
 * DOCX (lib/server/pdf-cache.ts, format 'docx') is keyed by it, as a kept PDF is by the PDF
 * renderer's fingerprint — so a change of the Word styles or an upgrade of `docx` never serves
 * a file made by the old code. No font file counts: the DOCX names its fonts, embeds none.
 *
 * The walk reads a dozen small files; computed once per process.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../app-root';
import { digestFiles, filesUnder, packageVersion } from '../pdf/fingerprint';
import { workerModuleGraph } from '../pdf/module-graph';

/** Where the DOCX renderer starts, relative to the app root. */
export const DOCX_ENTRY = 'lib/render/docx/render-docx.ts';
/** Packages below `docx` that write its bytes (the ZIP, the ids). */
const DOCX_PACKAGES = ['docx', 'fflate', 'nanoid'];

export type DocxFingerprintParts = { packages: Record<string, string>; patches: string; code: string };

export function docxFingerprintParts(root = appRoot()): DocxFingerprintParts {
  const graph = workerModuleGraph(root, DOCX_ENTRY);
  const names = [...new Set([...graph.packages, ...DOCX_PACKAGES])].sort();
  const version = (p: string) => {
    // docx's own nanoid when it has one (package.json "overrides"), else the top-level one.
    const own = path.join('docx', 'node_modules', p);
    const nested = p !== 'docx' ? packageVersion(root, own) : 'absent';
    return nested !== 'absent' ? nested : packageVersion(root, p);
  };
  const packages = Object.fromEntries(names.map((p) => [p, version(p)]));
  const patched = filesUnder(path.join(/*turbopackIgnore: true*/ root, 'patches')).filter((f) =>
    names.some((p) => path.basename(f).startsWith(`${p.replace('/', '+')}+`)),
  );
  const files = [...graph.files, 'tsconfig.json'].map((f) => path.join(/*turbopackIgnore: true*/ root, f)).filter((f) => existsSync(/*turbopackIgnore: true*/ f));
  const code = digestFiles(files, root);
  return { packages, patches: digestFiles(patched, root), code };
}

let memo: string | undefined;

/** One short hex string for the DOCX renderer of this process. */
export function docxRendererFingerprint(): string {
  memo ??= `docx:${createHash('sha256').update(JSON.stringify(docxFingerprintParts())).digest('hex').slice(0, 27)}`;
  return memo;
}
