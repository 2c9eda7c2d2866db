/**
 * /review?year=YYYY[&q=&status=&under=&sort=&page=] — the district's view: the agencies under the
 * reviewer's agency with their report's status, check summary, last change and who, and who is
 * late for the deadline; searched, filtered, sorted and paged on the server (a province has 5 000).
 * Without ?year it opens on the year with reports waiting for review, 「待审核 N」 first.
 * Who: reviewers and admins (a filer is sent to their own reports).
 */
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from '@/lib/validation';
import { getDb } from '@/lib/db/client';
import { reviewYearToOpen } from '@/lib/server/review';
import { districtOverview, ZListView } from '@/lib/server/district-overview';
import { TopBar } from '@/app/_lib/top-bar';
import { DistrictTable } from '@/components/review/district-table';
import { requireUser } from '../_lib/session';
import { DeadlineForm } from './deadline-form';
import { PackageDownload } from '@/components/review/package-download';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { canAtOwnAgency } from '@/lib/auth/permissions';
import { reportYear } from '@/lib/report/schema';
import { FIRST_YEAR, LAST_YEAR } from '@/lib/report/limits';

export const metadata = { title: '辖区报告' };

const ZYear = reportYear(z.coerce.number());

type Search = { year?: string; q?: string; status?: string; under?: string; sort?: string; page?: string };

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!canAtOwnAgency(user, 'district.read')) redirect('/reports');
  const db = await getDb();
  const search = await searchParams;
  const parsed = ZYear.safeParse(search.year);
  // Without a year: the one with reports waiting for review (usually last calendar year's).
  const year = parsed.success ? parsed.data : await reviewYearToOpen(db, user);
  const overview = await districtOverview(db, user, year, new Date(), ZListView.parse(search));
  return (
    <>
      <TopBar user={user} />
      <main className="page">
        <section className="card" aria-labelledby="district-title">
          <div className="district-head">
            <h1 id="district-title">
              {user.agencyName} · {year} 年度报告
            </h1>
            <form method="get" className="year-form">
              <label htmlFor="year">年度</label>
              <input id="year" name="year" type="number" min={FIRST_YEAR} max={LAST_YEAR} defaultValue={year} />
              <button className="btn" type="submit">
                查看
              </button>
            </form>
          </div>
          <p className="counts" data-testid="status-counts">
            <span className={`count pending${overview.counts.submitted ? ' has-pending' : ''}`} data-testid="pending-count">
              待审核 <strong>{overview.counts.submitted}</strong>
            </span>
            {(['none', 'draft', 'returned', 'approved'] as const).map((s) => (
              <span key={s} className="count">
                {STATUS_NAMES[s]} <strong>{overview.counts[s]}</strong>
              </span>
            ))}
          </p>
          <div className="district-actions">
            <Link className="btn" href={`/review/summary?year=${year}`}>
              辖区汇总（表二、表三、表四）
            </Link>
            <Link className="btn" href={`/review/insight?year=${year}`}>
              辖区分析（指标与图表）
            </Link>
            <PackageDownload year={year} approved={overview.counts.approved} branches={overview.branches} />
          </div>
          <DeadlineForm year={year} deadline={overview.deadline} />
          <DistrictTable overview={overview} />
        </section>
      </main>
    </>
  );
}
