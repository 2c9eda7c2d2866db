'use client';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import type { CellRef, TableKey } from '@/lib/template/types';
import { getTemplate } from '@/lib/template/registry';
import { sectionHeading } from '@/lib/template/walk';
import type { Report } from '@/lib/report/types';
import { mergeReports, resolveMerge, type MergeConflict } from '@/lib/report/merge';
import { cellId, computeTotalsFromDetails, confirmCells, parseCellId, totalsMismatch } from '@/lib/report/cells';
import { reportTitle, withRegisteredName } from '@/lib/report/blank';
import { META_STEP, stepOfFinding, stepStates } from '@/lib/report/progress';
import { runChecks } from '@/lib/checks';
import type { Finding } from '@/lib/checks/types';
import { checkContext } from '@/lib/checks/context';
import { buildDocument } from '@/lib/document/build';
import type { CommentView, TimelineEntry } from '@/lib/server/review';
import type { ReportRecord } from '@/lib/server/reports';
import { GridContext, PasteNoteContext } from '../grid/grid-context';
import { ReportPreview } from '../preview/report-preview';
import { FontNote, type FontUse } from '../preview/font-note';
import { SectionComments, type CommentTarget } from '../review/section-comments';
import { ReturnNoteText } from '../review/return-note';
import { Timeline } from '../review/timeline';
import { BootNotice } from './boot-notice';
import { postJson } from '../review/post-json';
import { CheckPanel } from './check-panel';
import { ConflictBanner } from './conflict-banner';
import { EditorHeader } from './editor-header';
import { SectionStepper } from './section-stepper';
import { StepBody } from './step-body';
import { useAutosave } from './use-autosave';
import { useGridController } from './use-grid-controller';


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
  record: ReportRecord;
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
  const mergeWith = useCallback((base: Report, mine: Report, theirs: Report) => mergeReports(template, base, mine, theirs), [template]);
  const resolveWith = useCallback((merged: Report, conflicts: MergeConflict[], theirs: Set<number>) => resolveMerge(template, merged, conflicts, theirs), [template]);
  const autosave = useAutosave({
    reportId: record.id,
    version: record.version,
    savedAt: record.updatedAt,
    form,
    enabled: !readOnly,
    merge: mergeWith,
    resolve: resolveWith,
  });

  const findings = useMemo(() => runChecks(template, report, { lastYear }), [template, report, lastYear]);
  const states = useMemo(() => stepStates(template, report, findings), [template, report, findings]);
  const mismatched = useMemo(
    () => (report.meta.totals === 'asPrinted' ? totalsMismatch(template, report) : []),
    [template, report],
  );

  const [step, setStep] = useState<string>(META_STEP);
  const [showPreview, setShowPreview] = useState(false);
  // 「预览」 opens the preview below the form (1 160 px down at 1366 × 768): brought into view.
  const scrollToPreview = useCallback((el: HTMLElement | null) => el?.scrollIntoView({ block: 'start', behavior: 'smooth' }), []);
  // The preview follows the form a beat behind, so typing never waits for it.
  const previewReport = useDeferredValue(report);
  const previewDoc = useMemo(
    // What prints: the agency's registered name, whatever the form holds (see withRegisteredName).
    () => (showPreview ? buildDocument(template, withRegisteredName(previewReport, record.agencyName)) : null),
    [showPreview, template, previewReport, record.agencyName],
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
  const openComments = useMemo(() => comments.filter((c) => !c.resolvedAt), [comments]);
  const commented = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const c of openComments) if (c.cell) m.set(c.cell, [...(m.get(c.cell) ?? []), c.body]);
    return m;
  }, [openComments]);
  // A reviewer comments on what they click in the report: a cell or a part of the text.
  const [commentTarget, setCommentTarget] = useState<CommentTarget | null>(null);
  const commentOn = useCallback(
    (ref: CellRef) =>
      setCommentTarget((t) => ({
        section: template.sections.find((s) => s.table === ref.table)?.key ?? META_STEP,
        cell: cellId(ref),
        quote: null,
        seq: (t?.seq ?? 0) + 1,
      })),
    [template],
  );
  const { grid, message, clearMessage, pasteNote } = useGridController({
    template,
    form,
    findings,
    doubts: report.meta.toConfirm,
    activeFinding,
    readOnly,
    commented,
    commentOn: record.canComment ? commentOn : undefined,
    onFocusElsewhere: focusElsewhere,
  });
  // Cells are named as the check panel names them.
  const nameCell = useCallback(
    (id: string) => {
      const ref = parseCellId(template, id);
      return ref ? checkContext(template).cellLabel(ref) : id;
    },
    [template],
  );
  const showCell = useCallback(
    (id: string) => {
      const ref = parseCellId(template, id);
      if (ref) grid.focusCell(ref);
    },
    [template, grid],
  );

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

  // 「核对无误」 on an imported doubt: the cell keeps its value and is no longer marked.
  const confirmFinding = (f: Finding) => {
    const next = confirmCells(form.getValues(), f.cells.map(cellId));
    form.setValue('meta.toConfirm', next.meta.toConfirm, { shouldDirty: true });
  };
  const recomputeAll = () => {
    const next = computeTotalsFromDetails(template, form.getValues());
    form.setValue('tables', next.tables, { shouldDirty: true });
    form.setValue('meta.totals', 'computed', { shouldDirty: true });
    form.setValue('meta.toConfirm', next.meta.toConfirm, { shouldDirty: true });
  };

  const downloadLocal = () => {
    const blob = new Blob([JSON.stringify(form.getValues(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${reportTitle(template, withRegisteredName(form.getValues(), record.agencyName))}（本页未保存内容）.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const commentsFor = (sectionKey: string) => (
    <SectionComments
      reportId={record.id}
      section={sectionKey}
      comments={comments}
      canComment={record.canComment}
      canResolve={record.canEdit || record.canComment}
      nameCell={nameCell}
      onShowCell={showCell}
      target={commentTarget}
      onClearTarget={() => setCommentTarget(null)}
    />
  );
  const [done, setDone] = useState<string | null>(null);
  // False in the server's HTML and until the script runs here: see BootNotice.
  const [started, setStarted] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- once, when the script has started
  useEffect(() => setStarted(true), []);
  const router = useRouter();
  /** 「未填写的单元格填 0」: pending input saved first, the server fills and records it, the page takes its version. */
  const fillZero = async (table: TableKey): Promise<string | null> => {
    await autosave.saveNow();
    const r = await postJson<{ note: string }>(`/api/reports/${record.id}/fill-blanks`, { table, version: autosave.currentVersion() });
    if (!r.ok) return r.error.message;
    await autosave.loadLatest();
    setDone(`已${r.data.note.replace(/^未填写的单元格填 0：/, '将未填写的单元格填 0：')}，已记入审核记录。`);
    router.refresh();
    return null;
  };
  const lastReturn = record.status === 'returned' ? timeline.filter((t) => t.to === 'returned' && t.from !== 'returned').at(-1) : undefined;
  const errorMessages = findings.filter((f) => f.severity === 'error').map((f) => f.message);
  const errorCount = errorMessages.length;

  return (
    <GridContext.Provider value={grid}>
      <PasteNoteContext.Provider value={pasteNote}>
      {/* display: contents — the wrapper adds no box; it only tells CSS whether the script runs. */}
      <div className="report-editor" data-started={started ? '' : undefined} data-testid="report-editor">
        {!started && <BootNotice />}
        <EditorHeader
          record={record}
          title={reportTitle(template, withRegisteredName(report, record.agencyName))}
          saveState={autosave.state}
          onRetrySave={autosave.retryNow}
          beforeSubmit={async () => {
            await autosave.saveNow();
            return autosave.currentVersion();
          }}
          showPreview={showPreview}
          onTogglePreview={() => setShowPreview((v) => !v)}
          hasLastYear={lastYear !== null}
          beforeFetch={async () => {
            if (!readOnly) await autosave.saveNow();
          }}
          errorCount={errorCount}
          errorMessages={errorMessages}
          hintCount={findings.length - errorCount}
          onTransitionDone={setDone}
        />

        {done && (
          <div className="banner alert success" role="status" data-testid="transition-done">
            {done}
            <button type="button" className="btn" aria-label="关闭" onClick={() => setDone(null)}>
              ×
            </button>
          </div>
        )}
        {lastReturn && (
          <div className="banner alert warn return-note" role="status" data-testid="return-banner">
            <ReturnNoteText note={{ reason: lastReturn.reason, actorName: lastReturn.actorName, at: lastReturn.at }} />
          </div>
        )}

        {openComments.length > 0 && (
          <div className="banner alert warn" role="status" data-testid="open-comments">
            审核人提出了 {openComments.length} 条意见，已显示在相应部分的上方：
            <ul className="comment-index">
              {openComments.map((c) => {
                const where = c.section === META_STEP ? '基本信息' : sectionHeading(template.sections.find((x) => x.key === c.section)!);
                return (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        const ref = c.cell ? parseCellId(template, c.cell) : null;
                        if (ref) focusElsewhere(ref);
                        else setStep(c.section);
                      }}
                    >
                      {c.cell ? nameCell(c.cell) : where}
                    </button>
                    ：{c.body.length > 40 ? `${c.body.slice(0, 40)}…` : c.body}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        <ConflictBanner
          template={template}
          state={autosave.state}
          pending={autosave.pendingMerge}
          mergedNote={autosave.mergedNote}
          onDownloadLocal={downloadLocal}
          onOverwrite={() => void autosave.overwrite()}
          onLoadLatest={() => void autosave.loadLatest()}
          onResolve={(theirs) => void autosave.resolveConflicts(theirs)}
          onCloseNote={autosave.clearMergedNote}
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
            registeredName={record.agencyName}
            findings={findings}
            readOnly={readOnly}
            comments={commentsFor}
            lastYear={lastYear}
            onCommentPart={
              record.canComment && readOnly
                ? (section, label) => setCommentTarget((t) => ({ section, cell: null, quote: label, seq: (t?.seq ?? 0) + 1 }))
                : undefined
            }
            onFillZero={readOnly ? undefined : fillZero}
          />
          <CheckPanel findings={findings} activeId={activeFinding?.id ?? null} onSelect={selectFinding} onConfirm={readOnly ? undefined : confirmFinding} />
        </div>
        <Timeline entries={timeline} />
        {previewDoc && (
          <section className="preview-pane" aria-labelledby="preview-title" ref={scrollToPreview}>
            <header>
              <h2 id="preview-title">预览</h2>
              <span className="fonts">与下载的 PDF、Word 文件内容和编号一致；分页以 PDF 为准。</span>
              <FontNote fonts={fonts} />
            </header>
            <ReportPreview doc={previewDoc} isDraft={record.status !== 'approved'} />
          </section>
        )}
        {message && (
          <div
            className={`cell-message ${message.kind}`}
            role={message.kind === 'error' ? 'alert' : 'status'}
            style={{ top: message.top, left: message.left }}
          >
            {message.text}
          </div>
        )}
      </div>
      </PasteNoteContext.Provider>
    </GridContext.Provider>
  );
}
