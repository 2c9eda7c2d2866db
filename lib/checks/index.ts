/**
 * `runChecks(template, report)`: every rule of design §3.1 as pure functions of the report.
 * Hard rules (R1–R6, errors) block submission; soft checks (warnings) are shown, never block.
 * Errors come first, then warnings, each in the order of the report.
 */
import type { ReportTemplate } from '../template/types';
import type { Report } from '../report/types';
import { checkContext } from './context';
import { completenessFindings, domainFindings, importDoubtFindings, sumRuleFindings } from './tables';
import { metaFindings } from './meta';
import { emptyPartFindings, feeStatementFindings, textDateFindings, textNumberFindings } from './text';
import { copiedTextFindings, lastYearFindings } from './last-year';
import type { Finding } from './types';

export type { Finding, Severity, EquationSide } from './types';

export type CheckOptions = {
  /** Last year's report of the same agency, when known: enables the year-over-year checks. */
  lastYear?: Report | null;
};

/** The rules that block submission and finalisation. */
export const HARD_RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'] as const;

export function runChecks(template: ReportTemplate, report: Report, options: CheckOptions = {}): Finding[] {
  const ctx = checkContext(template);
  const findings: Finding[] = [
    ...sumRuleFindings(ctx, report),
    ...domainFindings(ctx, report),
    ...completenessFindings(ctx, report),
    ...importDoubtFindings(ctx, report),
    ...metaFindings(report),
    ...emptyPartFindings(template, report),
    ...feeStatementFindings(ctx, report),
    ...textNumberFindings(ctx, report),
    ...textDateFindings(ctx, report),
    ...(options.lastYear ? lastYearFindings(ctx, report, options.lastYear) : []),
    ...(options.lastYear ? copiedTextFindings(ctx, report, options.lastYear) : []),
  ];
  const order = new Map(['meta', ...template.sections.map((s) => s.key)].map((k, i) => [k, i]));
  // A stable sort: errors first, then by section in print order.
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (a.f.severity === b.f.severity ? 0 : a.f.severity === 'error' ? -1 : 1) ||
        (order.get(a.f.section) ?? 99) - (order.get(b.f.section) ?? 99) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** 错误 and 提示 counts, as the editor's check panel and the district list both show them. */
export function findingCounts(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
