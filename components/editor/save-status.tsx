'use client';
import type { SaveState } from './use-autosave';

function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * 「已保存 hh:mm」 only for what the server acknowledged with a version; 「保存中」 / 「未保存」 /
 * 「编辑器未启动」 otherwise, announced politely to screen readers.
 */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry(): void }) {
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
      text = `保存失败：${state.message}${state.retryInSeconds ? `，${state.retryInSeconds} 秒后第 ${state.attempt + 1} 次重试` : ''}`;
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
