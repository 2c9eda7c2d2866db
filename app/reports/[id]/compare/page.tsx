/**
 * /reports/:id/compare?with=last-year — the two years side by side (tables with differences,
 * text with what is unchanged highlighted); ?from=N&to=M — two saved versions (what changed
 * since it was returned). Who: anyone who may read the report.
 */
import Link from 'next/link';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getReport, listVersions } from '@/lib/server/reports';
import { compareVersions, compareWithLastYear, type Comparison } from '@/lib/server/compare';
import { reportTimeline } from '@/lib/server/review';
import { getTemplate } from '@/lib/template/registry';
import { versionLabel } from '@/lib/compare';
import { comparedCellRows, comparedTextRows } from '@/lib/compare/rows';
import { TopBar } from '@/app/_lib/top-bar';
import { CellChanges } from '@/components/compare/cell-changes';
import { TextChanges } from '@/components/compare/text-changes';
import { requireUser } from '../../../_lib/session';
import { orNotFound } from '@/app/_lib/not-found';

export const metadata = { title: '对比' };

type Search = { with?: string; from?: string; to?: string };

export default async function ComparePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { id } = await params;
  const search = await searchParams;
  const db = await getDb();
  const record = await orNotFound(getReport(db, user, id));
  const [versions, timeline] = await Promise.all([listVersions(db, user, id), reportTimeline(db, user, id)]);
  const yearOverYear = search.with === 'last-year';
  const lastReturn = [...timeline].reverse().find((e) => e.to === 'returned');
  // The version before the current one that was kept (autosaves of one burst are not all kept).
  const previous = versions.find((v) => v.version < record.version)?.version;
  const from = search.from ?? String(lastReturn?.version ?? previous ?? Math.max(1, record.version - 1));
  const to = search.to ?? String(record.version);
  // A new report has one version: nothing to compare it with (not 「第 1 版 与 第 1 版」).
  const onlyVersion = !yearOverYear && versions.length < 2 && search.from === undefined ? versions[0] : undefined;
  let comparison: Comparison | null = null;
  let problem: string | null = onlyVersion
    ? `这份报告只有${versionLabel(onlyVersion)}，还没有可对比的版本；保存修改后即可对比${record.year > 2021 ? '，也可以「与上年对比」' : ''}。`
    : null;
  try {
    if (!problem) comparison = yearOverYear ? await compareWithLastYear(db, user, id) : await compareVersions(db, user, id, { from, to });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problem = e.message;
  }
  const template = getTemplate(record.edition);
  const cells = comparison ? comparedCellRows(template, comparison) : [];
  const texts = comparison ? comparedTextRows(template, comparison, yearOverYear) : [];
  return (
    <>
      <TopBar user={user} />
      <main className="page wide">
        <p>
          <Link href={`/reports/${id}`}>← 返回报告</Link>
        </p>
        <h1>
          {record.agencyName} {record.year} 年度报告 · {yearOverYear ? '与上年对比' : '版本对比'}
        </h1>
        <nav className="compare-nav" aria-label="对比方式">
          <Link className="btn" href={`/reports/${id}/compare?with=last-year`} aria-current={yearOverYear ? 'page' : undefined}>
            与上年对比
          </Link>
          <form method="get" className="compare-nav">
            <label htmlFor="from">版本</label>
            <select id="from" name="from" defaultValue={from}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {versionLabel(v)}
                </option>
              ))}
            </select>
            <label htmlFor="to">与</label>
            <select id="to" name="to" defaultValue={to}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {versionLabel(v)}
                </option>
              ))}
            </select>
            <button className="btn" type="submit">
              对比版本
            </button>
          </form>
          {lastReturn && (
            <Link className="btn" href={`/reports/${id}/compare?from=${lastReturn.version}&to=${record.version}`}>
              退回以来的修改
            </Link>
          )}
        </nav>
        {problem && <p className="alert warn">{problem}</p>}
        {comparison && (
          <>
            <p data-testid="compare-summary">
              {comparison.beforeLabel} → {comparison.afterLabel}：{comparison.diff.summary}
            </p>
            <CellChanges rows={cells} beforeLabel={comparison.beforeLabel} afterLabel={comparison.afterLabel} />
            <TextChanges rows={texts} highlight={yearOverYear ? 'same' : 'changes'} />
          </>
        )}
      </main>
    </>
  );
}
