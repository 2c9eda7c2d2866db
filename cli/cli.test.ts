import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { parseReportJson, serializeReport } from '../lib/report/json';
import { setCell } from '../lib/report/cells';
import { loadSeedFixtures, repoRoot } from '../test/fixtures/load';
import { consistentReport } from '../test/support/generate';
import { copyTemplateDir } from '../test/support/pglite-template';
import { QUICK } from '../test/support/quick';

const run = promisify(execFile);
const BIN = path.join(repoRoot, 'bin/nianbao.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cli-'));
const seeds = loadSeedFixtures();

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** A test of the real binary in a fresh Node process: run by `npm test`, skipped by test:quick. */
const itBinary = it.skipIf(QUICK);

/** Runs the real command as a user would; resolves with stdout, stderr and the exit status. */
async function nianbao(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

async function inProcess(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { out, err, code };
}

describe('nianbao tables', () => {
  itBinary('prints every value cell of 表二, 表三 and 表四 with full label paths (the real binary)', async () => {
    const seed = seeds.find((s) => s.name.startsWith('004'))!;
    const { stdout, code } = await nianbao('tables', write('004.json', serializeReport(seed.report)));
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10 + 25 * 7 + 15);
    expect(lines).toContain('二\t第二十条第（一）项 / 规章\t本年制发件数\t0');
    expect(lines).toContain('二\t第二十条第（六）项 / 行政处罚\t本年处理决定数量\t2');
    expect(lines).toContain('二\t第二十条第（八）项 / 行政事业性收费\t本年收费金额（单位：万元）\t0');
    expect(lines).toContain('三\t三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密\t自然人\t0');
    expect(lines).toContain('三\t一、本年新收政府信息公开申请数量\t总计\t0');
    expect(lines).toContain('四\t行政复议\t结果维持\t0');
    expect(lines).toContain('四\t行政诉讼 / 复议后起诉\t总计\t0');
    expect(lines.every((l) => l.split('\t').length === 4)).toBe(true);
  });

  it('prints values as stored: large counts, decimal amounts, and blanks as empty', async () => {
    let r = consistentReport(8, 5000);
    r = setCell(r, { table: 'table2', row: 'administrativeFees', col: 'amount' }, '59237.2449');
    r = setCell(r, { table: 'table3', row: 'granted', col: 'research' }, null);
    const { out, code } = await inProcess('tables', write('big.json', serializeReport(r)));
    expect(code).toBe(0);
    expect(out).toContain('二\t第二十条第（八）项 / 行政事业性收费\t本年收费金额（单位：万元）\t59237.2449\n');
    expect(out).toContain('三\t三、本年度办理结果 / （一）予以公开\t科研机构\t\n');
    const total = r.tables.table3.newReceived.total;
    expect(out).toContain(`三\t一、本年新收政府信息公开申请数量\t总计\t${total}\n`);
  });
});

