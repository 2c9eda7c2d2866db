'use client';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CellRef } from '@/lib/template/types';
import { getTemplate } from '@/lib/template/registry';
import { partNumber, sectionHeading } from '@/lib/template/walk';
import type { CellValue, Report } from '@/lib/report/types';
import { cellId, recomputeTotals, setCell, totalsMismatch } from '@/lib/report/cells';
import { reportTitle } from '@/lib/report/blank';
import { META_STEP, stepOfFinding, stepStates } from '@/lib/report/progress';
import { runChecks } from '@/lib/checks';
import type { Finding } from '@/lib/checks/types';
import { parseCellInput, parsePasteBlock } from '@/lib/grid/parse';
import { pasteTargets, type GridLayout } from '@/lib/grid/layout';
import { GridContext, type GridContextValue } from '../grid/grid-context';
import { Table2Grid } from '../grid/table2-grid';
import { Table3Grid } from '../grid/table3-grid';
import { Table4Grid } from '../grid/table4-grid';
import { CheckPanel } from './check-panel';
import { MetaForm } from './meta-form';
import { SaveStatus } from './save-status';
import { SectionStepper, stepList } from './section-stepper';
import { TextPart } from './text-part';
import { useAutosave } from './use-autosave';
import { buildDocument } from '@/lib/document/build';
import { ReportPreview } from '../preview/report-preview';
import { FontNote, type FontUse } from '../preview/font-note';
import { STATUS_NAMES, type TransitionKey } from '@/lib/review/transitions';
import type { CommentView, TimelineEntry } from '@/lib/server/review';
import { tableCells } from '@/lib/template/walk';
import { ReviewActions } from '../review/review-actions';
import { SectionComments } from '../review/section-comments';
import { Timeline } from '../review/timeline';
import { formatDateTime } from '../format-time';

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
  const [message, setMessage] = useState<{ text: string; top: number; left: number } | null>(null);
  const messageTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cells = useRef(new Map<string, HTMLInputElement>());

  const flagged = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const f of findings) {
      if (f.severity !== 'error' || f.rule === 'R6') continue;
      for (const c of f.cells) {
        const id = cellId(c);
        m.set(id, [...(m.get(id) ?? []), f.message]);
      }
    }
    return m;
  }, [findings]);
  const active = useMemo(() => new Set((activeFinding?.cells ?? []).map(cellId)), [activeFinding]);

  const writeTable = useCallback(
    (next: Report, table: CellRef['table']) => {
      const computed = next.meta.totals === 'computed' ? recomputeTotals(template, next, table) : next;
      form.setValue(`tables.${table}`, computed.tables[table], { shouldDirty: true });
    },
    [form, template],
  );

  const showMessage = useCallback((el: HTMLElement, text: string) => {
    const r = el.getBoundingClientRect();
    setMessage({ text, top: r.bottom + 4, left: r.left });
    clearTimeout(messageTimer.current);
    messageTimer.current = setTimeout(() => setMessage(null), 2600);
  }, []);

  const sectionOfTable = useCallback(
    (table: string) => template.sections.find((s) => s.table === table)?.key ?? META_STEP,
    [template],
  );

  const grid: GridContextValue = useMemo(
    () => ({
      readOnly,
      flagged,
      active,
      onCellChange(ref: CellRef, value: CellValue) {
        writeTable(setCell(form.getValues(), ref, value), ref.table);
      },
      onPasteBlock(layout: GridLayout, from: CellRef, text: string) {
        const el = cells.current.get(cellId(from));
        const { targets, outside } = pasteTargets(layout, from, parsePasteBlock(text));
        let next = form.getValues();
        for (const t of targets) {
          const parsed = parseCellInput(t.raw, t.valueType);
          if (!parsed.ok) {
            if (el) showMessage(el, `粘贴的第 ${t.rowIndex + 1} 行第 ${t.colIndex + 1} 个值「${t.raw.trim().slice(0, 20)}」${parsed.message}，未粘贴`);
            return;
          }
          next = setCell(next, t.ref, parsed.value);
        }
        writeTable(next, from.table);
        if (el) showMessage(el, `已粘贴 ${targets.length} 个单元格${outside ? `，另有 ${outside} 个值超出表格范围未粘贴` : ''}`);
      },
      registerCell(id: string, el: HTMLInputElement | null) {
        if (el) cells.current.set(id, el);
        else cells.current.delete(id);
      },
      focusCell(ref: CellRef) {
        const el = cells.current.get(cellId(ref));
        if (el) el.focus();
        else {
          setStep(sectionOfTable(ref.table));
          setPendingFocus({ kind: 'cell', ref });
        }
      },
      showMessage,
    }),
    [readOnly, flagged, active, writeTable, form, showMessage, sectionOfTable],
  );

  // A message about a cell of another step would point at nothing. (Clearing it in every
  // setStep caller instead would scatter the rule over the steppers and the check panel.)
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setMessage(null), [step]);

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

  const steps = stepList(template);
  const stepIndex = steps.findIndex((s) => s.key === step);
  const section = template.sections.find((s) => s.key === step);
  const warningsFor = (sectionKey: string, partKey: string) =>
    findings.filter((f) => f.part?.section === sectionKey && f.part.part === partKey).map((f) => f.message);

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

  const s = autosave.state;
  return (
    <GridContext.Provider value={grid}>
      <div className="editor-head">
        <h1>{reportTitle(template, report)}</h1>
        <span className="status" data-testid="report-status">
          {STATUS_NAMES[record.status as keyof typeof STATUS_NAMES] ?? record.status}
        </span>
        {readOnly && <span className="status">只读</span>}
        <span className="spacer" />
        {!readOnly && <SaveStatus state={s} onRetry={autosave.retryNow} />}
        <ReviewActions
          reportId={record.id}
          status={record.status}
          version={record.version}
          transitions={record.transitions}
          beforeSubmit={async () => {
            await autosave.saveNow();
            return autosave.currentVersion();
          }}
        />
        <button type="button" className="btn" aria-pressed={showPreview} onClick={() => setShowPreview((v) => !v)}>
          {showPreview ? '关闭预览' : '预览'}
        </button>
        <a className="btn" href={`/reports/${record.id}/compare${lastYear ? '?with=last-year' : ''}`}>
          对比
        </a>
        {record.canComment && (
          <a className="btn" href={`/review/links/${record.id}`}>
            分享预览链接
          </a>
        )}
        <a className="btn" href={`/api/reports/${record.id}/pdf?inline=1`} target="_blank" rel="noopener">
          查看 PDF
        </a>
        <button type="button" className="btn" onClick={() => void download('pdf')}>
          下载 PDF
        </button>
        <button type="button" className="btn" onClick={() => void download('docx')}>
          下载 Word
        </button>
        <a className="btn" href={`/api/reports/${record.id}/export`} download>
          导出 JSON
        </a>
      </div>

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
      {s.kind === 'conflict' && (
        <div className="banner alert error" role="alert">
          <strong>本页的修改没有保存。</strong>
          此报告已在其他窗口或由他人保存为第 {s.conflict?.version} 版
          {s.conflict?.updatedByName ? `（${s.conflict.updatedByName}` : '（'}
          {s.conflict?.updatedAt ? `，${formatDateTime(s.conflict.updatedAt)}）` : '）'}。
          为避免互相覆盖，自动保存已暂停；您在本页输入的内容仍保留在下方。
          <div className="actions">
            <button type="button" className="btn" onClick={downloadLocal}>
              下载本页内容（JSON）
            </button>
            <button
              type="button"
              className="btn danger"
              onClick={() => {
                if (window.confirm('用本页内容覆盖服务器上较新的版本？较新版本仍保留在历史版本中。')) void autosave.overwrite();
              }}
            >
              以本页内容覆盖
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                if (window.confirm('放弃本页未保存的修改，载入最新版本？')) void autosave.loadLatest();
              }}
            >
              放弃本页修改，载入最新版本
            </button>
          </div>
        </div>
      )}
      {s.kind === 'invalid' && (
        <div className="banner alert error" role="alert">
          无法保存：{s.message}
        </div>
      )}
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
        <main className="section-card" aria-labelledby="step-title">
          {step === META_STEP || !section ? (
            <>
              <h2 id="step-title">基本信息</h2>
              {commentsFor('meta')}
              <MetaForm template={template} form={form} report={report} findings={findings} readOnly={readOnly} />
            </>
          ) : (
            <>
              <h2 id="step-title">{sectionHeading(section)}</h2>
              <p className="guidance">{section.guidance}</p>
              {commentsFor(section.key)}
              {section.table === 'table2' && <Table2Grid template={template} table={template.tables.table2} values={report.tables.table2} />}
              {section.table === 'table3' && <Table3Grid template={template} table={template.tables.table3} values={report.tables.table3} />}
              {section.table === 'table4' && <Table4Grid template={template} table={template.tables.table4} values={report.tables.table4} />}
              {section.table && (
                <div className="grid-legend" aria-hidden="true">
                  <span className="l-blank">未填写</span>
                  <span className="l-computed">自动计算</span>
                  <span className="l-flagged">检查未通过</span>
                  <span>Tab / Enter / 方向键移动，可从 Excel、WPS 粘贴整块数据</span>
                </div>
              )}
              {(() => {
                let titled = 0;
                return section.parts.map((p) => (
                  <TextPart
                    key={p.key}
                    sectionKey={section.key}
                    part={p}
                    number={p.title ? partNumber(titled++) : null}
                    value={report.text[section.key]?.[p.key] ?? ''}
                    warnings={warningsFor(section.key, p.key)}
                    readOnly={readOnly}
                    register={form.register}
                  />
                ));
              })()}
            </>
          )}
          <div className="step-nav">
            <button type="button" className="btn" disabled={stepIndex <= 0} onClick={() => setStep(steps[stepIndex - 1].key)}>
              上一部分
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={stepIndex >= steps.length - 1}
              onClick={() => setStep(steps[stepIndex + 1].key)}
            >
              下一部分
            </button>
          </div>
        </main>
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
