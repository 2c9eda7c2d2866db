/**
 * GET /healthz on the production server: anonymous, tiny, no session made, and limited per
 * client address (60 a minute: the 61st is 429 with Retry-After).
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

  // The first request above and 59 more are allowed; the 61st of the minute is not.
  for (let i = 0; i < 59; i++) expect((await request.get('/healthz')).status()).toBe(200);
  const limited = await request.get('/healthz');
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
});
