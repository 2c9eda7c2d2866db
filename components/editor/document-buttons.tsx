'use client';
import { useState, type ReactNode } from 'react';

type Kind = 'view' | 'pdf' | 'docx';

const LABELS: Record<Kind, { idle: string; busy: string; file: string }> = {
  view: { idle: '查看 PDF', busy: '正在生成 PDF…', file: 'PDF' },
  pdf: { idle: '下载 PDF', busy: '正在生成 PDF…', file: 'PDF' },
  docx: { idle: '下载 Word', busy: '正在生成 Word…', file: 'Word 文件' },
};

/** The name the server gave the file (`filename*=UTF-8''…`), or a fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* a malformed name: use the fallback */
    }
  }
  return fallback;
}

async function errorText(res: Response): Promise<string> {
  const body = await res.json().catch(() => null);
  const message = (body as { error?: { message?: string } } | null)?.error?.message;
  if (message) return message;
  if (res.status === 429) return '服务器正忙，请稍后重试';
  return `服务器错误（${res.status}）`;
}

/**
 * 查看 PDF, 下载 PDF, 下载 Word. A file takes seconds to make, so each button fetches it and
 * says so while it waits (「正在生成 PDF…」, aria-busy) — the rest of the page stays usable —
 * then hands the file over: a download, or the PDF in a new tab (opened at the click, so no
 * popup blocker stops it, and filled when the file arrives). A failure is said in plain
 * Chinese with 「重试」.
 */
export function DocumentButtons({
  reportId,
  beforeFetch,
  children,
}: {
  reportId: string;
  beforeFetch(): Promise<void>;
  /** Further buttons, placed before the failure message. */
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState<Set<Kind>>(new Set());
  const [failed, setFailed] = useState<{ kind: Kind; message: string } | null>(null);

  const run = async (kind: Kind) => {
    if (busy.has(kind)) return;
    // Opened now, while the click still counts as the user's: a window opened after the
    // wait would be blocked as a popup.
    const tab = kind === 'view' ? window.open('', '_blank') : null;
    if (tab) {
      tab.document.title = LABELS.view.busy;
      tab.document.body.textContent = LABELS.view.busy;
    }
    setBusy((s) => new Set(s).add(kind));
    setFailed((f) => (f?.kind === kind ? null : f));
    try {
      await beforeFetch();
      const res = await fetch(`/api/reports/${reportId}/${kind === 'docx' ? 'docx' : 'pdf'}${kind === 'view' ? '?inline=1' : ''}`, {
        cache: 'no-store',
      });
      if (!res.ok) throw new Error(await errorText(res));
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      if (kind === 'view' && tab) tab.location.href = url;
      else if (kind === 'view') window.open(url, '_blank');
      else {
        const a = document.createElement('a');
        a.href = url;
        a.download = fileNameOf(res.headers.get('Content-Disposition'), `报告.${kind}`);
        a.click();
      }
      // The tab or the download has the file by then.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab?.close();
      const message = e instanceof TypeError ? '无法连接服务器' : e instanceof Error ? e.message : String(e);
      setFailed({ kind, message });
    } finally {
      setBusy((s) => {
        const next = new Set(s);
        next.delete(kind);
        return next;
      });
    }
  };

  return (
    <>
      {(['view', 'pdf', 'docx'] as const).map((kind) => {
        const on = busy.has(kind);
        return (
          <button
            key={kind}
            type="button"
            className={`btn${on ? ' busy' : ''}`}
            aria-busy={on}
            data-testid={`file-${kind}`}
            onClick={() => void run(kind)}
          >
            {on && <span className="spinner" aria-hidden="true" />}
            {on ? LABELS[kind].busy : LABELS[kind].idle}
          </button>
        );
      })}
      {children}
      {failed && (
        <div className="alert error file-error" role="alert" data-testid="file-error">
          {LABELS[failed.kind].file}生成失败：{failed.message.replace(/[。.]$/, '')}。
          <button type="button" className="btn" onClick={() => void run(failed.kind)}>
            重试
          </button>
          <button type="button" className="btn" aria-label="关闭" onClick={() => setFailed(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
