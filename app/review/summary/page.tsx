/**
 * /review/summary?year=YYYY&include=approved|submitted[&agency=<id>] — the summary of the user's agency
 * (or of one below it, drilled down to): how many
 * agencies are at each status, which reports the sum adds up, tables 二/三/四 summed and laid
 * out as printed, the checks on the sum, and CSV/XLSX downloads. Who: reviewers and admins (a
 * filer is sent to their own reports).
 */
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { currentTemplate } from '@/lib/template/registry';
import { districtSummary } from '@/lib/server/summary';
import { INCLUDE_NAMES } from '@/lib/summary/district';
import { summaryTitle } from '@/lib/summary/district-rows';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { TopBar } from '@/app/_lib/top-bar';
import { ReportPreview } from '@/components/preview/report-preview';
import { YearIncludeForm } from '@/components/review/year-include-form';
import { SummaryAgencies } from '@/components/summary/summary-agencies';
import { SummaryChildren } from '@/components/summary/summary-children';
import { AgencyPath } from '@/components/review/agency-path';
import { SummaryFindings } from '@/components/summary/summary-findings';
import { summaryDocument } from '@/components/summary/summary-tables';
import { requireUser } from '../../_lib/session';
import { canAtOwnAgency } from '@/lib/auth/permissions';
import { reportYear } from '@/lib/report/schema';

export const metadata = { title: '辖区汇总' };

const ZParams = z.object({
  year: reportYear(z.coerce.number()).catch(() => defaultYear()),
  include: z.enum(['approved', 'submitted']).catch('approved'),
  agency: z.string().optional(),
});

/** Beyond this many agencies the list is left to the downloads and the roll-up above it. */
const LIST_LIMIT = 300;

/** Reports are written early in the next year: until October, the year to look at is last year. */
function defaultYear(now = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export default async function SummaryPage({ searchParams }: { searchParams: Promise<{ year?: string; include?: string; agency?: string }> }) {
  const user = await requireUser();
  if (!canAtOwnAgency(user, 'summary.read')) redirect('/reports');
  const { year, include, agency } = ZParams.parse(await searchParams);
  let summary;
  try {
    summary = await districtSummary(await getDb(), user, { year, include, agency });
  } catch (e) {
    // An agency outside the user's scope, or not an agency at all: as if there were no such page.
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'INVALID')) notFound();
    throw e;
  }
  const drilled = summary.agencyId !== user.agencyId;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ year: String(year), include, ...(drilled ? { agency: summary.agencyId } : {}), ...extra });
  const download = (format: 'csv' | 'xlsx') => `/api/summary?${query({ format })}`;
  const summaryOf = (agencyId: string) =>
    `/review/summary?${new URLSearchParams({ year: String(year), include, ...(agencyId === user.agencyId ? {} : { agency: agencyId }) })}`;
  const title = summaryTitle(summary);
  return (
    <>
      <TopBar user={user} />
      <main className="page">
        <section className="card" aria-labelledby="summary-title">
          <div className="district-head">
            <h1 id="summary-title">{title}</h1>
            <YearIncludeForm year={year} include={include} includeLabel="汇总范围">
              {drilled && <input type="hidden" name="agency" value={summary.agencyId} />}
            </YearIncludeForm>
          </div>
          <AgencyPath path={summary.path} href={summaryOf} label="逐级汇总" testId="summary-path" />
          <p>
            <Link href={`/review?year=${year}`}>返回辖区报告</Link>　<Link href={`/review/insight?${new URLSearchParams({ year: String(year), include, ...(drilled ? { agency: summary.agencyId } : {}) })}`}>辖区分析</Link>
          </p>
          <h2>完成情况</h2>
          <p className="counts" data-testid="summary-counts">
            {(['none', 'draft', 'submitted', 'returned', 'approved'] as const).map((s) => (
              <span key={s} className="count">
                {STATUS_NAMES[s]} <strong>{summary.counts[s]}</strong>
              </span>
            ))}
          </p>
          <p role="status" data-testid="summary-message">
            汇总范围：{INCLUDE_NAMES[include]}。{summary.message}
          </p>
          <p style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <a className="btn" href={download('xlsx')} download title="表二、表三、表四各一页，按格式排版；另附各机关状态">
              下载 Excel（按表格式）
            </a>
            <a className="btn" href={download('csv')} download title="每个单元格一行：表、行、列、合计">
              下载 CSV（逐项，供程序处理）
            </a>
          </p>
          {(drilled || summary.children.some((c) => !c.isLeaf)) && summary.children.length > 0 && (
            <>
              <h2>下级机关汇总</h2>
              <p>
                每个下级机关的数字是其全部下级逐级汇总之和（有下级的机关按其下级汇总，本级报告不另计入，以免重复）；点机关名称查看其汇总，最下一级查看报告。
              </p>
              <SummaryChildren
                items={summary.children}
                href={(c) => (!c.isLeaf ? summaryOf(c.agencyId) : c.reportId ? `/reports/${c.reportId}` : null)}
              />
            </>
          )}
          <h2>计入汇总的机关</h2>
          {summary.agencies.length <= LIST_LIMIT ? (
            <SummaryAgencies agencies={summary.agencies} />
          ) : (
            <p data-testid="summary-agencies-omitted">
              共 {summary.agencies.length} 个机关，其中 {summary.included} 份报告计入汇总。逐个机关的状态见上方下级机关汇总（可逐级查看）或下载的 Excel、CSV。
            </p>
          )}
        </section>
        <SummaryFindings findings={summary.findings} included={summary.included} />
        <section className="card" aria-labelledby="summary-tables-title">
          <h2 id="summary-tables-title">汇总表</h2>
          {summary.included === 0 ? (
            <p>没有计入汇总的报告。</p>
          ) : (
            <ReportPreview doc={summaryDocument(currentTemplate, summary.report)} isDraft={false} />
          )}
        </section>
      </main>
    </>
  );
}
