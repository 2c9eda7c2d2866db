import { afterAll, describe, expect, it } from 'vitest';
import { blankReport } from '../../report';
import { buildDocument } from '../../document';
import { template2021 } from '../../../templates/2021';
import { createPdfPool } from './pool';

describe('PDF pool queues fairly per owner', () => {
  const pool = createPdfPool({ size: 1 });
  afterAll(() => pool.close());
  const doc = (n: number) => buildDocument(template2021, blankReport(template2021, { agencyName: `第${n}街道办事处`, year: 2024 }));

  it("runs another owner's job before the flooder's queued ones, and counts each owner's jobs", async () => {
    await pool.warm(doc(0));
    const done: string[] = [];
    const track = (name: string, p: Promise<Buffer>) => p.then(() => void done.push(name));
    const flood = [1, 2, 3].map((i) => track(`flood${i}`, pool.render(doc(i), { final: false }, 'filer')));
    expect(pool.pending('filer')).toBe(3);
    const reviewer = track('reviewer', pool.render(doc(9), { final: false }, 'reviewer'));
    expect(pool.pending('reviewer')).toBe(1);
    await Promise.all([...flood, reviewer]);
    // flood1 was already rendering; the reviewer's job comes next, not after all four.
    expect(done).toEqual(['flood1', 'reviewer', 'flood2', 'flood3']);
    expect(pool.pending('filer')).toBe(0);
    expect(pool.averageRenderMs()).toBeGreaterThan(0);
  }, 60_000);
});

describe('PDF pool keeps a worker for the next owner', () => {
  const pool = createPdfPool({ size: 2 });
  afterAll(() => pool.close());
  const doc = (n: number) => buildDocument(template2021, blankReport(template2021, { agencyName: `第${n}街道办事处`, year: 2024 }));

  it("runs one flooder's renders one at a time, and a reviewer's at once beside them", async () => {
    await pool.warm(doc(0));
    const flood = [1, 2].map((i) => pool.render(doc(i), { final: false }, 'filer'));
    // Two workers, two jobs of one owner: one renders, one waits; the second worker stays free.
    expect(pool.running('filer')).toBe(1);
    expect(pool.pending('filer')).toBe(2);
    const reviewer = pool.render(doc(9), { final: false }, 'reviewer');
    // …and the reviewer's job takes it at once, not after flood1.
    expect(pool.running('reviewer')).toBe(1);
    await Promise.all([...flood, reviewer]);
    expect(pool.running('filer') + pool.pending('filer')).toBe(0);
  }, 60_000);
});
