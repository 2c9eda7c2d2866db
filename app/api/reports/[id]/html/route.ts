/**
 * GET /api/reports/:id/html — the publication page: one self-contained HTML file for the
 * portal's 政府信息公开 column (a 「草稿」 notice until approved). Who: anyone who may read the report.
 */
import { documentRoute } from '../../../../_lib/documents';

export const runtime = 'nodejs';
export const GET = documentRoute('html');
