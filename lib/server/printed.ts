/**
 * The one way a stored report becomes what others read: its PDF, DOCX, publication page, JSON
 * in the district package, the preview link and every file name — under the agency's REGISTERED
 * name (the agencies table, which only an admin changes), never the `meta.agencyName` a filer
 * typed or imported into the content (withRegisteredName). Every service that prints a report
 * reads the registered name with the row and goes through here, so no caller can forget it.
 */
import { buildDocument, type DocumentTree } from '../document';
import { withRegisteredName } from '../report/blank';
import type { Report } from '../report/types';
import { getTemplate } from '../template/registry';

/** A report as read from the database with its agency's registered name (`agencies.name`). */
export type StoredReport = { edition: string; content: Report; agencyName: string };

/** The content as it prints: meta.agencyName (and a title not starting with it) replaced by the registered name. */
export function printedReport(r: Pick<StoredReport, 'content' | 'agencyName'>): Report {
  return withRegisteredName(r.content, r.agencyName);
}

/** The document tree every renderer (PDF, DOCX, HTML, the preview) lays out. */
export function printedDocument(r: StoredReport): DocumentTree {
  return buildDocument(getTemplate(r.edition), printedReport(r));
}
