'use client';
import type { ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ReportTemplate, TableKey } from '@/lib/template/types';
import type { Report } from '@/lib/report/types';
import type { Finding } from '@/lib/checks/types';
import { META_STEP } from '@/lib/report/progress';
import { sectionHeading } from '@/lib/template/walk';
import { partNumbers } from '@/lib/document/build';
import { Table2Grid } from '../grid/table2-grid';
import { Table3Grid } from '../grid/table3-grid';
import { Table4Grid } from '../grid/table4-grid';
import { FillZero } from './fill-zero';
import { MetaForm } from './meta-form';
import { TextPart } from './text-part';
import { stepList } from './section-stepper';
import { LastYearProblems } from './last-year-problems';
import { useGrid } from '../grid/grid-context';

/**
 * The current step of the form: 基本信息, or one section with its table and text parts,
 * numbered as the document numbers them, and the step navigation below.
 */
export function StepBody({
  template,
  step,
  onStep,
  form,
  report,
  registeredName,
  findings,
  readOnly,
  comments,
  lastYear,
  onCommentPart,
  onFillZero,
}: {
  template: ReportTemplate;
  step: string;
  onStep(key: string): void;
  form: UseFormReturn<Report>;
  report: Report;
  /** The agency's registered name (printed), shown in 基本信息. */
  registeredName: string;
  findings: Finding[];
  readOnly: boolean;
  /** The reviewer's comments on a step, shown above its content. */
  comments(sectionKey: string): ReactNode;
  /** Last year's report, when there is one: its problems are shown beside their follow-up part. */
  lastYear: Report | null;
  /** For a reviewer: comment on a part, named as it prints. */
  onCommentPart?(sectionKey: string, label: string): void;
  /** 「未填写的单元格填 0」 for a table (absent when read-only): resolves with an error message or null. */
  onFillZero?(table: TableKey): Promise<string | null>;
}) {
  const grid = useGrid();
  const steps = stepList(template);
  const stepIndex = steps.findIndex((s) => s.key === step);
  const section = template.sections.find((s) => s.key === step);
  const warningsFor = (sectionKey: string, partKey: string) =>
    findings.filter((f) => f.part?.section === sectionKey && f.part.part === partKey).map((f) => f.message);

  let body: ReactNode;
  if (step === META_STEP || !section) {
    body = (
      <>
        <h2 id="step-title">基本信息</h2>
        {comments(META_STEP)}
        <MetaForm template={template} form={form} report={report} registeredName={registeredName} findings={findings} readOnly={readOnly} />
      </>
    );
  } else {
    const numbers = partNumbers(section);
    const followUp = template.problemsFollowUp;
    const quote = (q: string) => {
      const name = `text.${followUp.section}.${followUp.part}` as const;
      const now = (form.getValues(name) ?? '').replace(/\s+$/, '');
      form.setValue(name, now ? `${now}\n${q}` : q, { shouldDirty: true });
      const el = document.getElementById(`part-${followUp.section}-${followUp.part}`) as HTMLTextAreaElement | null;
      el?.focus();
      el?.setSelectionRange(el.value.length, el.value.length);
    };
    body = (
      <>
        <h2 id="step-title">{sectionHeading(section)}</h2>
        <p className="guidance">{section.guidance}</p>
        {comments(section.key)}
        {section.table === 'table2' && <Table2Grid template={template} table={template.tables.table2} values={report.tables.table2} />}
        {section.table === 'table3' && <Table3Grid template={template} table={template.tables.table3} values={report.tables.table3} />}
        {section.table === 'table4' && <Table4Grid template={template} table={template.tables.table4} values={report.tables.table4} />}
        {section.table && (
          <div className="grid-legend" aria-hidden="true">
            <span className="l-blank">未填写</span>
            <span className="l-computed">自动计算</span>
            <span className="l-flagged">检查未通过</span>
            {grid.toConfirm.size > 0 && <span className="l-to-confirm">导入存疑，待核对</span>}
            {grid.commented.size > 0 && <span className="l-commented">有审核意见</span>}
            <span>点一下选中，直接输入即替换；F2 或双击在格内修改；Esc 恢复原值；Tab / Enter / 方向键移动；可从 Excel、WPS 粘贴整块数据</span>
          </div>
        )}
        {section.table && onFillZero && !readOnly && <FillZero template={template} table={section.table} report={report} onFill={onFillZero} />}
        {section.parts.map((p) => (
          <TextPart
            key={p.key}
            sectionKey={section.key}
            part={p}
            number={numbers.get(p.key) ?? null}
            value={report.text[section.key]?.[p.key] ?? ''}
            warnings={warningsFor(section.key, p.key)}
            readOnly={readOnly}
            register={form.register}
            onComment={onCommentPart && (() => onCommentPart(section.key, `「${numbers.get(p.key) ?? ''}${p.title ?? p.label}」`))}
          >
            {lastYear && section.key === followUp.section && p.key === followUp.part && (
              <LastYearProblems
                text={followUp.from.map((k) => lastYear.text[followUp.section]?.[k] ?? '')}
                readOnly={readOnly}
                onQuote={quote}
              />
            )}
          </TextPart>
        ))}
      </>
    );
  }

  return (
    <main className="section-card" aria-labelledby="step-title">
      {body}
      <div className="step-nav">
        <button type="button" className="btn" disabled={stepIndex <= 0} onClick={() => onStep(steps[stepIndex - 1].key)}>
          上一部分
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={stepIndex >= steps.length - 1}
          onClick={() => onStep(steps[stepIndex + 1].key)}
        >
          下一部分
        </button>
      </div>
    </main>
  );
}
