#!/usr/bin/env bash
# The core loop in the real old kernels of the browsers on government desks (issue 22): Chromium
# 86 (360安全浏览器 13, 奇安信 in 极速模式) and 92, from the npm packages chrome-aws-lambda@5.3.1
# and @10.1.0, driven by puppeteer-core of the same era (e2e-old/). Both are unpacked once into
# ${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-old-chromium (about 150 MB each). Uses the production
# build `npm test` made (.next); starts its own demo server on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${OLD_BROWSERS_PORT:-3290}"
data="data/old-browsers-${port}"

# The binaries were built for Amazon Linux (headless builds: they link NSS and expat, the rest is
# in the binary or next to it). Debian's chromium package, which .ci/run installs, brings both;
# if ldd still finds a library missing, install them.
if ! node e2e-old/old-chromium.mjs 86 92; then
  apt-get install -y -q --no-install-recommends libnss3 libnspr4 libexpat1
  node e2e-old/old-chromium.mjs 86 92
fi

rm -rf "$data"
NIANBAO_DATA_DIR="$data" NIANBAO_DEMO=1 node server.mjs -p "$port" -H 127.0.0.1 >"/tmp/old-browsers-server-${port}.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
node -e 'const u = process.argv[1], end = Date.now() + 120e3;
  (async () => { for (;;) { try { if ((await fetch(u)).ok) return; } catch {} if (Date.now() > end) process.exit(1); await new Promise((r) => setTimeout(r, 500)); } })();' "http://127.0.0.1:${port}/login"

start=$(date +%s)
# Each kernel files its own year's report (the filer has one report per year).
OLD_BROWSER_YEAR=2023 timeout 300 node e2e-old/core-loop.mjs 86 "http://127.0.0.1:${port}"
OLD_BROWSER_YEAR=2024 timeout 300 node e2e-old/core-loop.mjs 92 "http://127.0.0.1:${port}"
echo "Old browsers: Chromium 86 and 92 passed in $(( $(date +%s) - start )) s"
