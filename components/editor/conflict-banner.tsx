'use client';
import type { SaveState } from './use-autosave';
import { formatDateTime } from '../format-time';

/**
 * What the page says when a save is refused: a stale copy (another tab or person saved first) —
 * with the three ways out — or content the server cannot accept. Nothing otherwise.
 */
export function ConflictBanner({
  state,
  onDownloadLocal,
  onOverwrite,
  onLoadLatest,
}: {
  state: SaveState;
  onDownloadLocal(): void;
  onOverwrite(): void;
  onLoadLatest(): void;
}) {
  if (state.kind === 'invalid')
    return (
      <div className="banner alert error" role="alert">
        无法保存：{state.message}
      </div>
    );
  if (state.kind !== 'conflict') return null;
  const c = state.conflict;
  return (
    <div className="banner alert error" role="alert">
      <strong>本页的修改没有保存。</strong>
      此报告已在其他窗口或由他人保存为第 {c?.version} 版
      {c?.updatedByName ? `（${c.updatedByName}` : '（'}
      {c?.updatedAt ? `，${formatDateTime(c.updatedAt)}）` : '）'}。
      为避免互相覆盖，自动保存已暂停；您在本页输入的内容仍保留在下方。
      <div className="actions">
        <button type="button" className="btn" onClick={onDownloadLocal}>
          下载本页内容（JSON）
        </button>
        <button
          type="button"
          className="btn danger"
          onClick={() => {
            if (window.confirm('用本页内容覆盖服务器上较新的版本？较新版本仍保留在历史版本中。')) onOverwrite();
          }}
        >
          以本页内容覆盖
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            if (window.confirm('放弃本页未保存的修改，载入最新版本？')) onLoadLatest();
          }}
        >
          放弃本页修改，载入最新版本
        </button>
      </div>
    </div>
  );
}
