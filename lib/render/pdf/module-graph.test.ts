import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../app-root';
import { buildDocument } from '../../document';
import { consistentReport } from '../../report/generate';
import { template2021 } from '../../../templates/2021';
import { insightPrint } from '../../insight/print-layout';
import { sampleInsight } from '../../../test/support/sample-insight';
import { rendererFingerprintParts, workerCodeDigest } from './fingerprint';
import type { PdfJob } from './render-in-process';
import { workerModuleGraph } from './module-graph';

const root = appRoot();
const ours = (file: string) => !file.split(path.sep).includes('node_modules') && file.startsWith(root + path.sep);
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** A real PDF worker that tells which modules it loaded (test/support/worker-graph-entry.mjs). */
function observedWorker() {
  const worker = new Worker(path.join(root, 'test/support/worker-graph-entry.mjs'));
  let next = 0;
  const ask = <T>(msg: object, pick: (res: Record<string, unknown>) => T | undefined) =>
    new Promise<T>((resolve, reject) => {
      const on = (res: Record<string, unknown>) => {
        const got = pick(res);
        if (got === undefined) return;
        worker.off('message', on);
        resolve(got);
      };
      worker.on('message', on);
      worker.once('error', reject);
      worker.postMessage(msg);
    });
  return {
    render: (job: PdfJob) => {
      const id = ++next;
      return ask({ id, job }, (res) => (res.id === id ? res : undefined)).then((res) => {
        if (!res.ok) throw new Error(String(res.error));
      });
    },
    loaded: () => ask({ graph: true }, (res) => res.graph as string[] | undefined),
    close: () => worker.terminate(),
  };
}

describe('the render fingerprint covers every module a PDF worker runs', () => {
  const worker = observedWorker();
  afterAll(() => worker.close());

  it('the walk from the worker entry includes what the PDF calls outside lib/render', () => {
    const { files } = workerModuleGraph(root);
    // packWords (the table headers' word breaks) runs at render time; a change there alone once
    // left every cached PDF in place.
    expect(files).toContain('lib/document/header-words.ts');
    expect(files).toContain('lib/render/pdf/report-pdf.tsx');
    expect(files).toContain('lib/render/pdf/insight-pdf.tsx');
    expect(files).not.toContain('lib/render/docx/render-docx.ts');
  });

  it('every file of ours a real worker loads while rendering a report and the insight is in the key', async () => {
    const doc = buildDocument(template2021, consistentReport(3, 50, '文峰区紫薇大道街道办事处', 2025));
    await worker.render({ kind: 'report', doc, opts: { final: true } });
    await worker.render({ kind: 'insight', print: insightPrint(sampleInsight(3), new Date('2025-03-05T02:00:00Z')) });
    const loaded = (await worker.loaded()).filter(ours).map(rel).filter((f) => f !== 'test/support/worker-graph-entry.mjs');
    expect(loaded.length).toBeGreaterThan(10);
    const { files } = workerModuleGraph(root);
    expect(loaded.filter((f) => !files.includes(f))).toEqual([]);
  }, 120_000);

  it('the packages the worker imports by name, and those below that write the PDF, are in the key with their versions', () => {
    // Each must be installed: a name that is not (react-pdf's former @react-pdf/pdfkit) keys nothing.
    for (const [name, version] of Object.entries(rendererFingerprintParts().packages)) expect(version, name).not.toBe('absent');
    const { packages } = rendererFingerprintParts();
    for (const name of ['@react-pdf/renderer', '@react-pdf/layout', '@react-pdf/render', 'pdfkit', 'fontkit', 'react', 'echarts']) expect(packages[name]).toMatch(/^\d+\.\d+/);
  });

  it('a change to a module the worker runs changes the key, wherever it lives; a Word-only change does not', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'nianbao-fingerprint-'));
    try {
      for (const part of ['lib', 'templates', 'tsconfig.json']) cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
      const before = workerCodeDigest(copy);
      appendFileSync(path.join(copy, 'lib/render/docx/styles.ts'), '\n// a Word-only change\n');
      expect(workerCodeDigest(copy)).toBe(before);
      appendFileSync(path.join(copy, 'lib/document/header-words.ts'), '\n// a change of the word breaks\n');
      expect(workerCodeDigest(copy)).not.toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
