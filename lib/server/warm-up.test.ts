import { afterAll, describe, expect, it, vi } from 'vitest';
import { createPdfPool } from '../render/pdf';
import { warmUp } from './warm-up';

describe('a starting server warms up', () => {
  const pool = createPdfPool({ size: 2 });
  afterAll(() => pool.close());

  it('opens the database, then starts every PDF worker and renders in each', async () => {
    const openDb = vi.fn(async () => undefined);
    expect(pool.workers()).toBe(0);
    await warmUp({ openDb, pool: () => pool });
    expect(openDb).toHaveBeenCalledOnce();
    expect(pool.workers()).toBe(2);
    expect(pool.averageRenderMs()).toBeGreaterThan(0);
  }, 60_000);

  it('a database that cannot be opened is logged without failing the start', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = createPdfPool({ size: 1 });
    try {
      await expect(warmUp({ openDb: () => Promise.reject(new Error('连接被拒绝')), pool: () => other })).resolves.toBeUndefined();
      expect(log).toHaveBeenCalledWith(expect.stringContaining('[nianbao] warm-up: Error'));
      expect(other.workers()).toBe(0);
    } finally {
      log.mockRestore();
      await other.close();
    }
  });
});
