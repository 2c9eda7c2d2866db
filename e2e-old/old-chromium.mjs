// Real old Chromium kernels for the end-to-end run on them (issue 22): the Chromium 86 of
// 360安全浏览器 13 / 奇安信, and 92. The npm packages chrome-aws-lambda@5.3.1 (86.0.4240) and
// @10.1.0 (92) carry a brotli-compressed Chromium built for Amazon Linux; it runs on Debian with
// the libraries Debian's chromium package brings. Each version is unpacked once into a cache
// directory, next to a puppeteer-core of the same era (Playwright does not drive kernels this
// old), installed there with `npm install --prefix` so package.json stays as it is.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** chrome-aws-lambda version → its Chromium and the puppeteer-core made for it. */
export const KERNELS = {
  86: { lambda: '5.3.1', puppeteer: '5.3.1' },
  92: { lambda: '10.1.0', puppeteer: '10.1.0' },
};

export const CACHE = process.env.NIANBAO_OLD_CHROMIUM_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nianbao-old-chromium');

/** chrome-aws-lambda's own flags for its build (headless, no GPU: SwiftShader), minus --single-process. */
export const ARGS = [
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-renderer-backgrounding',
  '--disable-sync',
  '--hide-scrollbars',
  '--metrics-recording-only',
  '--mute-audio',
  '--no-default-browser-check',
  '--no-first-run',
  '--no-pings',
  '--no-sandbox',
  '--no-zygote',
  '--password-store=basic',
  '--use-gl=swiftshader',
  '--use-mock-keychain',
  '--lang=zh-CN',
];

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Unpacks kernel `major` into the cache (once) and returns its binary and its puppeteer-core. */
export function ensureKernel(major) {
  const k = KERNELS[major];
  if (!k) throw new Error(`no Chromium ${major}: ${Object.keys(KERNELS).join(', ')}`);
  const dir = join(CACHE, `chromium-${major}`);
  const bin = join(dir, 'chromium');
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    console.log(`Chromium ${major}: chrome-aws-lambda@${k.lambda} into ${dir}`);
    run('npm', ['pack', `chrome-aws-lambda@${k.lambda}`, '--silent'], tmp);
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    run('tar', ['xzf', tgz, 'package/bin'], tmp);
    const from = join(tmp, 'package', 'bin');
    writeFileSync(join(tmp, 'chromium'), brotliDecompressSync(readFileSync(join(from, 'chromium.br'))), { mode: 0o755 });
    // SwiftShader (libEGL, libGLESv2) goes next to the binary; aws.tar's NSS and fonts are not needed on Debian.
    writeFileSync(join(tmp, 'swiftshader.tar'), brotliDecompressSync(readFileSync(join(from, 'swiftshader.tar.br'))));
    run('tar', ['xf', 'swiftshader.tar'], tmp);
    for (const f of ['swiftshader.tar', tgz, 'package']) rmSync(join(tmp, f), { recursive: true, force: true });
    run('npm', ['install', '--prefix', tmp, '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', `puppeteer-core@${k.puppeteer}`], tmp);
    writeFileSync(join(tmp, '.complete'), `${k.lambda} ${k.puppeteer}\n`);
    renameSync(tmp, dir);
  }
  const require = createRequire(join(dir, 'node_modules', 'puppeteer-core', 'package.json'));
  return { executablePath: bin, puppeteer: require('puppeteer-core'), dir };
}

/** The shared libraries the binary cannot find on this machine (ldd's 「not found」). */
export function missingLibraries(bin) {
  const out = execFileSync('ldd', [bin], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('not found')).map((l) => l.trim().split(' ')[0]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const major of process.argv.slice(2)) {
    const { executablePath } = ensureKernel(major);
    const missing = missingLibraries(executablePath);
    console.log(missing.length ? `MISSING ${missing.join(' ')}` : `Chromium ${major}: ${executablePath}`);
    if (missing.length) process.exitCode = 1;
  }
}
