'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { createReportAction, type CreateState } from './actions';
import { FIRST_YEAR, LAST_YEAR } from '@/lib/report/limits';

export function CreateReportForm({ agencies, defaultYear }: { agencies: { id: string; name: string }[]; defaultYear: number }) {
  const [state, action, pending] = useActionState<CreateState, FormData>(createReportAction, { message: null });
  return (
    <form action={action}>
      {state.message && (
        <p role="alert" className="alert error">
          {state.message}
          {state.existingId && (
            <>
              {' '}
              <Link href={`/reports/${state.existingId}`}>打开已有的报告</Link>
            </>
          )}
        </p>
      )}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div className="field" style={{ minWidth: 280 }}>
          <label htmlFor="agencyId">机关</label>
          <select id="agencyId" name="agencyId" defaultValue={state.values?.agencyId ?? agencies[0]?.id}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="year">报告年度</label>
          <input id="year" name="year" type="number" min={FIRST_YEAR} max={LAST_YEAR} defaultValue={state.values?.year ?? defaultYear} required style={{ width: 110 }} />
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" name="fromLastYear" defaultChecked={state.values?.fromLastYear ?? false} /> 以上年度报告为基础
          </label>
          <span className="hint">带入上年结转、现行有效件数和上年度存在的问题</span>
        </div>
        <div className="field">
          <button className="btn primary" type="submit" disabled={pending}>
            {pending ? '正在创建…' : '新建报告'}
          </button>
        </div>
        <div className="field">
          <Link className="btn" href="/reports/import">
            导入已发布的报告…
          </Link>
        </div>
      </div>
    </form>
  );
}
