/**
 * GET /api/reports/:id/pdf — the report as a print-ready PDF (「草稿」 watermark until approved).
 * Who: anyone who may read the report. Renders in the PDF worker pool.
 */
import { documentRoute } from '../../../../_lib/documents';

export const runtime = 'nodejs';
export const GET = documentRoute('pdf');
