#!/usr/bin/env node
/**
 * Every native file (ELF) under DIR is built for ARCH: reads each regular file's ELF header
 * (magic, class, e_machine) rather than trusting names. Lists what it found; exits 1 when a
 * file is for another machine or when no ELF file is found at all.
 *   node .ci/elf-arch.mjs DIR x64|arm64
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';

const MACHINES = { 62: 'x64', 183: 'arm64', 3: 'x86', 40: 'arm', 243: 'riscv64' };
const [dir, want] = process.argv.slice(2);
if (!dir || !['x64', 'arm64'].includes(want)) {
  console.error('usage: elf-arch.mjs DIR x64|arm64');
  process.exit(2);
}

const found = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) {
      const head = Buffer.alloc(20);
      const fd = openSync(p, 'r');
      const n = readSync(fd, head, 0, 20, 0);
      closeSync(fd);
      if (n < 20 || head.readUInt32BE(0) !== 0x7f454c46) continue;
      const little = head[5] === 1;
      const machine = little ? head.readUInt16LE(18) : head.readUInt16BE(18);
      found.push({ file: path.relative(dir, p), bits: head[4] === 2 ? 64 : 32, machine: MACHINES[machine] ?? `e_machine ${machine}` });
    }
  }
};
walk(dir);
const wrong = found.filter((f) => f.machine !== want || f.bits !== 64);
for (const f of found) console.log(`${f.machine === want && f.bits === 64 ? 'ok   ' : 'WRONG'} ${f.machine} ${f.bits}-bit  ${f.file}`);
if (!found.length) {
  console.error(`elf-arch: no ELF file under ${dir}`);
  process.exit(1);
}
if (wrong.length) {
  console.error(`elf-arch: ${wrong.length} of ${found.length} ELF files are not ${want}`);
  process.exit(1);
}
console.log(`elf-arch: all ${found.length} ELF files are ${want}`);
