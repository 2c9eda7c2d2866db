/**
 * nianbao — the command line, on the same lib/ code as the app.
 *   nianbao check FILE [--json]   findings; exit 1 on any error-level finding, 2 for a bad file
 *   nianbao tables FILE           every value cell: TABLE<TAB>ROW<TAB>COLUMN<TAB>VALUE
 *   nianbao render FILE --pdf OUT.pdf --docx OUT.docx [--final]
 *   nianbao import FILE --out report.json
 *   nianbao export FILE [--html OUT.html] [--json OUT.json] [--csv OUT.csv] [--final]
 *   nianbao admin create --agency NAME --username USER [--name DISPLAY]   (password on stdin)
 *   nianbao db export FILE | db import FILE [--force]   the installation to a file and back
 *   nianbao backup [--out DIR] [--keep N] | restore FILE [--force]
 * FILE: nianbao's JSON export, or a published report (PDF, DOCX, text) read by the importer.
 */
import { parseArgs } from 'node:util';
import { BadFile, readReportFile } from './io';
import { checkCommand } from './check';
import { tablesCommand } from './tables';
import { renderCommand } from './render';
import { exportCommand } from './export';
import { writeFile } from 'node:fs/promises';
import { serializeReport } from '../lib/report/json';
import { adminCreateCommand, readPassword, type AdminCreateArgs } from './admin';
import { AppError, MigrationBackupError } from '../lib/errors';
import { DataDirBusy } from '../lib/db/pglite-lock';
import { backupCommand, exportCommand as dbExportCommand, importCommand as dbImportCommand } from './db';

const USAGE = `用法：
  nianbao check 文件.json [--json]   检查报告；有错误时退出码为 1，文件无效时为 2
  nianbao tables 文件.json           逐行输出表二、表三、表四的每个单元格：表<TAB>行<TAB>列<TAB>值
  nianbao render 文件.json --pdf 输出.pdf --docx 输出.docx [--final]
                                     排版为 PDF 和/或 Word；不加 --final 时 PDF 带「草稿」水印
  nianbao import 报告.pdf --out 报告.json
                                     读取已发布的报告（PDF、Word、文本），保存为 nianbao 的 JSON
  nianbao export 文件.json --html 输出.html --json 输出.json --csv 输出.csv [--final]
                                     发布用网页（不加 --final 时带「草稿」提示）、JSON 和表格 CSV
  nianbao admin create --agency 机关名称 --username 用户名 [--name 显示名称]
                                     在不含演示数据的新安装中创建第一个管理员；密码从标准输入读取
                                     （内置数据库：请先停止应用）
  nianbao db export 文件.ndjson.gz    把整个安装（机关、账号、报告及其全部版本、审核记录和意见等）导出到文件
  nianbao db import 文件.ndjson.gz [--force]
                                     导入到当前配置的数据库（DATABASE_URL，否则内置数据库）；
                                     目标已有数据时拒绝，加 --force 则在同一事务中整体替换
  nianbao backup [--out 目录] [--keep 份数]
                                     写一份带时间的备份（默认目录：数据目录下的 backups），只保留最近的几份
  nianbao restore 备份.ndjson.gz [--force]
                                     从备份恢复，同 db import（内置数据库：请先停止应用）
文件可以是 nianbao 导出的报告 JSON（编辑页「导出 JSON」），也可以是已发布报告的 PDF、DOCX 或文本。`;

