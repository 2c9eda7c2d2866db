'use client';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CreatedPreviewLink, PreviewLinkView } from '@/lib/server/preview-links';
import { formatDateTime } from '@/components/format-time';
import { postJson } from './post-json';
import { ColumnHeaders } from '@/components/column-headers';

const STATE_NAMES: Record<PreviewLinkView['state'], string> = { active: '有效', expired: '已过期', revoked: '已撤销' };

/**
 * For reviewers: read-only links to this report for someone without an account. The full link
 * is shown once, right after creation — only its hash is stored, so it cannot be shown again;
 * a lost link is revoked and a new one made.
 */
export function PreviewLinks({ reportId }: { reportId: string }) {
  const id = useId();
  const [links, setLinks] = useState<PreviewLinkView[] | null>(null);
  const [days, setDays] = useState('7');
  const [created, setCreated] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const res = await fetch(`/api/reports/${reportId}/preview-links`, { cache: 'no-store' });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(data.error?.message ?? `服务器错误（${res.status}）`);
      setLinks(data as PreviewLinkView[]);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error && e.message !== 'Failed to fetch' ? e.message : '无法连接服务器，请稍后重试' });
    }
  }, [reportId]);

  useEffect(() => {
    // load() sets state only once the fetch has answered, as a subscription would; the rule
    // cannot see past the call.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const create = async () => {
    setBusy(true);
    setMessage(null);
    const r = await postJson<CreatedPreviewLink>(`/api/reports/${reportId}/preview-links`, { days: Number(days) });
    setBusy(false);
    if (!r.ok) {
      setMessage({ kind: 'error', text: r.error.message });
      return;
    }
    setCreated(`${window.location.origin}${r.data.path}`);
    setMessage({ kind: 'info', text: `链接已创建，有效至 ${formatDateTime(r.data.expiresAt)}。此链接只显示这一次，请现在复制。` });
    await load();
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created);
      setMessage({ kind: 'info', text: '链接已复制' });
    } catch {
      // Plain http on an intranet host is not a secure context: no clipboard API there.
      urlRef.current?.select();
      setMessage({ kind: 'info', text: '已选中链接，请按 Ctrl+C 复制' });
    }
  };

  const revoke = async (linkId: string) => {
    if (!window.confirm('撤销后，持有此链接的人将无法再打开报告。确认撤销？')) return;
    setBusy(true);
    const r = await postJson(`/api/preview-links/${linkId}/revoke`, {});
    setBusy(false);
    setMessage(r.ok ? { kind: 'info', text: '链接已撤销' } : { kind: 'error', text: r.error.message });
    await load();
  };

  return (
    <section className="preview-links" aria-labelledby={`${id}-title`} data-testid="preview-links">
      <h2 id={`${id}-title`}>只读预览链接</h2>
      <p className="hint">发给没有账号的领导查阅：打开后只能看和下载 PDF，不能修改。</p>
      <form
        className="new-link"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={`${id}-days`}>有效期（天）</label>
        <input id={`${id}-days`} className="days" type="number" min={1} max={30} step={1} required value={days} onChange={(e) => setDays(e.target.value)} />
        <button className="btn primary" type="submit" disabled={busy}>
          创建预览链接
        </button>
      </form>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`alert ${message.kind}`}>
          {message.text}
        </p>
      )}
      {created && (
        <div className="new-link">
          <label htmlFor={`${id}-url`}>新链接</label>
          <input id={`${id}-url`} ref={urlRef} readOnly value={created} onFocus={(e) => e.currentTarget.select()} data-testid="preview-link-url" />
          <button className="btn" type="button" onClick={() => void copy()}>
            复制链接
          </button>
        </div>
      )}
      {links && links.length > 0 && (
        <table className="list">
          <thead>
            <ColumnHeaders names={['创建', '有效至', '状态']} actions />
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.id} data-state={l.state}>
                <td>
                  {formatDateTime(l.createdAt)} · {l.createdByName}
                </td>
                <td>{formatDateTime(l.expiresAt)}</td>
                <td>{l.revokedAt ? `${STATE_NAMES.revoked}（${formatDateTime(l.revokedAt)}）` : STATE_NAMES[l.state]}</td>
                <td>
                  {l.state === 'active' && (
                    <button className="btn danger" type="button" disabled={busy} onClick={() => void revoke(l.id)} aria-label={`撤销 ${formatDateTime(l.createdAt)} 创建的链接`}>
                      撤销
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {links && links.length === 0 && <p className="hint">还没有预览链接。</p>}
    </section>
  );
}
