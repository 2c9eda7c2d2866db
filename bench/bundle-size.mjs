// The client bundle's size: every JS and CSS file the browser may load from a production build
// (`.next/static`, or NEXT_DIST_DIR's), raw and gzip'd (level 9, as the server's compression
// would at most). Run after `next build`: `node bench/bundle-size.mjs [distDir]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|css)$/.test(name)) files.push(p);
  }
};
walk(join(dist, 'static'));
let raw = 0;
let gz = 0;
const byKind = { js: 0, css: 0 };
for (const f of files) {
  const buf = readFileSync(f);
  const z = gzipSync(buf, { level: 9 }).length;
  raw += buf.length;
  gz += z;
  byKind[f.endsWith('.css') ? 'css' : 'js'] += z;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${dist}/static: ${files.length} files, ${kb(raw)} raw, ${kb(gz)} gzip (JS ${kb(byKind.js)}, CSS ${kb(byKind.css)})`);
