// montage: 4 pages side by side via chromium
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const files = process.argv.slice(2);
const imgs = files.map(f => `<img src="data:image/png;base64,${readFileSync(f).toString('base64')}" style="border:1px solid #888;margin:2px">`).join('');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1400, height: 600 } });
await p.setContent(`<body style="margin:0;display:flex;flex-wrap:wrap">${imgs}</body>`);
await p.screenshot({ path: '/tmp/pub/montage.png', fullPage: true });
await b.close();
