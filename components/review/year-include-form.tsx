import type { ReactNode } from 'react';
import { FIRST_YEAR, LAST_YEAR } from '@/lib/report/limits';
import { INCLUDE_NAMES, type SummaryInclude } from '@/lib/summary/district';

/** The GET form of the district pages that read reports of one year: 年度, which reports, more fields. */
export function YearIncludeForm({ year, include, includeLabel, children }: { year: number; include: SummaryInclude; includeLabel: string; children?: ReactNode }) {
  return (
    <form method="get" className="year-form no-print">
      <label htmlFor="year">年度</label>
      <input id="year" name="year" type="number" min={FIRST_YEAR} max={LAST_YEAR} defaultValue={year} />
      <label htmlFor="include">{includeLabel}</label>
      <select id="include" name="include" defaultValue={include}>
        {(Object.keys(INCLUDE_NAMES) as SummaryInclude[]).map((k) => (
          <option key={k} value={k}>
            {INCLUDE_NAMES[k]}
          </option>
        ))}
      </select>
      {children}
      <button className="btn" type="submit">
        查看
      </button>
    </form>
  );
}
