import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirBusy, lockDataDir } from './pglite-lock';
import { openDb } from './client';
import { copyTemplateDir } from '../../test/support/pglite-template';

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'nianbao-lock-')), 'pglite');

describe('the PGlite folder lock', () => {
  it('lets one process in and tells a second which process holds the folder', () => {
    const dir = freshDir();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirBusy);
      expect(() => lockDataDir(dir)).toThrow(`PID ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process is gone, and releases it', () => {
    const dir = freshDir();
    const gone = spawnSync('true').pid;
    writeFileSync(`${dir}.lock`, String(gone));
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('is held while the database is open and freed when it closes', async () => {
    const dir = freshDir();
    copyTemplateDir(dir);
    const h = await openDb({ dataDir: dir });
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    await h.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await openDb({ dataDir: dir });
    await again.close();
  });
});
