import { runChecks, type Finding } from '../lib/checks';
import { getTemplate } from '../lib/template/registry';
import type { Report } from '../lib/report/types';

export type CheckOutput = { text: string; code: 0 | 1 };

function line(f: Finding): string {
  const sev = f.severity === 'error' ? '错误' : '提示';
  const eq =
    f.lhs && f.rhs
      ? `（${f.lhs.label} = ${f.lhs.value}；${f.rhs.label} = ${f.rhs.value}${f.difference !== undefined ? `；相差 ${f.difference}` : ''}）`
      : '';
  return `${sev}\t${f.rule}\t${f.message}${eq}`;
}

/** `nianbao check`: the findings, and exit status 1 when any is an error. */
export function checkCommand(report: Report, options: { json: boolean }): CheckOutput {
  const findings = runChecks(getTemplate(report.edition), report);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const code = errors > 0 ? 1 : 0;
  if (options.json) return { text: `${JSON.stringify({ errors, warnings: findings.length - errors, findings }, null, 2)}\n`, code };
  const summary =
    findings.length === 0 ? '全部检查通过。' : `共 ${findings.length} 条：错误 ${errors} 条，提示 ${findings.length - errors} 条。`;
  return { text: [...findings.map(line), summary].join('\n') + '\n', code };
}
