'use client';
import { useState } from 'react';
import type { TransitionKey } from '@/lib/review/transitions';
import { TRANSITIONS } from '@/lib/review/transitions';
import { postJson } from './post-json';

type Props = {
  reportId: string;
  status: string;
  version: number;
  transitions: TransitionKey[];
  /** Save pending input before submitting: what is submitted is what the server holds. */
  beforeSubmit(): Promise<number>;
};

/**
 * 提交审核 (filer), 退回修改 / 审核通过 (reviewer). A refused submission lists its errors; a
 * return needs a reason. The page reloads afterwards: the status decides what may be edited.
 */
export function ReviewActions({ reportId, status, version, transitions, beforeSubmit }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; items: string[] } | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  if (!transitions.length) return null;

  const run = async (key: TransitionKey) => {
    setBusy(true);
    setError(null);
    const v = key === 'submit' ? await beforeSubmit() : version;
    const r = await postJson(`/api/reports/${reportId}/transition`, { transition: key, from: status, version: v, reason });
    setBusy(false);
    if (r.ok) {
      window.location.reload();
      return;
    }
    const items = ((r.error.details as { errors?: { message: string }[] } | undefined)?.errors ?? []).map((e) => e.message);
    setError({ message: r.error.message, items });
  };

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
            onClick={() => {
              if (key === 'approve' && !window.confirm('确认审核通过？通过后报告将生成不带「草稿」水印的正式文件。')) return;
              void run(key);
            }}
          >
            {TRANSITIONS[key].name}
          </button>
        ),
      )}
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
