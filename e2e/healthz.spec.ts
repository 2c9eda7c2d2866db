/**
 * GET /healthz on the production server: anonymous, tiny, no session made, and limited per
 * client address (60 a minute, then 429 with Retry-After).
 */
import { expect, test } from '@playwright/test';

test('/healthz answers without a session, small, and is rate-limited', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(res.headers()['set-cookie']).toBeUndefined();
  expect(res.headers()['cache-control']).toBe('no-store');
  const body = await res.text();
  expect(body.length).toBeLessThan(120);
  const json = JSON.parse(body);
  expect(Object.keys(json).sort()).toEqual(['database', 'pdfWorkers', 'status', 'version']);
  expect(json).toMatchObject({ status: 'ok', database: 'ok' });
  expect(json.version).toMatch(/^\d+\.\d+\.\d+/);

  // At most 60 a minute from one address: within 60 more requests one is refused (other specs —
  // the authz matrix — may have asked already this minute from the same address, so the count
  // before the refusal is at most 59 here, never more).
  let allowed = 0;
  let limited = await request.get('/healthz');
  while (limited.status() === 200 && allowed < 61) {
    allowed++;
    limited = await request.get('/healthz');
  }
  expect(allowed).toBeLessThanOrEqual(59);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
});
