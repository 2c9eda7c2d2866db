#!/usr/bin/env node
/**
 * What `npm start` and `npm run serve` run: Next's production server behind a plain Node HTTP
 * server, for one reason — the client's socket address. Next gives route handlers and server
 * actions only headers, and keeps an X-Forwarded-For a client sent, so the login limits would
 * trust whatever the client claims. Here every request gets the socket's peer in
 * `x-nianbao-peer` (replacing any such header from outside); lib/http/client-address.ts reads
 * it, and X-Forwarded-For only as far as NIANBAO_TRUST_PROXY allows.
 *
 *   node server.mjs [-p PORT] [-H HOST]      (defaults: PORT or 3000, HOSTNAME or all interfaces)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV = 'production';
const dir = path.dirname(fileURLToPath(import.meta.url));
// The offline package (scripts/bundle.mjs) carries the build but not next.config.ts: loading a
// TypeScript config needs Next's compiler, which the package leaves out. Its config is the one
// the build wrote down, read as Next's standalone server reads it.
const built = path.join(dir, '.next/required-server-files.json');
if (!existsSync(path.join(dir, 'next.config.ts')) && existsSync(built)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(built, 'utf8')).config);
}
const { default: next } = await import('next');

function option(short, long, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

const port = Number(option('-p', '--port', process.env.PORT || '3000'));
const hostname = option('-H', '--hostname', process.env.HOSTNAME || undefined);

const app = next({ dev: false, dir, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();
globalThis.__nianbaoPeerHeader = true;

// Next's Server Actions check compares Origin with X-Forwarded-Host before Host, and keeps an
// X-Forwarded-Host the client sent: `Origin: http://evil.example` with `X-Forwarded-Host:
// evil.example` passed. The header counts only from a proxy we trust (NIANBAO_TRUST_PROXY, whose
// proxy must overwrite it — README's nginx sample does). A write to a page (a server action,
// with or without JavaScript) from a foreign or `null` Origin is refused here with 403, instead
// of Next's 500 「Invalid Server Actions request」 and an error in the log; /api/ routes answer
// their own 403 (app/_lib/api.ts).
const trustProxy = Number(process.env.NIANBAO_TRUST_PROXY || 0) > 0;
function foreignPageWrite(req) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  if ((req.url ?? '').startsWith('/api/')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const host = (trustProxy && String(req.headers['x-forwarded-host'] ?? '').split(',')[0].trim()) || req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

const server = createServer((req, res) => {
  req.headers['x-nianbao-peer'] = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) delete req.headers['x-forwarded-host'];
  if (foreignPageWrite(req)) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('拒绝跨站请求');
    return;
  }
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`nianbao: http://${hostname ?? 'localhost'}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
  });
}
