'use client';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CellRef } from '@/lib/template/types';
import { getTemplate } from '@/lib/template/registry';
import { sectionHeading, tableCells } from '@/lib/template/walk';
import type { Report } from '@/lib/report/types';
import { cellId, recomputeTotals, totalsMismatch } from '@/lib/report/cells';
import { reportTitle } from '@/lib/report/blank';
import { META_STEP, stepOfFinding, stepStates } from '@/lib/report/progress';
import { runChecks } from '@/lib/checks';
import type { Finding } from '@/lib/checks/types';
import { buildDocument } from '@/lib/document/build';
import type { TransitionKey } from '@/lib/review/transitions';
import type { CommentView, TimelineEntry } from '@/lib/server/review';
import { GridContext } from '../grid/grid-context';
import { ReportPreview } from '../preview/report-preview';
import { FontNote, type FontUse } from '../preview/font-note';
import { SectionComments } from '../review/section-comments';
import { Timeline } from '../review/timeline';
import { CheckPanel } from './check-panel';
import { ConflictBanner } from './conflict-banner';
import { EditorHeader } from './editor-header';
import { SectionStepper } from './section-stepper';
import { StepBody } from './step-body';
import { useAutosave } from './use-autosave';
import { useGridController } from './use-grid-controller';

export type EditorRecord = {
  id: string;
  agencyName: string;
  year: number;
  edition: string;
  status: string;
  version: number;
  content: Report;
  updatedAt: string;
  updatedByName: string | null;
  canEdit: boolean;
  transitions: TransitionKey[];
  canComment: boolean;
};

/** Sections with an open comment, in the order they were made. */
function sectionsWithComments(comments: CommentView[]): string[] {
  return [...new Set(comments.filter((c) => !c.resolvedAt).map((c) => c.section))];
}

type Focus = { kind: 'cell'; ref: CellRef } | { kind: 'part'; section: string; part: string } | { kind: 'field'; field: string };

/**
 * The guided form. Data flows one way: the form holds the Report; every change re-runs the
 * checks (pure, well under a millisecond), which drive the panel, the cell highlights and the
 * stepper; autosave sends the Report to the server.
 */
