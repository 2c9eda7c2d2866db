'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { OverviewRow } from '@/lib/server/review';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { changedAt, formatDateTime } from '../format-time';

type SortKey = 'agencyName' | 'status' | 'errors' | 'updatedAt';
// Work first: what waits for the reviewer, then what waits for the agencies.
const STATUS_ORDER = ['submitted', 'returned', 'draft', 'none', 'approved'];

/** The district's agencies: filter by status, sort by any column, late ones marked. */
export function DistrictTable({ rows }: { rows: OverviewRow[] }) {
  const [filter, setFilter] = useState<string>('all');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'status', asc: true });
  const shown = useMemo(() => {
    const list = rows.filter((r) => filter === 'all' || (filter === 'late' ? r.isLate : r.status === filter));
    const value = (r: OverviewRow): string | number =>
      sort.key === 'status' ? STATUS_ORDER.indexOf(r.status) : sort.key === 'errors' ? r.errors : (r[sort.key] ?? '');
    return [...list].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
      return (sort.asc ? c : -c) || a.agencyName.localeCompare(b.agencyName, 'zh-CN');
    });
  }, [rows, filter, sort]);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}>
        {label}
        {sort.key === key ? (sort.asc ? ' ↑' : ' ↓') : ''}
      </button>
    </th>
  );
  return (
    <>
      <div className="field" style={{ maxWidth: 240 }}>
        <label htmlFor="status-filter">按状态筛选</label>
        <select id="status-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="all">全部（{rows.length}）</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_NAMES[s as keyof typeof STATUS_NAMES]}
            </option>
          ))}
          <option value="late">已逾期</option>
        </select>
      </div>
      <table className="list" data-testid="district-table">
        <thead>
          <tr>
            {header('agencyName', '机关')}
            {header('status', '状态')}
            {header('errors', '检查结果')}
            {header('updatedAt', '最后修改')}
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.agencyId} data-agency={r.agencyName}>
              <td>{r.agencyName}</td>
              <td>
                <span className="status">{STATUS_NAMES[r.status]}</span>
                {r.isLate && (
                  <span className="status late" data-testid="late" title={r.submittedAt ? `提交于 ${formatDateTime(r.submittedAt)}` : undefined}>
                    {r.submittedAt ? '逾期提交' : '已逾期'}
                  </span>
                )}
              </td>
              <td>{r.reportId ? (r.errors ? `错误 ${r.errors} 条，提示 ${r.warnings} 条` : `无错误，提示 ${r.warnings} 条`) : '—'}</td>
              <td>{changedAt(r.updatedAt, r.updatedByName)}</td>
              <td>
                {r.reportId && (
                  <Link className="btn" href={`/reports/${r.reportId}`}>
                    {r.status === 'submitted' ? '审核' : '查看'}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
