import type { Finding } from '../checks/types';
import type { ReportTemplate } from '../template/types';
import { tableCells } from '../template/walk';
import type { Report } from './types';

/** The state the stepper shows for each part of the form. */
export type StepState = 'empty' | 'progress' | 'error' | 'complete';

/** Key of the 基本信息 step (report metadata), which precedes sections 一…六. */
export const META_STEP = 'meta';

/** The step a finding belongs to: metadata findings name a field; the rest their section. */
export function stepOfFinding(f: Finding): string {
  return f.field ? META_STEP : f.section;
}

/**
 * empty: nothing filled. progress: partly filled, or warnings. error: a hard check fails
 * (blank cells alone are "in progress", not an error, while the clerk is still typing).
 * complete: every required part and every cell filled, no error.
 */
export function stepStates(template: ReportTemplate, report: Report, findings: Finding[]): Record<string, StepState> {
  const out: Record<string, StepState> = {};
  const errorsIn = new Set(findings.filter((f) => f.severity === 'error' && f.rule !== 'R6').map(stepOfFinding));
  for (const s of template.sections) {
    let filled = 0;
    let missing = 0;
    for (const p of s.parts) {
      const has = (report.text[s.key]?.[p.key] ?? '').trim() !== '';
      if (has) filled++;
      else if (p.required) missing++;
    }
    if (s.table) {
      for (const c of tableCells(template, s.table)) {
        if (c.computed) continue;
        if (report.tables[s.table]?.[c.row]?.[c.col] == null) missing++;
        else filled++;
      }
    }
    out[s.key] = errorsIn.has(s.key) ? 'error' : filled === 0 ? 'empty' : missing === 0 ? 'complete' : 'progress';
  }
  const metaFindings = findings.filter((f) => stepOfFinding(f) === META_STEP);
  out[META_STEP] = errorsIn.has(META_STEP)
    ? 'error'
    : metaFindings.length > 0 || !report.meta.agencyName.trim()
      ? 'progress'
      : 'complete';
  return out;
}

export const STEP_STATE_NAMES: Record<StepState, string> = {
  empty: '未填写',
  progress: '填写中',
  error: '有错误',
  complete: '已完成',
};
