import Link from 'next/link';
import { LIST_SORTS, STATUS_ORDER, type DistrictOverview, type ListView } from '@/lib/server/district-overview';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { changedAt, formatDateTime } from '../format-time';
import { ColumnHeaders } from '@/components/column-headers';

/** The list's address with some of its settings changed: pages and filters are links. */
function listHref(year: number, view: ListView, patch: Partial<ListView>): string {
  const v = { ...view, ...patch };
  const q = new URLSearchParams({ year: String(year) });
  if (v.q) q.set('q', v.q);
  if (v.status !== 'all') q.set('status', v.status);
  if (v.under) q.set('under', v.under);
  if (v.sort !== 'status') q.set('sort', v.sort);
  if (v.page > 1) q.set('page', String(v.page));
  return `/review?${q.toString()}`;
}

/**
 * The district's agencies, one page at a time: search by name or pinyin initials, filter by
 * status and by the unit below (a city, a district), sort; all on the server through a plain
 * GET form, so it works the same with no script and at any size.
 */
export function DistrictTable({ overview }: { overview: DistrictOverview }) {
  const { year, view, rows, page, pages } = overview;
  const grouped = view.sort === 'branch' && overview.branches.length > 0;
  return (
    <>
      <form method="get" action="/review" className="list-filters" role="search" aria-label="筛选辖区报告">
        <input type="hidden" name="year" value={year} />
        <div className="field">
          <label htmlFor="list-q">搜索机关</label>
          <input id="list-q" name="q" type="search" defaultValue={view.q} placeholder="名称或拼音首字母，如 zwdd" maxLength={40} />
        </div>
        <div className="field">
          <label htmlFor="status-filter">状态</label>
          <select id="status-filter" name="status" defaultValue={view.status}>
            <option value="all">全部（{overview.total}）</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}（{overview.counts[s]}）
              </option>
            ))}
            <option value="late">已逾期（{overview.counts.late}）</option>
          </select>
        </div>
        {overview.branches.length > 0 && (
          <div className="field">
            <label htmlFor="list-under">下级</label>
            <select id="list-under" name="under" defaultValue={view.under ?? ''}>
              <option value="">全部下级</option>
              {overview.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}（{b.units}）
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="list-sort">排序</label>
          <select id="list-sort" name="sort" defaultValue={view.sort}>
            {Object.entries(LIST_SORTS)
              .filter(([k]) => k !== 'branch' || overview.branches.length > 0)
              .map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <button className="btn" type="submit">
          筛选
        </button>
      </form>
      <p className="muted" data-testid="list-matched" aria-live="polite">
        {overview.matched === overview.total ? `共 ${overview.total} 个机关` : `符合条件 ${overview.matched} 个（共 ${overview.total} 个）`}
        {pages > 1 ? `，第 ${page} / ${pages} 页` : ''}
      </p>
      <table className="list stacked district" data-testid="district-table">
        <thead>
          <ColumnHeaders names={['机关', '状态', '检查结果', '最后修改']} actions />
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <Row key={r.agencyId} r={r} group={grouped && (i === 0 || rows[i - 1].branchId !== r.branchId) ? r.branchName : null} />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">没有符合条件的机关。</p>}
      {pages > 1 && (
        <nav className="pager" aria-label="分页">
          {page > 1 ? <Link href={listHref(year, view, { page: page - 1 })}>上一页</Link> : <span aria-disabled="true">上一页</span>}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages ? <Link href={listHref(year, view, { page: page + 1 })}>下一页</Link> : <span aria-disabled="true">下一页</span>}
        </nav>
      )}
    </>
  );
}

function Row({ r, group }: { r: DistrictOverview['rows'][number]; group: string | null }) {
  return (
    <>
      {group && (
        <tr className="group-row">
          <th scope="rowgroup" colSpan={5}>
            {group}
          </th>
        </tr>
      )}
      <tr data-agency={r.agencyName}>
        <td className="agency">{r.agencyName}</td>
        <td data-label="状态">
          <span className="status">{STATUS_NAMES[r.status]}</span>
          {r.isLate && (
            <span className="status late" data-testid="late" title={r.submittedAt ? `提交于 ${formatDateTime(r.submittedAt)}` : undefined}>
              {r.submittedAt ? '逾期提交' : '已逾期'}
            </span>
          )}
        </td>
        <td data-label="检查结果">{r.reportId ? (r.errors ? `错误 ${r.errors} 条，提示 ${r.warnings} 条` : `无错误，提示 ${r.warnings} 条`) : '—'}</td>
        <td data-label="最后修改">{changedAt(r.updatedAt, r.updatedByName)}</td>
        <td>
          {r.reportId && (
            <Link className="btn" href={`/reports/${r.reportId}`} aria-label={`${r.status === 'submitted' ? '审核' : '查看'} ${r.agencyName}`}>
              {r.status === 'submitted' ? '审核' : '查看'}
            </Link>
          )}
        </td>
      </tr>
    </>
  );
}
