'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { TransitionKey } from '@/lib/review/transitions';
import { TRANSITIONS } from '@/lib/review/transitions';
import { ConfirmDialog } from '../confirm-dialog';
import { postJson } from './post-json';
import { chinaDay } from '@/lib/china-time';

type Props = {
  reportId: string;
  status: string;
  version: number;
  transitions: TransitionKey[];
  /** The checks' counts now: errors make the server refuse; hints are asked about first. */
  errorCount: number;
  /** The check errors' messages, listed in the approval dialog (approving over them is 「仍然通过」 with a reason). */
  errorMessages?: string[];
  hintCount: number;
  /**
   * The report's 发布日期, if the filer gave one: the approval dialog's default — else today in
   * Beijing, once the statistics period (ending `periodEnd`) is over.
   */
  publishDate?: string | null;
  periodEnd?: string;
  /** Who reviews a submission (the parent agency), for 「等待 文峰区 审核」. */
  reviewerAgencyName: string | null;
  /** Save pending input before submitting: what is submitted is what the server holds. */
  beforeSubmit(): Promise<number>;
  /** What happened and what comes next, once a transition has been made. */
  onDone(message: string): void;
};

/** The day after YYYY-MM-DD (the earliest publication date), or undefined. */
function nextDay(iso: string): string | undefined {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? undefined : new Date(t + 86_400_000).toISOString().slice(0, 10);
}

function doneMessage(key: TransitionKey, reviewer: string | null): string {
  if (key === 'submit')
    return `已提交，等待 ${reviewer ?? '审核机关'} 审核。审核期间报告不能修改；如被退回，退回理由会显示在本页顶部。`;
  if (key === 'return') return '已退回，填报人将在报告顶部看到退回理由，修改后可再次提交。';
  return '已审核通过。下载的 PDF 不再带「草稿」水印。';
}

/**
 * 提交审核 (filer), 退回修改 / 审核通过 (reviewer). Submitting and approving ask first (the
 * submission names the number of hints); a refused submission lists its errors; a return needs
 * a reason. Afterwards the page's data is refreshed in place — the form keeps showing the
 * content while the status decides what may be edited — and the outcome is said.
 */
export function ReviewActions({ reportId, status, version, transitions, errorCount, errorMessages = [], hintCount, publishDate, periodEnd = '', reviewerAgencyName, beforeSubmit, onDone }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; items: string[] } | null>(null);
  const [returning, setReturning] = useState(false);
  const [asking, setAsking] = useState<TransitionKey | null>(null);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [date, setDate] = useState('');
  if (!transitions.length) return null;

  const run = async (key: TransitionKey, overrideReason?: string) => {
    setAsking(null);
    setBusy(true);
    setError(null);
    const v = key === 'submit' ? await beforeSubmit() : version;
    const dated = key === 'approve' && date ? { publishDate: date } : {};
    const r = await postJson(
      `/api/reports/${reportId}/transition`,
      overrideReason !== undefined
        ? { transition: key, from: status, version: v, reason: overrideReason, override: true, ...dated }
        : { transition: key, from: status, version: v, reason, ...dated },
    );
    setBusy(false);
    if (r.ok) {
      setReturning(false);
      setReason('');
      setOverride('');
      onDone(doneMessage(key, reviewerAgencyName));
      router.refresh();
      return;
    }
    const items = ((r.error.details as { errors?: { message: string }[] } | undefined)?.errors ?? []).map((e) => e.message);
    setError({ message: r.error.message, items });
  };

  // Asked at approval: printed under the title of the final files and listed in the package.
  const dateField = (
    <div className="field publish-date">
      <label htmlFor="approve-publish-date">发布日期</label>
      <input
        id="approve-publish-date"
        type="date"
        min={nextDay(periodEnd)}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        aria-describedby="approve-publish-date-hint"
      />
      <span id="approve-publish-date-hint" className="hint">
        印在正式文件标题下方，并列入打包下载的目录；应在统计期限结束之后
      </span>
    </div>
  );

  return (
    <div className="review-actions">
      {transitions.map((key) =>
        key === 'return' ? (
          <button key={key} type="button" className="btn" disabled={busy} aria-expanded={returning} onClick={() => setReturning((v) => !v)}>
            {TRANSITIONS.return.name}
          </button>
        ) : (
          <button
            key={key}
            type="button"
            className="btn primary"
            disabled={busy}
            aria-busy={busy || undefined}
            onClick={() => {
              // With errors the server refuses and lists them: nothing to ask about.
              if (key === 'submit' && errorCount > 0) void run(key);
              else {
                if (key === 'approve') {
                  const today = chinaDay(new Date());
                  setDate(publishDate || (today > periodEnd ? today : ''));
                }
                setAsking(key);
              }
            }}
          >
            {busy && key === 'submit' ? '正在提交…' : TRANSITIONS[key].name}
          </button>
        ),
      )}
      <ConfirmDialog
        open={asking === 'submit'}
        title={hintCount > 0 ? `有 ${hintCount} 条提示，确定提交？` : '确定提交审核？'}
        confirmLabel="确定提交"
        onConfirm={() => void run('submit')}
        onCancel={() => setAsking(null)}
      >
        <p>
          {hintCount > 0 ? '提示不妨碍提交，但请确认已逐条看过（见右侧「检查结果」）。' : '所有检查均已通过。'}
          提交后报告不能修改，等待 {reviewerAgencyName ?? '审核机关'} 审核。
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'approve' && errorMessages.length === 0}
        title="确认审核通过？"
        confirmLabel="审核通过"
        onConfirm={() => void run('approve')}
        onCancel={() => setAsking(null)}
      >
        <p>通过后报告将生成不带「草稿」水印的正式文件。</p>
        {dateField}
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'approve' && errorMessages.length > 0}
        title={`报告有 ${errorMessages.length} 处检查错误，确定通过？`}
        confirmLabel="仍然通过"
        confirmDisabled={!override.trim()}
        danger
        onConfirm={() => void run('approve', override.trim())}
        onCancel={() => setAsking(null)}
      >
        <ul className="approve-errors" data-testid="approve-errors">
          {errorMessages.slice(0, 20).map((m, i) => (
            <li key={i}>{m}</li>
          ))}
          {errorMessages.length > 20 && <li>……另有 {errorMessages.length - 20} 处</li>}
        </ul>
        <p>可以取消后「退回修改」。如仍要通过，请写明理由，理由记入报告的审核记录。</p>
        <label htmlFor="override-reason">仍然通过的理由</label>
        <textarea id="override-reason" required maxLength={900} value={override} onChange={(e) => setOverride(e.target.value)} />
        {dateField}
      </ConfirmDialog>
      {returning && (
        <form
          className="return-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('return');
          }}
        >
          <label htmlFor="return-reason">退回理由</label>
          <textarea id="return-reason" required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="btn danger" disabled={busy || !reason.trim()}>
            确认退回
          </button>
        </form>
      )}
      {error && (
        <div className="alert error" role="alert" data-testid="transition-error">
          {error.message}
          {error.items.length > 0 && (
            <ul>
              {error.items.slice(0, 20).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
              {error.items.length > 20 && <li>……另有 {error.items.length - 20} 处</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
