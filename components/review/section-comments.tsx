'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CommentView } from '@/lib/server/review';
import { postJson } from './post-json';
import { formatDateTime } from '../format-time';

type Props = {
  reportId: string;
  section: string;
  comments: CommentView[];
  canComment: boolean;
  canResolve: boolean;
  /** The section's table cells (id → readable label), for a comment on one cell. */
  cells: { id: string; label: string }[];
};

/** The reviewer's comments on one section, beside it: open ones first, each resolvable. */
export function SectionComments({ reportId, section, comments, canComment, canResolve, cells }: Props) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [cell, setCell] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = comments.filter((c) => c.section === section);
  if (!mine.length && !canComment) return null;
  const cellLabel = (id: string | null) => cells.find((c) => c.id === id)?.label;

  const resolve = async (id: string) => {
    const r = await postJson(`/api/comments/${id}/resolve`, {});
    if (r.ok) router.refresh();
    else setError(r.error.message);
  };
  const add = async () => {
    setBusy(true);
    const r = await postJson(`/api/reports/${reportId}/comments`, { section, cell: cell || null, body });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setBody('');
    setCell('');
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
                {c.cell && <> · 单元格：{cellLabel(c.cell) ?? c.cell}</>}
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
          <label htmlFor={`comment-${section}`}>对本部分提出意见</label>
          <textarea id={`comment-${section}`} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />
          {cells.length > 0 && (
            <select aria-label="针对的单元格（可选）" value={cell} onChange={(e) => setCell(e.target.value)}>
              <option value="">针对整个部分</option>
              {cells.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
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
