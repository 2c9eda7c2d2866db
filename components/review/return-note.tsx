import type { ReturnNote } from '@/lib/server/reports';
import { formatDateTime } from '../format-time';

/** 「退回理由：… —— 区审核员，2026/1/20 09:05:00」: why a report came back, who sent it and when. */
export function ReturnNoteText({ note }: { note: ReturnNote }) {
  return (
    <>
      <strong>退回理由：</strong>
      <span className="reason">{note.reason || '（未填写理由）'}</span>
      <span className="who">
        —— {note.actorName}，{formatDateTime(note.at)}
      </span>
    </>
  );
}