type Io = { out(text: string): void; err(text: string): void; stdin?: NodeJS.ReadStream };
const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  // export's --json names an output file, where check's --json is a switch.
  if (argv[0] === 'export') return exportMain(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        pdf: { type: 'string' },
        docx: { type: 'string' },
        final: { type: 'boolean' },
        out: { type: 'string' },
        agency: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean' },
        keep: { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, file, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    io.out(`${USAGE}\n`);
    return command || parsed.values.help ? 0 : 2;
  }
  if (command === 'admin') return adminCommand(file, rest, parsed.values, io);
  if (command === 'db' || command === 'backup' || command === 'restore') {
    return transferCommand(command === 'db' ? file : command, command === 'db' ? rest : [file, ...rest].filter(Boolean), parsed.values, io);
  }
  if (!['check', 'tables', 'render', 'import'].includes(command)) {
    io.err(`未知命令：${command}\n${USAGE}\n`);
    return 2;
  }
  if (!file || rest.length) {
    io.err(`请给出一个报告文件\n${USAGE}\n`);
    return 2;
  }
  try {
    const { report, notes } = await readReportFile(file);
    if (command === 'import') {
      if (!parsed.values.out) {
        io.err(`请用 --out 指定输出的 JSON 文件\n${USAGE}\n`);
        return 2;
      }
      await writeFile(parsed.values.out, serializeReport(report));
      io.out(`已导入：${parsed.values.out}\n${notes}`);
      return 0;
    }
    // Doubts of the importer go to standard error, so standard output stays the command's own.
    if (notes) io.err(`导入时需要核对：\n${notes}`);
    if (command === 'render') {
      if (!parsed.values.pdf && !parsed.values.docx) {
        io.err(`请用 --pdf 或 --docx 指定输出文件\n${USAGE}\n`);
        return 2;
      }
      io.out(await renderCommand(report, { pdf: parsed.values.pdf, docx: parsed.values.docx, final: !!parsed.values.final }));
      return 0;
    }
    if (command === 'tables') {
      io.out(tablesCommand(report));
      return 0;
    }
    const { text, code } = checkCommand(report, { json: !!parsed.values.json });
    io.out(text);
    return code;
  } catch (e) {
    if (e instanceof BadFile) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function adminCommand(sub: string | undefined, rest: string[], args: AdminCreateArgs, io: Io): Promise<number> {
  if (sub !== 'create' || rest.length) {
    io.err(`用法：nianbao admin create --agency 机关名称 --username 用户名 [--name 显示名称]\n`);
    return 2;
  }
  if (!args.agency || !args.username) {
    io.err('请用 --agency 和 --username 指定机关名称和用户名\n');
    return 2;
  }
  return refusable(io, async () => adminCreateCommand(args, await readPassword(io.stdin ?? process.stdin, io.err)));
}

/** A command on the database: its report on stdout (0), or a refusal's message on stderr (1). */
async function refusable(io: Io, run: () => Promise<string>): Promise<number> {
  try {
    io.out(await run());
    return 0;
  } catch (e) {
    if (e instanceof AppError || e instanceof DataDirBusy || e instanceof MigrationBackupError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function transferCommand(sub: string | undefined, args: string[], opts: { force?: boolean; out?: string; keep?: string }, io: Io): Promise<number> {
  const usage = (text: string) => (io.err(`${text}\n${USAGE}\n`), 2);
  if (sub === 'backup') {
    if (args.length) return usage('nianbao backup 不接受文件名：请用 --out 指定目录');
    return refusable(io, () => backupCommand({ out: opts.out, keep: opts.keep }));
  }
  if (sub !== 'export' && sub !== 'import' && sub !== 'restore') return usage('用法：nianbao db export 文件 或 nianbao db import 文件 [--force]');
  if (args.length !== 1) return usage('请给出一个数据文件');
  const [file] = args;
  return refusable(io, () => (sub === 'export' ? dbExportCommand(file) : dbImportCommand(file, !!opts.force)));
}

async function exportMain(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { html: { type: 'string' }, json: { type: 'string' }, csv: { type: 'string' }, final: { type: 'boolean' } },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [file, ...rest] = parsed.positionals;
  const { html, json, csv, final } = parsed.values;
  if (!file || rest.length || (!html && !json && !csv)) {
    io.err(`请给出一个报告文件，并用 --html、--json 或 --csv 指定输出文件\n${USAGE}\n`);
    return 2;
  }
  try {
    const { report, notes } = await readReportFile(file);
    if (notes) io.err(`导入时需要核对：\n${notes}`);
    io.out(await exportCommand(report, { html, json, csv, final: !!final }));
    return 0;
  } catch (e) {
    if (e instanceof BadFile) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
