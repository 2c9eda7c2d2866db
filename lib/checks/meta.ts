import type { Report } from '../report/types';
import { isRealDate } from '../report/schema';
import type { Finding } from './types';
import { publicationDeadline, publicationDeadlineText } from '../report/limits';

const META = 'meta';

function fieldFinding(rule: string, field: string, message: string): Finding {
  return { id: `${rule}:${field}`, rule, severity: 'warning', section: META, cells: [], field, message };
}

/**
 * Soft checks of the report's dates: real dates, a statistics period that is the report year,
 * a title that names the same year, publication by the statutory deadline (条例第四十九条:
 * 1月31日 of the next year).
 */
export function metaFindings(report: Report): Finding[] {
  const { year, periodStart, periodEnd, publishDate, title } = report.meta;
  const out: Finding[] = [];
  for (const [field, value, name] of [
    ['periodStart', periodStart, '统计期限（起）'],
    ['periodEnd', periodEnd, '统计期限（止）'],
  ] as const) {
    if (!isRealDate(value)) out.push(fieldFinding('DATE', field, `${name}「${value || '空'}」不是有效日期`));
    else if (Number(value.slice(0, 4)) !== year) out.push(fieldFinding('YEAR', field, `${name}${value}不在报告年度 ${year} 年内`));
  }
  if (isRealDate(periodStart) && isRealDate(periodEnd)) {
    if (periodStart > periodEnd) out.push(fieldFinding('DATE', 'periodEnd', '统计期限的结束日期早于开始日期'));
    else if (periodStart !== `${year}-01-01` || periodEnd !== `${year}-12-31`)
      out.push(fieldFinding('PERIOD', 'periodStart', `统计期限通常为 ${year} 年 1 月 1 日至 12 月 31 日`));
  }
  if (title !== null) {
    const m = /(\d{4})\s*年/.exec(title);
    if (m && Number(m[1]) !== year) out.push(fieldFinding('YEAR', 'title', `标题中的年度（${m[1]} 年）与报告年度（${year} 年）不一致`));
  }
  if (publishDate) {
    if (!isRealDate(publishDate)) out.push(fieldFinding('DATE', 'publishDate', `发布日期「${publishDate}」不是有效日期`));
    else if (isRealDate(periodEnd) && publishDate <= periodEnd)
      out.push(fieldFinding('DATE', 'publishDate', '发布日期应在统计期限结束之后'));
    else if (publishDate > publicationDeadline(year))
      out.push(fieldFinding('DEADLINE', 'publishDate', `发布日期晚于法定公布期限（${publicationDeadlineText(year)}）`));
  }
  return out;
}