describe('nianbao check', () => {
  it('exits 0 on each seed (no error-level finding) and lists its warnings', async () => {
    for (const seed of seeds) {
      const { out, code } = await inProcess('check', write(`${seed.name}.json`, serializeReport(seed.report)));
      expect(code, seed.name).toBe(0);
      expect(out).toMatch(/共 \d+ 条：错误 0 条|全部检查通过/);
    }
  });

  itBinary('exits 1 and names the rule, the column and the difference when a rule breaks (the real binary)', async () => {
    const r = consistentReport(3);
    const broken = setCell(r, { table: 'table3', row: 'carriedForward', col: 'natural' }, (r.tables.table3.carriedForward.natural as number) + 4);
    const file = write('broken.json', serializeReport(broken));
    const text = await nianbao('check', file);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/错误\tR1\t表三「自然人」列/);
    expect(text.stdout).toContain('相差 -4');
    const json = await nianbao('check', file, '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.errors).toBeGreaterThan(0);
    expect(parsed.findings.map((f: { id: string }) => f.id)).toContain('R1:table3:natural');
  });

  it('exits 2 with a Chinese message for a missing, garbage or foreign file', async () => {
    const missing = await nianbao('check', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const garbage = await inProcess('check', write('garbage.json', '\u0000\u0001PK\u0003\u0004 not json'));
    expect(garbage.code).toBe(2);
    expect(garbage.err).toContain('不是有效的 JSON');
    const foreign = await inProcess('check', write('foreign.json', JSON.stringify({ hello: 'world' })));
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain('不是 nianbao 导出的报告');
    const wrongShape = await inProcess('tables', write('shape.json', serializeReport({ ...seeds[0].report, text: {} } as never)));
    expect(wrongShape.code).toBe(2);
    expect(wrongShape.err).toContain('报告内容不符合格式');
    expect((await inProcess('frobnicate', 'x.json')).code).toBe(2);
    expect((await inProcess('check')).code).toBe(2);
  });
});

describe('the JSON export', () => {
  it('round-trips losslessly: seeds and generated reports with decimals, blanks and line breaks', () => {
    let generated = consistentReport(12, 100000, '某某市某某区某某某某某某某某街道办事处（某某某某管理委员会）');
    generated = setCell(generated, { table: 'table2', row: 'administrativeFees', col: 'amount' }, '0.0001');
    generated = setCell(generated, { table: 'table4', row: 'review', col: 'other' }, null);
    generated.text.problems.measures = '第一段，含“引号”与\t制表符。\n第二段\n\n第四段 <b>不是标签</b>';
    generated.meta = { ...generated.meta, title: '自定义标题', publishDate: '2025-01-20', totals: 'asPrinted' };
    for (const report of [...seeds.map((s) => s.report), generated]) {
      expect(parseReportJson(serializeReport(report))).toEqual(report);
    }
  });
});

describe('nianbao import, and commands on published reports', () => {
  itBinary('imports a published report’s text to JSON that round-trips, and says what to check (the real binary)', async () => {
    const seed = seeds.find((s) => s.name.startsWith('002'))!;
    const source = write('002.txt', seed.text);
    const out = path.join(dir, '002-imported.json');
    const r = await nianbao('import', source, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导入');
    expect(r.stdout).toContain('第一部分没有可识别的小标题'); // 002 writes 总体情况 as one block
    const imported = parseReportJson(readFileSync(out, 'utf8'));
    expect(imported.tables).toEqual(seed.report.tables);
    expect(imported.meta.totals).toBe('asPrinted');
  });

  it('tables and check read a published report directly, with the same cells as its fixture', async () => {
    for (const seed of seeds) {
      const fromText = await inProcess('tables', write(`${seed.name}.txt`, seed.text));
      const fromJson = await inProcess('tables', write(`${seed.name}.json`, serializeReport(seed.report)));
      expect(fromText.code, seed.name).toBe(0);
      expect(fromText.out).toBe(fromJson.out);
    }
    const check = await nianbao('check', write('001.txt', seeds[1].text));
    expect(check.code).toBe(0);
  });

  it('refuses --out missing, and a file that is no report, with exit status 2', async () => {
    expect((await inProcess('import', write('x.txt', seeds[0].text))).code).toBe(2);
    const junk = await inProcess('tables', write('junk.pdf', '%PDF-1.7 garbage'));
    expect(junk.code).toBe(2);
    expect(junk.err).toMatch(/PDF/);
  });
});

describe('nianbao admin create', () => {
  /** The real command, as an operator types it: password on standard input. */
  const adminCreate = (dataDir: string, password: string, ...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [BIN, 'admin', 'create', ...args],
        { env: { ...process.env, NIANBAO_DATA_DIR: dataDir, DATABASE_URL: '' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(`${password}\n`);
    });

  /** An installation's data folder whose embedded database is migrated and empty. */
  const emptyInstallation = () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-admin-'));
    copyTemplateDir(path.join(dataDir, 'pglite'));
    return dataDir;
  };

  itBinary('creates the first administrator on an empty embedded database, once (the real binary)', async () => {
    const dataDir = emptyInstallation();
    const first = await adminCreate(dataDir, 'first-admin-2026', '--agency', '文峰区', '--username', 'root', '--name', '区管理员');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已创建管理员「root」和机关「文峰区」');
    const second = await adminCreate(dataDir, 'first-admin-2026', '--agency', '文峰区', '--username', 'other');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('已有管理员账号「root」');
    const short = await adminCreate(emptyInstallation(), 'short', '--agency', '文峰区', '--username', 'root');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('密码至少 8 位');
  }, 120_000);

  it('asks for the agency and user name', async () => {
    const r = await inProcess('admin', 'create', '--username', 'root');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--agency');
  });
});

describe('nianbao export', () => {
  it('writes the publication page, the JSON and the tables CSV of a report', async () => {
    const seed = seeds.find((s) => s.name.startsWith('004'))!;
    const file = write('export.json', serializeReport(seed.report));
    const [html, json, csv] = ['p.html', 'p.json', 'p.csv'].map((n) => path.join(dir, n));
    const { code, out } = await inProcess('export', file, '--html', html, '--json', json, '--csv', csv, '--final');
    expect(code).toBe(0);
    expect(out).toContain(html);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(page).not.toContain('class="draft"');
    expect(parseReportJson(readFileSync(json, 'utf8'))).toEqual(seed.report);
    expect(readFileSync(csv, 'utf8').split('\r\n')).toHaveLength(1 + 10 + 25 * 7 + 15 + 1);
    // Without --final the page says it is a draft; without an output it is refused.
    await inProcess('export', file, '--html', html);
    expect(readFileSync(html, 'utf8')).toContain('class="draft"');
    expect((await inProcess('export', file)).code).toBe(2);
  });
});
