/**
 * GET /schema/report.schema.json, /schema/published-report.schema.json — the JSON Schema of
 * nianbao's report format (current edition), generated from the zod schema. Public: it holds
 * no report content, and open-data users fetch it without an account.
 */
import { currentTemplate } from '@/lib/template/registry';
import { REPORT_SCHEMA_KINDS, reportJsonSchema, reportSchemaFileName } from '@/lib/report/json-schema';

export const dynamic = 'force-static';

export function generateStaticParams() {
  return REPORT_SCHEMA_KINDS.map((k) => ({ file: reportSchemaFileName(k) }));
}

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const kind = REPORT_SCHEMA_KINDS.find((k) => reportSchemaFileName(k) === file);
  if (!kind) return new Response('未找到', { status: 404 });
  return new Response(`${JSON.stringify(reportJsonSchema(currentTemplate, kind), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
}
