/**
 * GET /api/reports/:id/export — the report as nianbao's JSON export file (lossless; the CLI
 * and the importer read it). Who: anyone who may read the report.
 */
import { getDb } from '@/lib/db/client';
import { getReport } from '@/lib/server/reports';
import { reportTitle } from '@/lib/report';
import { printedReport } from '@/lib/server/printed';
import { getTemplate } from '@/lib/template/registry';
import { serializeReport } from '@/lib/report/json';
import { attachment, withUser } from '../../../../_lib/api';

type Ctx = { params: Promise<{ id: string }> };

export const GET = withUser<Ctx>(async (_req, user, { params }) => {
  const { id } = await params;
  const record = await getReport(await getDb(), user, id);
  // Under the registered name, as every file made of a report (lib/server/printed.ts).
  const content = printedReport(record);
  const title = reportTitle(getTemplate(record.edition), content);
  return new Response(serializeReport(content), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(`${title}.json`),
      'Cache-Control': 'no-store',
    },
  });
});
