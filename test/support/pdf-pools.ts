/**
 * The PDF pools the cache tests render through: a working one of one worker, and a closed one —
 * any render through it fails, so a cache hit is proven to render nothing. Both, and the shared
 * pool a service may have started, are closed after the file's tests.
 */
import { afterAll } from 'vitest';
import { closeSharedPdfPool, createPdfPool, type PdfPool } from '../../lib/render/pdf';

export async function testPdfPools(): Promise<{ pool: PdfPool; closedPool: PdfPool }> {
  const pool = createPdfPool({ size: 1 });
  const closedPool = createPdfPool({ size: 1 });
  await closedPool.close();
  afterAll(async () => {
    await pool.close();
    await closeSharedPdfPool();
  });
  return { pool, closedPool };
}
