'use client';
import { useState } from 'react';
import type { ReportTemplate, TableKey } from '@/lib/template/types';
import { sectionHeading, tableCells, tableName } from '@/lib/template/walk';
import type { MergeConflict } from '@/lib/report/merge';
import type { PendingMerge, SaveState } from './use-autosave';
import { formatDateTime } from '../format-time';

/** What a conflicting leaf is called on screen: the part as headed, the cell as the checks name it. */
function conflictLabel(template: ReportTemplate, c: MergeConflict): string {
  const [kind, a, b, col] = c.path;
  if (kind === 'text') {
    const section = template.sections.find((x) => x.key === a);
    const part = section?.parts.find((p) => p.key === b);
    return section ? `${sectionHeading(section)} · ${part?.title ?? part?.label ?? b}` : c.path.join('.');
  }
  if (kind === 'tables') {
    const cell = tableCells(template, a as TableKey).find((x) => x.row === b && x.col === col);
    return cell ? `${tableName(template, a as TableKey)}「${cell.rowPath.at(-1)}」·「${cell.colLabel}」` : c.path.join('.');
  }
  return `基本信息 · ${c.path.slice(1).join('.')}`;
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（空白）' : String(v));

/** The leaves changed on both sides, side by side, each with its choice; then one save. */
function ConflictChoices({ template, pending, onResolve }: { template: ReportTemplate; pending: PendingMerge; onResolve(theirs: Set<number>): void }) {
  const [theirs, setTheirs] = useState<Set<number>>(new Set());
  return (
    <div className="merge-choices" data-testid="merge-choices">
      <p>
        其余修改已自动合并（双方改了不同的部分，都保留）。以下 {pending.conflicts.length} 处双方都改了，请逐项选择保留哪一个：
      </p>
      <ol>
        {pending.conflicts.map((c, i) => {
          const name = `merge-${i}`;
          return (
            <li key={c.path.join('.')}>
              <fieldset>
                <legend>{conflictLabel(template, c)}</legend>
                <label>
                  <input type="radio" name={name} checked={!theirs.has(i)} onChange={() => setTheirs((s) => new Set([...s].filter((x) => x !== i)))} />
                  本页：<span className="value">{shown(c.mine)}</span>
                </label>
                <label>
                  <input type="radio" name={name} checked={theirs.has(i)} onChange={() => setTheirs((s) => new Set([...s, i]))} />
                  第 {pending.version} 版：<span className="value">{shown(c.theirs)}</span>
                </label>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn primary" onClick={() => onResolve(theirs)}>
        按所选合并并保存
      </button>
    </div>
  );
}

/**
 * What the page says when a save is refused: a stale copy (another tab or person saved first) —
 * merged against the version both started from, with the leaves changed on both sides to
 * choose, or the ways out — or content the server cannot accept; and, once, that a refused save
 * merged without conflicts.
 */
export function ConflictBanner({
  template,
  state,
  pending,
  mergedNote,
  onDownloadLocal,
  onOverwrite,
  onLoadLatest,
  onResolve,
  onCloseNote,
}: {
  template: ReportTemplate;
  state: SaveState;
  /** A refused save merged with conflicts: the choices to make. */
  pending: PendingMerge | null;
  /** A refused save merged without conflicts: said once. */
  mergedNote: string | null;
  onDownloadLocal(): void;
  onOverwrite(): void;
  onLoadLatest(): void;
  onResolve(theirs: Set<number>): void;
  onCloseNote(): void;
}) {
  if (state.kind === 'invalid')
    return (
      <div className="banner alert error" role="alert">
        无法保存：{state.message}
      </div>
    );
  if (state.kind !== 'conflict')
    return mergedNote ? (
      <div className="banner alert info" role="status" data-testid="merged-note">
        {mergedNote}
        <button type="button" className="btn small" onClick={onCloseNote}>
          知道了
        </button>
      </div>
    ) : null;
  const c = state.conflict;
  return (
    <div className="banner alert error" role="alert">
      <strong>本页的修改没有保存。</strong>
      此报告已在其他窗口或由他人保存为第 {c?.version} 版
      {c?.updatedByName ? `（${c.updatedByName}` : '（'}
      {c?.updatedAt ? `，${formatDateTime(c.updatedAt)}）` : '）'}。
      为避免互相覆盖，自动保存已暂停；您在本页输入的内容仍保留在下方。
      {pending && <ConflictChoices key={pending.version} template={template} pending={pending} onResolve={onResolve} />}
      <div className="actions">
        <button type="button" className="btn" onClick={onDownloadLocal}>
          下载本页内容（JSON）
        </button>
        {!pending && (
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              if (window.confirm('用本页内容覆盖服务器上较新的版本？较新版本仍保留在历史版本中。')) onOverwrite();
            }}
          >
            以本页内容覆盖
          </button>
        )}
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
