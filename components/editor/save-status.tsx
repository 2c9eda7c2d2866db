'use client';
import { useEffect, useState } from 'react';
import type { SaveState } from './use-autosave';

function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Whole seconds until `at` (ms since the epoch), counting down; at most `seconds` (the delay that
 * set `at`: right from the first frame, before the clock has ticked); 0 without one.
 */
function useSecondsLeft(at: number | null, seconds: number): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (at === null) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const every = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [at]);
  return at === null ? 0 : Math.min(seconds, Math.max(0, Math.ceil((at - now) / 1000)));
}

/**
 * 「已保存 hh:mm」 only for what the server acknowledged with a version; 「保存中」 / 「未保存」 /
 * 「编辑器未启动」 otherwise, announced politely to screen readers.
 */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry(): void }) {
  const left = useSecondsLeft(state.kind === 'error' ? state.retryAt : null, state.kind === 'error' ? state.retryInSeconds : 0);
  let text: string;
  switch (state.kind) {
    case 'starting':
      text = '编辑器未启动，不能保存';
      break;
    case 'saved':
      text = `已保存 ${hhmm(state.at)}`;
      break;
    case 'dirty':
      text = '未保存';
      break;
    case 'saving':
      text = '保存中…';
      break;
    case 'error':
      text = `保存失败：${state.message}`;
      break;
    case 'conflict':
      text = '未保存：报告已在别处更新';
      break;
    case 'invalid':
      text = `未保存：${state.message}`;
      break;
  }
  return (
    <span
      className="save-status"
      data-state={state.kind}
      data-version={state.kind === 'saved' ? state.version : undefined}
      role="status"
      aria-live="polite"
      data-testid="save-status"
    >
      {text}
      {state.kind === 'error' && left > 0 && (
        // The count is seen ticking; read out once (a live region would announce every second).
        <>
          <span aria-hidden="true">
            ，{left} 秒后第 {state.attempt + 1} 次重试
          </span>
          <span className="visually-hidden">，稍后自动重试</span>
        </>
      )}
      {state.kind === 'error' && state.expired && (
        <>
          {'。'}
          {/* Signing in again in another tab keeps this page and its input; the retry then lands. */}
          <a href="/login" target="_blank" rel="noopener" data-testid="relogin">
            在新标签页重新登录
          </a>
          ，本页内容会自动保存
        </>
      )}
      {state.kind === 'error' && (
        <>
          {' '}
          <button type="button" className="btn" onClick={onRetry}>
            立即重试
          </button>
        </>
      )}
    </span>
  );
}
