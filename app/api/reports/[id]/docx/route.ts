/**
 * GET /api/reports/:id/docx — the report as an editable Word document.
 * Who: anyone who may read the report.
 */
import { documentRoute } from '../../../../_lib/documents';

export const runtime = 'nodejs';
export const GET = documentRoute('docx');
