import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3210);

/**
 * End-to-end tests run against the production build (`next build` first; `npm run test:e2e`
 * does both) on fresh embedded databases in data/e2e-*, driving Debian's Chromium: the demo
 * district on E2E_PORT, the province demo on the next port (e2e/rollup.spec.ts).
 */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `rm -rf data/e2e-${PORT} && node server.mjs -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { NIANBAO_DATA_DIR: `data/e2e-${PORT}`, NIANBAO_DEMO: '1' },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    // The province demo (about 5 000 agencies, seeded on first start) for e2e/rollup.spec.ts.
    {
      command: `rm -rf data/e2e-${PORT + 1} && node server.mjs -p ${PORT + 1} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT + 1}/login`,
      timeout: 300_000,
      reuseExistingServer: false,
      env: { NIANBAO_DATA_DIR: `data/e2e-${PORT + 1}`, NIANBAO_DEMO: 'province', NIANBAO_PRERENDER: '0' },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
