'use client';
import type { ReportTemplate } from '@/lib/template/types';
import { META_STEP, STEP_STATE_NAMES, type StepState } from '@/lib/report/progress';

const DOT: Record<StepState, string> = { empty: '', progress: '…', error: '!', complete: '✓' };

export function stepList(template: ReportTemplate): { key: string; numeral: string; title: string }[] {
  return [{ key: META_STEP, numeral: '', title: '基本信息' }, ...template.sections];
}

/** The stepper 一…六 with each section's state; a list of buttons, usable by keyboard. */
export function SectionStepper({
  template,
  current,
  states,
  onSelect,
}: {
  template: ReportTemplate;
  current: string;
  states: Record<string, StepState>;
  onSelect(key: string): void;
}) {
  return (
    <nav className="stepper" aria-label="报告各部分">
      <ol>
        {stepList(template).map((s) => (
          <li key={s.key} data-state={states[s.key]}>
            <button type="button" aria-current={current === s.key ? 'step' : undefined} onClick={() => onSelect(s.key)}>
              <span className="dot" aria-hidden="true">
                {DOT[states[s.key]] || s.numeral || '·'}
              </span>
              <span>
                {s.numeral ? `${s.numeral}、` : ''}
                {s.title}
                <span className="state">{STEP_STATE_NAMES[states[s.key]]}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
