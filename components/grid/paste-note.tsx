'use client';
import { useContext } from 'react';
import type { TableKey } from '@/lib/template/types';
import { PasteNoteContext } from './grid-context';

/** The last block paste's account, above the table it went into. */
export function PasteNoteBox({ table }: { table: TableKey }) {
  const note = useContext(PasteNoteContext);
  if (!note || note.table !== table) return null;
  return (
    <div className={`paste-note ${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="paste-note">
      <p className="summary">{note.summary}</p>
      {note.notes.length > 0 && (
        <ul>
          {note.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        {note.pasteByLabel && (
          <button type="button" className="btn primary" onClick={note.pasteByLabel}>
            按标签匹配粘贴
          </button>
        )}
        <button type="button" className="btn" onClick={note.close}>
          知道了
        </button>
      </div>
    </div>
  );
}
