/**
 * GET /api/reports/:id/csv — 表二, 表三 and 表四 as open data (one line per cell, labels and keys,
 * UTF-8 with BOM, neutralised against formula injection). Who: anyone who may read the report.
 */
import { documentRoute } from '../../../../_lib/documents';

export const runtime = 'nodejs';
export const GET = documentRoute('csv');
