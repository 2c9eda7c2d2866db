import { Zip, ZipDeflate, ZipPassThrough, unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { zipProgress } from './zip-progress';

function zipBytes(files: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  files.forEach(([name, data], i) => {
    const f = i % 2 ? new ZipPassThrough(name) : new ZipDeflate(name);
    zip.add(f);
    f.push(data, true);
  });
  zip.end();
  return Buffer.concat(parts);
}

it('names every entry once, in order, however the stream is cut', () => {
  const random = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + seed * 104729) % 251);
  const files: [string, Uint8Array][] = Array.from({ length: 12 }, (_, i) => [
    `卫滨区第${i + 1}街道办事处2024年政府信息公开工作年度报告.${['pdf', 'docx', 'html', 'json'][i % 4]}`,
    random(5000 + i * 3001, i),
  ]);
  const bytes = zipBytes(files);
  expect(Object.keys(unzipSync(bytes))).toEqual(files.map((f) => f[0]));
  for (const size of [1, 7, 29, 31, 64, 1000, bytes.length]) {
    const p = zipProgress();
    const seen: string[] = [];
    for (let i = 0; i < bytes.length; i += size) seen.push(...p.push(bytes.subarray(i, i + size)));
    expect(seen, `chunks of ${size}`).toEqual(files.map((f) => f[0]));
  }
});
