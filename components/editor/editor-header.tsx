'use client';
import type { SaveState } from './use-autosave';
import { SaveStatus } from './save-status';
import { ReviewActions } from '../review/review-actions';
import { STATUS_NAMES } from '@/lib/review/transitions';
import type { ReportRecord } from '@/lib/server/reports';
import { DocumentButtons } from './document-buttons';

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
  beforeFetch,
  errorCount,
  errorMessages,
  hintCount,
  onTransitionDone,
}: {
  record: ReportRecord;
  title: string;
  saveState: SaveState;
  onRetrySave(): void;
  /** Saves pending input and returns the version the server holds. */
  beforeSubmit(): Promise<number>;
  showPreview: boolean;
  onTogglePreview(): void;
  hasLastYear: boolean;
  /** Before a file is fetched: save pending input (files are made from what the server holds). */
  beforeFetch(): Promise<void>;
  errorCount: number;
  errorMessages?: string[];
  hintCount: number;
  onTransitionDone(message: string): void;
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
      {/* One group: when the row is too narrow for the title and all of it, it moves whole to a row
          of its own instead of leaving its last button alone below (the reviewer has three more). */}
      <div className="editor-actions">
        <ReviewActions
          reportId={record.id}
          status={record.status}
          version={record.version}
          transitions={record.transitions}
          errorCount={errorCount}
          errorMessages={errorMessages}
          hintCount={hintCount}
          publishDate={record.content.meta.publishDate}
          periodEnd={record.content.meta.periodEnd}
          reviewerAgencyName={record.reviewerAgencyName}
          beforeSubmit={beforeSubmit}
          onDone={onTransitionDone}
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
        <DocumentButtons reportId={record.id} beforeFetch={beforeFetch}>
          <a className="btn" href={`/api/reports/${record.id}/export`} download>
            导出 JSON
          </a>
        </DocumentButtons>
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
    </div>
  );
}
