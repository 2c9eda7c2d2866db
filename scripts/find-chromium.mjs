#!/usr/bin/env node
// The end-to-end tests and the browser benchmarks drive Debian's Chromium: Playwright cannot
// download its own browser on a machine without internet. Prints the path, or how to get one.
import { existsSync } from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = findChromium();
  if (!path) {
    console.error(
      [
        '找不到 Chromium：端到端测试需要本机的 Chromium 浏览器。',
        'No Chromium found. The end-to-end tests need a local Chromium:',
        '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
        '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.log(`Chromium: ${path}`);
}
