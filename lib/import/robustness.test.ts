import { beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { buildDocument } from '../document';
import { renderDocx } from '../render/docx';
import { renderPdfInProcess } from '../render/pdf';
import { serializeReport } from '../report/json';
import { consistentReport, rng } from '../../test/support/generate';
import { template2021 } from '../../templates/2021';
import { ImportError } from './errors';
import { importFile } from './import-file';

/*
 * Damaged, hostile and wrong files: each is an ImportError with a Chinese message, never a crash
 * or a hang. A hang fails on the test's timeout; how fast the refusals are is a figure for
 * bench/, not an assertion here (a loaded CI machine is no stopwatch).
 */
let pdf: Uint8Array;
let docx: Uint8Array;

beforeAll(async () => {
  const doc = buildDocument(template2021, consistentReport(5, 100));
  pdf = new Uint8Array(await renderPdfInProcess(doc, { final: true }));
  docx = new Uint8Array(await renderDocx(doc));
}, 60_000);

async function expectClearError(bytes: Uint8Array, name: string, pattern?: RegExp) {
  const err = await importFile(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  const message = (err as ImportError).message;
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  if (pattern) expect(message).toMatch(pattern);
}

function corrupt(bytes: Uint8Array, seed: number, fraction: number): Uint8Array {
  const out = bytes.slice();
  const rand = rng(seed);
  for (let i = 0; i < out.length * fraction; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  return out;
}

describe('damaged and wrong files', () => {
  it('a truncated PDF', () => expectClearError(pdf.slice(0, Math.floor(pdf.length / 3)), 'r.pdf'));
  it('a PDF cut after its header', () => expectClearError(pdf.slice(0, 200), 'r.pdf', /PDF/));
  it('a truncated DOCX', () => expectClearError(docx.slice(0, Math.floor(docx.length / 2)), 'r.docx', /DOCX/));
  it('a ZIP that is not a Word document', () => expectClearError(zipSync({ 'a.txt': new TextEncoder().encode('x') }), 'r.docx', /word\/document\.xml/));
  it('a DOCX whose document.xml is cut off', () =>
    expectClearError(zipSync({ 'word/document.xml': new TextEncoder().encode('<?xml version="1.0"?><w:document><w:bo') }), 'r.docx', /损坏/));
  it('binary garbage', () => expectClearError(corrupt(new Uint8Array(100_000), 1, 1), 'x.bin', /无法识别/));
  it('binary garbage named .pdf', () => expectClearError(corrupt(new Uint8Array(10_000), 2, 1), 'x.pdf', /不是 PDF/));
  it('an empty file', () => expectClearError(new Uint8Array(0), 'x.txt', /空/));
  it('a 50 MB file', () => expectClearError(new Uint8Array(50 * 1024 * 1024).fill(0x41), 'big.txt', /过大/));
  it('a legacy .doc / encrypted Office file', () => expectClearError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)]), 'r.doc', /\.doc|加密/));
  it('a broken JSON', () => expectClearError(new TextEncoder().encode('{"format": "nianbao-report", '), 'r.json', /JSON/));
  it('an image', () => expectClearError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'r.png', /图片/));

  it('corrupted PDFs (random bytes overwritten) import or fail clearly, never crash or hang', async () => {
    for (let seed = 1; seed <= 6; seed++)
      await importFile(corrupt(pdf, seed, 0.002), 'r.pdf').catch((e: unknown) => expect(e).toBeInstanceOf(ImportError));
  }, 60_000);

  it('corrupted DOCX files import or fail clearly', async () => {
    for (let seed = 1; seed <= 6; seed++) await importFile(corrupt(docx, seed, 0.01), 'r.docx').catch((e: unknown) => expect(e).toBeInstanceOf(ImportError));
  });

  it('a huge text (just under the upload limit) is refused quickly', () =>
    expectClearError(new TextEncoder().encode('一、总体情况\n'.repeat(1_000_000)), 'big.txt', /过长|过多/));
});

describe('our own JSON', () => {
  it('imports as is', async () => {
    const r = consistentReport(7, 50);
    const { report, source } = await importFile(new TextEncoder().encode(serializeReport(r)), 'r.json');
    expect(report).toEqual(r);
    expect(source.format).toBe('json');
  });
});
