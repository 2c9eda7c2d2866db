'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { CommentView } from '@/lib/server/review';
import { postJson } from './post-json';
import { formatDateTime } from '../format-time';

/** What a new comment is about: one cell, or a part of the text (quoted into the comment). */
export type CommentTarget = { section: string; cell: string | null; quote: string | null; seq: number };

type Props = {
  reportId: string;
  section: string;
  comments: CommentView[];
  canComment: boolean;
  canResolve: boolean;
  /** How the checks name a cell: 表三「二、上年结转…」·「自然人」. */
  nameCell(id: string): string;
  /** Shows a commented cell: its step, the cell focused. */
  onShowCell(id: string): void;
  /** The cell or part the reviewer last clicked in this section, if any. */
  target: CommentTarget | null;
  onClearTarget(): void;
};

/**
 * The reviewer's comments on one section, above it: open ones first, each resolvable, a cell
 * comment naming its cell (a button that shows the cell). A reviewer comments on the section,
 * or on the cell or part they clicked in the report.
 */
export function SectionComments({ reportId, section, comments, canComment, canResolve, nameCell, onShowCell, target, onClearTarget }: Props) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cell = target?.section === section ? target.cell : null;

  // A click on a part of the text starts the comment with what it is about: set while rendering
  // (React's way to follow a prop), so that the effect below puts the caret after that text.
  const [seenTarget, setSeenTarget] = useState<Props['target'] | null>(null);
  if (target !== seenTarget) {
    setSeenTarget(target);
    if (target?.section === section && target.quote) setBody((b) => (b.trim() ? b : `关于${target.quote}：`));
  }
  useEffect(() => {
    if (target?.section !== section) return;
    const el = document.getElementById(`comment-${section}`) as HTMLTextAreaElement | null;
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }, [target, section]);

  const mine = comments.filter((c) => c.section === section);
  if (!mine.length && !canComment) return null;

  const resolve = async (id: string) => {
    const r = await postJson(`/api/comments/${id}/resolve`, {});
    if (r.ok) router.refresh();
    else setError(r.error.message);
  };
  const add = async () => {
    setBusy(true);
    const r = await postJson(`/api/reports/${reportId}/comments`, { section, cell, body });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setBody('');
    onClearTarget();
    setError(null);
    router.refresh();
  };

  return (
    <section className="comments" aria-label="审核意见" data-testid="comments">
      {mine.length > 0 && (
        <ul>
          {mine.map((c) => (
            <li key={c.id} className={c.resolvedAt ? 'resolved' : 'open'} data-resolved={c.resolvedAt ? 'true' : 'false'}>
              <div className="meta">
                {c.resolvedAt ? '已解决' : '审核意见'} · {c.authorName} · {formatDateTime(c.createdAt)}
                {c.cell && (
                  <>
                    {' · '}
                    <button type="button" className="link" data-testid="comment-cell" onClick={() => onShowCell(c.cell!)}>
                      {nameCell(c.cell)}
                    </button>
                  </>
                )}
              </div>
              <p>{c.body}</p>
              {!c.resolvedAt && canResolve && (
                <button type="button" className="btn" onClick={() => void resolve(c.id)}>
                  标记为已解决
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label htmlFor={`comment-${section}`}>{cell ? `对 ${nameCell(cell)} 提出意见` : '对本部分提出意见'}</label>
          <textarea id={`comment-${section}`} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />
          <p className="hint" data-testid="comment-target">
            {cell ? (
              <>
                针对单元格：{nameCell(cell)}{' '}
                <button type="button" className="link" onClick={onClearTarget}>
                  改为针对整个部分
                </button>
              </>
            ) : (
              '点击报告中的单元格或文字（或在其中按 Enter），可针对它提出意见。'
            )}
          </p>
          <button type="submit" className="btn" disabled={busy || !body.trim()}>
            发表意见
          </button>
        </form>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