export function ReportEditor({
  record,
  fonts,
  comments,
  timeline,
  lastYear,
}: {
  record: EditorRecord;
  fonts: FontUse[];
  comments: CommentView[];
  timeline: TimelineEntry[];
  /** Last year's report of the agency, when there is one: the year-over-year checks run. */
  lastYear: Report | null;
}) {
  const template = getTemplate(record.edition);
  const form = useForm<Report>({ defaultValues: record.content });
  const report = useWatch({ control: form.control }) as Report;
  const readOnly = !record.canEdit;
  const autosave = useAutosave({
    reportId: record.id,
    version: record.version,
    savedAt: record.updatedAt,
    form,
    enabled: !readOnly,
  });

  const findings = useMemo(() => runChecks(template, report, { lastYear }), [template, report, lastYear]);
  const states = useMemo(() => stepStates(template, report, findings), [template, report, findings]);
  const mismatched = useMemo(
    () => (report.meta.totals === 'asPrinted' ? totalsMismatch(template, report) : []),
    [template, report],
  );

  const [step, setStep] = useState<string>(META_STEP);
  const [showPreview, setShowPreview] = useState(false);
  // The preview follows the form a beat behind, so typing never waits for it.
  const previewReport = useDeferredValue(report);
  const previewDoc = useMemo(
    () => (showPreview ? buildDocument(template, previewReport) : null),
    [showPreview, template, previewReport],
  );
  const [activeFinding, setActiveFinding] = useState<Finding | null>(null);
  const [pendingFocus, setPendingFocus] = useState<Focus | null>(null);

  const focusElsewhere = useCallback(
    (ref: CellRef) => {
      setStep(template.sections.find((s) => s.table === ref.table)?.key ?? META_STEP);
      setPendingFocus({ kind: 'cell', ref });
    },
    [template],
  );
  const { grid, message, clearMessage } = useGridController({
    template,
    form,
    findings,
    activeFinding,
    readOnly,
    onFocusElsewhere: focusElsewhere,
  });

  // A message about a cell of another step would point at nothing.
  useEffect(() => clearMessage(), [step, clearMessage]);

  // Focus what a finding points at once its step is on screen.
  useEffect(() => {
    if (!pendingFocus) return;
    const id =
      pendingFocus.kind === 'cell'
        ? `cell-${cellId(pendingFocus.ref)}`
        : pendingFocus.kind === 'part'
          ? `part-${pendingFocus.section}-${pendingFocus.part}`
          : `meta-${pendingFocus.field}`;
    const el = document.getElementById(id);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      // Done once the element exists in the DOM, which only an effect can know.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setPendingFocus(null);
    }
  }, [pendingFocus, step]);

  const selectFinding = (f: Finding) => {
    setActiveFinding(f);
    setStep(stepOfFinding(f));
    if (f.cells.length) setPendingFocus({ kind: 'cell', ref: f.cells[0] });
    else if (f.part) setPendingFocus({ kind: 'part', section: f.part.section, part: f.part.part });
    else if (f.field) setPendingFocus({ kind: 'field', field: f.field });
  };

  const recomputeAll = () => {
    const next = recomputeTotals(template, { ...form.getValues(), meta: { ...form.getValues().meta, totals: 'computed' } });
    form.setValue('tables', next.tables, { shouldDirty: true });
    form.setValue('meta.totals', 'computed', { shouldDirty: true });
  };

  const downloadLocal = () => {
    const blob = new Blob([JSON.stringify(form.getValues(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${reportTitle(template, form.getValues())}（本页未保存内容）.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  // The files are made from what the server holds: save pending input first.
  const download = async (kind: 'pdf' | 'docx') => {
    if (!readOnly) await autosave.saveNow();
    window.location.assign(`/api/reports/${record.id}/${kind}`);
  };

  const commentsFor = (sectionKey: string) => {
    const table = template.sections.find((x) => x.key === sectionKey)?.table;
    return (
      <SectionComments
        reportId={record.id}
        section={sectionKey}
        comments={comments}
        canComment={record.canComment}
        canResolve={record.canEdit || record.canComment}
        cells={
          table && record.canComment
            ? tableCells(template, table).map((c) => ({ id: cellId(c), label: `${c.rowPath.join(' ')} · ${c.colLabel}` }))
            : []
        }
      />
    );
  };
  const openComments = comments.filter((c) => !c.resolvedAt).length;

  return (
    <GridContext.Provider value={grid}>
      <EditorHeader
        record={record}
        title={reportTitle(template, report)}
        saveState={autosave.state}
        onRetrySave={autosave.retryNow}
        beforeSubmit={async () => {
          await autosave.saveNow();
          return autosave.currentVersion();
        }}
        showPreview={showPreview}
        onTogglePreview={() => setShowPreview((v) => !v)}
        hasLastYear={lastYear !== null}
        onDownload={(kind) => void download(kind)}
      />

      {openComments > 0 && (
        <div className="banner alert warn" role="status" data-testid="open-comments">
          审核人提出了 {openComments} 条意见，已显示在相应部分的上方。
          {sectionsWithComments(comments).map((k) => (
            <button key={k} type="button" className="btn" onClick={() => setStep(k)}>
              {k === META_STEP ? '基本信息' : sectionHeading(template.sections.find((x) => x.key === k)!)}
            </button>
          ))}
        </div>
      )}
      <ConflictBanner
        state={autosave.state}
        onDownloadLocal={downloadLocal}
        onOverwrite={() => void autosave.overwrite()}
        onLoadLatest={() => void autosave.loadLatest()}
      />
      {mismatched.length > 0 && (
        <div className="banner alert warn" role="status">
          有 {mismatched.length} 个合计与明细之和不一致（保留了原报告印出的数字，已在检查结果中列出）。
          {!readOnly && (
            <button type="button" className="btn" onClick={recomputeAll}>
              按明细重算合计
            </button>
          )}
        </div>
      )}

      <div className="editor">
        <SectionStepper template={template} current={step} states={states} onSelect={setStep} />
        <StepBody
          template={template}
          step={step}
          onStep={setStep}
          form={form}
          report={report}
          findings={findings}
          readOnly={readOnly}
          comments={commentsFor}
        />
        <CheckPanel findings={findings} activeId={activeFinding?.id ?? null} onSelect={selectFinding} />
      </div>
      <Timeline entries={timeline} />
      {previewDoc && (
        <section className="preview-pane" aria-labelledby="preview-title">
          <header>
            <h2 id="preview-title">预览</h2>
            <span className="fonts">与下载的 PDF、Word 文件内容和编号一致；分页以 PDF 为准。</span>
            <FontNote fonts={fonts} />
          </header>
          <ReportPreview doc={previewDoc} isDraft={record.status !== 'approved'} />
        </section>
      )}
      {message && (
        <div className="cell-message" role="alert" style={{ top: message.top, left: message.left }}>
          {message.text}
        </div>
      )}
    </GridContext.Provider>
  );
}
