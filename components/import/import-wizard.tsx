'use client';
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import type { ImportFinding, ImportResult } from '@/lib/import/types';
import { buildDocument } from '@/lib/document/build';
import { getTemplate } from '@/lib/template/registry';
import { ReportPreview, type CellMarks } from '../preview/report-preview';
import { cellId } from '@/lib/report/cells';

type Agency = { id: string; name: string };
type Phase =
  | { kind: 'choose' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'reading' }
  | { kind: 'review'; result: ImportResult; fileName: string };

const CERTAINTY = { sure: '已识别', unsure: '请核对', missing: '未识别' } as const;

/** Uploads with XMLHttpRequest for its upload progress (fetch has none), then answers the JSON. */
function upload(file: File, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported by status */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/**
 * Choose a file → upload (with progress) → the review: what was recognised, as it will print,
 * with the cells the importer was unsure of marked; its findings; the source text beside it,
 * scrolled to what a finding points at. Then 「导入为草稿」.
 */
export function ImportWizard({ agencies, maxBytes }: { agencies: Agency[]; maxBytes: number }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const [error, setError] = useState<{ message: string; existingId?: string } | null>(null);
  const [over, setOver] = useState(false);
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? '');
  const [selected, setSelected] = useState<ImportFinding | null>(null);
  const [creating, setCreating] = useState(false);
  const sourceRef = useRef<HTMLOListElement>(null);

  const start = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > maxBytes) {
      setError({ message: `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限为 ${maxBytes / 1024 / 1024} MB` });
      return;
    }
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const res = await upload(file, (percent) => setPhase(percent >= 100 ? { kind: 'reading' } : { kind: 'uploading', percent }));
      const body = res.body as ImportResult & { error?: { message: string } };
      if (res.status !== 200) {
        setError({ message: body?.error?.message ?? `服务器错误（${res.status}）` });
        setPhase({ kind: 'choose' });
        return;
      }
      setPhase({ kind: 'review', result: body, fileName: file.name });
    } catch {
      setError({ message: '无法连接服务器，请稍后重试' });
      setPhase({ kind: 'choose' });
    }
  };

  if (phase.kind !== 'review') {
    return (
      <section className="card" aria-labelledby="choose-title">
        <h2 id="choose-title">选择文件</h2>
        <p className="hint">支持已发布报告的 PDF（含文字层）、Word（.docx，旧版 .doc）、WPS 文字（.wps）、从政府网站保存的网页（.html、.htm、.mhtml）、纯文本或 Markdown，以及 nianbao 导出的 JSON；不超过 {maxBytes / 1024 / 1024} MB。</p>
        <div
          className={`import-drop${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void start(e.dataTransfer.files[0]);
          }}
        >
          <label htmlFor="import-file">将文件拖到这里，或</label>{' '}
          <input
            id="import-file"
            type="file"
            accept=".pdf,.docx,.doc,.wps,.html,.htm,.mhtml,.mht,.txt,.md,.json,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,text/html,multipart/related,text/plain,text/markdown,application/json"
            disabled={phase.kind !== 'choose'}
            onChange={(e) => void start(e.target.files?.[0])}
          />
        </div>
        {phase.kind === 'uploading' && (
          <div role="status" aria-live="polite">
            正在上传 {phase.percent}%
            <div className="progress" aria-hidden="true">
              <span style={{ width: `${phase.percent}%` }} />
            </div>
          </div>
        )}
        {phase.kind === 'reading' && (
          <p role="status" aria-live="polite">
            正在识别报告内容……
          </p>
        )}
        {error && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
      </section>
    );
  }

  return (
    <Review
      result={phase.result}
      fileName={phase.fileName}
      agencies={agencies}
      agencyId={agencyId}
      setAgencyId={setAgencyId}
      selected={selected}
      onSelect={(f) => {
        setSelected(f);
        if (f.lines) sourceRef.current?.querySelector(`[data-line="${f.lines.from}"]`)?.scrollIntoView({ block: 'center' });
      }}
      sourceRef={sourceRef}
      error={error}
      creating={creating}
      onRestart={() => {
        setPhase({ kind: 'choose' });
        setSelected(null);
        setError(null);
      }}
      onCreate={async () => {
        setCreating(true);
        setError(null);
        const report = phase.result.report;
        const res = await fetch('/api/reports', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ agencyId, year: report.meta.year, content: report }),
        }).catch(() => null);
        const body = res ? await res.json().catch(() => ({})) : {};
        setCreating(false);
        if (res?.ok) {
          window.location.assign(`/reports/${body.id}`);
          return;
        }
        setError({ message: body.error?.message ?? '无法连接服务器，请稍后重试', existingId: body.error?.details?.id });
      }}
    />
  );
}

function Review({ sourceRef, result, selected, ...props }: {
  result: ImportResult;
  fileName: string;
  agencies: Agency[];
  agencyId: string;
  setAgencyId(id: string): void;
  selected: ImportFinding | null;
  onSelect(f: ImportFinding): void;
  sourceRef: React.RefObject<HTMLOListElement | null>;
  error: { message: string; existingId?: string } | null;
  creating: boolean;
  onRestart(): void;
  onCreate(): void;
}) {
  const report = result.report;
  const doc = useMemo(() => buildDocument(getTemplate(report.edition), report), [report]);
  const doubts = useMemo(() => result.findings.filter((f) => f.certainty !== 'sure'), [result.findings]);
  const marks: CellMarks = useMemo(() => {
    const m = new Map<string, 'unsure' | 'missing'>();
    for (const f of doubts) for (const c of f.cells ?? (f.cell ? [f.cell] : [])) m.set(cellId(c), f.certainty as 'unsure' | 'missing');
    // A doubt about a whole row (a label matched by meaning, values placed by position) marks its cells too.
    for (const id of Object.keys(report.meta.toConfirm ?? {})) if (!m.has(id)) m.set(id, 'unsure');
    return m;
  }, [doubts, report]);
  const doubtLines = useMemo(() => {
    const s = new Set<number>();
    for (const f of doubts) if (f.lines) for (let l = f.lines.from; l <= f.lines.to && l < f.lines.from + 200; l++) s.add(l);
    return s;
  }, [doubts]);
  const agencyName = props.agencies.find((a) => a.id === props.agencyId)?.name;
  const toConfirmCount = Object.keys(report.meta.toConfirm ?? {}).length;
  const count = (c: ImportFinding['certainty']) => result.findings.filter((f) => f.certainty === c).length;
  return (
    <>
      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">核对识别结果：{props.fileName}</h2>
        <p data-testid="import-summary">
          {report.meta.agencyName || '（未识别机关名称）'} · {report.meta.year} 年度 · 已识别 {count('sure')} 项，请核对 {count('unsure')} 项，未识别{' '}
          {count('missing')} 项。合计按原报告印出的数字导入，检查会指出原报告自身的计算错误。
          {toConfirmCount > 0 && `存疑的 ${toConfirmCount} 个数字导入后在编辑页仍有标记，逐一核对（改动或点「核对无误」）后消除。`}
        </p>
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <div className="field" style={{ minWidth: 280 }}>
            <label htmlFor="import-agency">导入到机关</label>
            <select id="import-agency" value={props.agencyId} onChange={(e) => props.setAgencyId(e.target.value)}>
              {props.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <button type="button" className="btn primary" disabled={props.creating} onClick={props.onCreate}>
              {props.creating ? '正在导入…' : '导入为草稿'}
            </button>
          </div>
          <div className="field">
            <button type="button" className="btn" onClick={props.onRestart}>
              重新选择文件
            </button>
          </div>
        </div>
        {agencyName && report.meta.agencyName && agencyName !== report.meta.agencyName && (
          <p className="alert warn">报告中的机关名称「{report.meta.agencyName}」与所选机关「{agencyName}」不同，报告将以所选机关登记的名称印制。</p>
        )}
        {props.error && (
          <p className="alert error" role="alert">
            {props.error.message}
            {props.error.existingId && (
              <>
                {' '}
                <Link href={`/reports/${props.error.existingId}`}>打开已有的报告</Link>
              </>
            )}
          </p>
        )}
      </section>
      <div className="import-review">
        <div>
          {doubts.length > 0 && (
            <section aria-labelledby="doubts-title">
              <h2 id="doubts-title">需要核对（{doubts.length}）</h2>
              <ul className="import-findings" data-testid="import-findings">
                {doubts.map((f, i) => (
                  <li key={i} data-certainty={f.certainty}>
                    <button type="button" onClick={() => props.onSelect(f)} aria-current={selected === f ? 'true' : undefined}>
                      <span className="sev">{CERTAINTY[f.certainty]}</span> {f.message}
                      {f.lines && <span className="hint">（原文第 {f.lines.from} 行）</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h2>识别出的报告</h2>
          <ReportPreview doc={doc} isDraft marks={marks} />
        </div>
        <section className="source" aria-label="原文">
          <ol ref={sourceRef}>
            {result.source.lines.map((line, i) => {
              const no = i + 1;
              const isSelected = selected?.lines && no >= selected.lines.from && no <= selected.lines.to;
              return (
                <li key={no} data-line={no} className={isSelected ? 'selected' : doubtLines.has(no) ? 'doubt' : undefined}>
                  {line || ' '}
                </li>
              );
            })}
          </ol>
        </section>
      </div>
    </>
  );
}
