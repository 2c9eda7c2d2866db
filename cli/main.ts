/**
 * nianbao — the command line, on the same lib/ code as the app.
 *   nianbao check FILE [--json]   findings; exit 1 on any error-level finding, 2 for a bad file
 *   nianbao tables FILE           every value cell: TABLE<TAB>ROW<TAB>COLUMN<TAB>VALUE
 *   nianbao render FILE --pdf OUT.pdf --docx OUT.docx [--final]
 */
import { parseArgs } from 'node:util';
import { BadFile, readReportFile } from './io';
import { checkCommand } from './check';
import { tablesCommand } from './tables';
import { renderCommand } from './render';

const USAGE = `用法：
  nianbao check 文件.json [--json]   检查报告；有错误时退出码为 1，文件无效时为 2
  nianbao tables 文件.json           逐行输出表二、表三、表四的每个单元格：表<TAB>行<TAB>列<TAB>值
  nianbao render 文件.json --pdf 输出.pdf --docx 输出.docx [--final]
                                     排版为 PDF 和/或 Word；不加 --final 时 PDF 带「草稿」水印
文件为 nianbao 导出的报告 JSON（编辑页「导出 JSON」）。`;

type Io = { out(text: string): void; err(text: string): void };
const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        pdf: { type: 'string' },
        docx: { type: 'string' },
        final: { type: 'boolean' },
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
  if (!['check', 'tables', 'render'].includes(command)) {
    io.err(`未知命令：${command}\n${USAGE}\n`);
    return 2;
  }
  if (!file || rest.length) {
    io.err(`请给出一个报告文件\n${USAGE}\n`);
    return 2;
  }
  try {
    const report = await readReportFile(file);
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
