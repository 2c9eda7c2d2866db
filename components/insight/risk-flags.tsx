import Link from 'next/link';
import { FLAGS_SHOWN, RISK_ORDER_TEXTS, RISK_RULES, type RiskFlag, type RiskRule } from '@/lib/insight/risk';
/** Units a page when one rule's whole list is read page by page. */
const FLAGS_PAGE = 50;

/**
 * The risk rules as stated for this installation, each with how many units it flags and the
 * first FLAGS_SHOWN with their evidence — a province flags thousands. One rule's whole list is
 * read page by page (`open`, `page`; `href` makes those links); all are in the Excel.
 */
export function RiskFlags({
  flags,
  ruleTexts,
  open,
  page = 1,
  href,
}: {
  flags: RiskFlag[];
  ruleTexts: Record<RiskRule, string>;
  open?: RiskRule;
  page?: number;
  href: (rule: RiskRule | null, page?: number) => string;
}) {
  return (
    <ul className="risk-rules" data-testid="risk-flags">
      {RISK_RULES.map((rule) => {
        const mine = flags.filter((f) => f.rule === rule);
        const pages = Math.max(1, Math.ceil(mine.length / FLAGS_PAGE));
        const at = Math.min(Math.max(1, page), pages);
        const shown = open === rule ? mine.slice((at - 1) * FLAGS_PAGE, at * FLAGS_PAGE) : mine.slice(0, FLAGS_SHOWN);
        return (
          <li key={rule} data-rule={rule} id={`risk-${rule}`}>
            <strong>{ruleTexts[rule]}</strong>：{mine.length ? `${mine.length} 个单位` : '无'}
            {mine.length > FLAGS_SHOWN && open !== rule && (
              <span className="no-print">
                （下面是前 {FLAGS_SHOWN} 个，{RISK_ORDER_TEXTS[rule]}；<Link href={href(rule, 1)}>逐页查看全部</Link>，或下载指标表 Excel 的「风险提示」表）
              </span>
            )}
            {open === rule && pages > 1 && (
              <span className="no-print">
                （第 {at} / {pages} 页；<Link href={href(null)}>收起</Link>）
              </span>
            )}
            {shown.length > 0 && (
              <ul>
                {shown.map((f) => (
                  <li key={`${f.agencyId}-${rule}`} data-agency={f.agencyName}>
                    {f.reportId ? <Link href={`/reports/${f.reportId}`}>{f.agencyName}</Link> : f.agencyName}：{f.message}
                    {f.cells.length > 0 && (
                      <details className="flag-cells">
                        <summary>单元格</summary>
                        <ul>
                          {f.cells.map((c) => (
                            <li key={c.id} data-cell={c.id}>
                              {c.label}：{c.value === null ? '空（按 0 计）' : c.value}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {open === rule && pages > 1 && (
              <nav className="pager no-print" aria-label={`${ruleTexts[rule]}：分页`}>
                {at > 1 ? <Link href={href(rule, at - 1)}>上一页</Link> : <span aria-disabled="true">上一页</span>}
                <span>
                  第 {at} / {pages} 页
                </span>
                {at < pages ? <Link href={href(rule, at + 1)}>下一页</Link> : <span aria-disabled="true">下一页</span>}
              </nav>
            )}
          </li>
        );
      })}
    </ul>
  );
}
