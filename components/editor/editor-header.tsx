'use client';
import type { SaveState } from './use-autosave';
import { SaveStatus } from './save-status';
import { ReviewActions } from '../review/review-actions';
import { STATUS_NAMES } from '@/lib/review/transitions';
import type { EditorRecord } from './report-editor';

/** The editor's title line: status, save state, review actions, preview and the files. */
export function EditorHeader({
  record,
  title,
  saveState,
  onRetrySave,
  beforeSubmit,
  showPreview,
  onTogglePreview,
  hasLastYear,
  onDownload,
}: {
  record: EditorRecord;
  title: string;
  saveState: SaveState;
  onRetrySave(): void;
  /** Saves pending input and returns the version the server holds. */
  beforeSubmit(): Promise<number>;
  showPreview: boolean;
  onTogglePreview(): void;
  hasLastYear: boolean;
  onDownload(kind: 'pdf' | 'docx'): void;
}) {
  const readOnly = !record.canEdit;
  return (
    <div className="editor-head">
      <h1>{title}</h1>
      <span className="status" data-testid="report-status">
        {STATUS_NAMES[record.status as keyof typeof STATUS_NAMES] ?? record.status}
      </span>
      {readOnly && <span className="status">只读</span>}
      <span className="spacer" />
      {!readOnly && <SaveStatus state={saveState} onRetry={onRetrySave} />}
      <ReviewActions
        reportId={record.id}
        status={record.status}
        version={record.version}
        transitions={record.transitions}
        beforeSubmit={beforeSubmit}
      />
      <button type="button" className="btn" aria-pressed={showPreview} onClick={onTogglePreview}>
        {showPreview ? '关闭预览' : '预览'}
      </button>
      <a className="btn" href={`/reports/${record.id}/compare${hasLastYear ? '?with=last-year' : ''}`}>
        对比
      </a>
      {record.canComment && (
        <a className="btn" href={`/review/links/${record.id}`}>
          分享预览链接
        </a>
      )}
      <a className="btn" href={`/api/reports/${record.id}/pdf?inline=1`} target="_blank" rel="noopener">
        查看 PDF
      </a>
      <button type="button" className="btn" onClick={() => onDownload('pdf')}>
        下载 PDF
      </button>
      <button type="button" className="btn" onClick={() => onDownload('docx')}>
        下载 Word
      </button>
      <a className="btn" href={`/api/reports/${record.id}/export`} download>
        导出 JSON
      </a>
      {record.status === 'approved' && (
        <>
          <a className="btn" href={`/api/reports/${record.id}/html`} download>
            发布用网页
          </a>
          <a className="btn" href={`/api/reports/${record.id}/csv`} download>
            表格数据 CSV
          </a>
        </>
      )}
    </div>
  );
}
