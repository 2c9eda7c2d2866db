import Link from 'next/link';
import { getDb } from '@/lib/db/client';
import { listCreatableAgencies, listReports } from '@/lib/server/reports';
import { TopBar } from '@/app/_lib/top-bar';
import { requireUser } from '../_lib/session';
import { CreateReportForm } from './create-form';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { changedAt } from '@/components/format-time';
import { ReturnNoteText } from '@/components/review/return-note';
import { ColumnHeaders } from '@/components/column-headers';

export const metadata = { title: '报告' };

/** Reports are written in January about the year before; from October on, default to this year. */
function defaultReportYear(now = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export default async function ReportsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [reports, agencies] = await Promise.all([listReports(db, user), listCreatableAgencies(db, user)]);
  return (
    <>
      <TopBar user={user} />
      <main className="page">
        {agencies.length > 0 && (
          <section className="card" aria-labelledby="new-report">
            <h2 id="new-report">新建年度报告</h2>
            <CreateReportForm agencies={agencies} defaultYear={defaultReportYear()} />
          </section>
        )}
        <section className="card" aria-labelledby="report-list">
          <h2 id="report-list">报告</h2>
          {reports.length === 0 ? (
            <p>还没有报告。</p>
          ) : (
            <table className="list stacked">
              <thead>
                <ColumnHeaders names={['机关', '年度', '状态', '最后修改']} actions />
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td>{r.agencyName}</td>
                    <td data-label="年度">{r.year}</td>
                    <td>
                      <span className="status">{STATUS_NAMES[r.status] ?? r.status}</span>
                      {r.returned && (
                        <p className="return-note" data-testid="return-note">
                          <ReturnNoteText note={r.returned} />
                        </p>
                      )}
                    </td>
                    <td data-label="最后修改">{changedAt(r.updatedAt, r.updatedByName)}</td>
                    <td>
                      <Link className="btn" href={`/reports/${r.id}`}>
                        打开
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </>
  );
}
