import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/*
 * patches/pdfjs-dist+*.patch: pdfjs's TextState.clone() used Object.create(this), so each
 * graphics-state save made a clone one prototype level deeper; on our PDFs (a save per text
 * run) cloning was the largest cost of reading a page. An upgrade that drops the patch fails here.
 */
describe('pdfjs-dist patch', () => {
  it('TextState.clone keeps a flat prototype', () => {
    const file = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const src = readFileSync(file, 'utf8');
    expect(src).toContain('Object.assign(Object.create(Object.getPrototypeOf(this)), this); // [nianbao patch]');
  });
});
