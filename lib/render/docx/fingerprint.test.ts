/**
 * The DOCX renderer's fingerprint (the key of a kept DOCX) covers the Word code and the `docx`
 * package, and not the PDF's: a change of the Word styles renews the kept DOCX files only.
 */
import { describe, expect, it } from 'vitest';
import { docxFingerprintParts, docxRendererFingerprint } from './fingerprint';
import { rendererFingerprint } from '../pdf';
import { workerModuleGraph } from '../pdf/module-graph';
import { appRoot } from '../../app-root';

describe('DOCX renderer fingerprint', () => {
  it('walks the Word code from render-docx.ts and names the packages that write the file', () => {
    const graph = workerModuleGraph(appRoot(), 'lib/render/docx/render-docx.ts');
    expect(graph.files).toEqual(expect.arrayContaining(['lib/render/docx/render-docx.ts', 'lib/render/docx/styles.ts', 'lib/render/docx/font-table.ts', 'lib/document/header-words.ts']));
    expect(graph.files.some((f) => f.startsWith('lib/render/pdf/'))).toBe(false);
    const parts = docxFingerprintParts();
    expect(Object.keys(parts.packages)).toEqual(expect.arrayContaining(['docx', 'fflate', 'nanoid']));
    expect(Object.values(parts.packages)).not.toContain('absent');
  });

  it('is one short string, not the PDF renderer\'s', () => {
    const print = docxRendererFingerprint();
    expect(print).toMatch(/^docx:[0-9a-f]{27}$/);
    expect(docxRendererFingerprint()).toBe(print);
    expect(print).not.toBe(rendererFingerprint());
  });
});
