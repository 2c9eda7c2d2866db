import Link from 'next/link';
import { formatFigure, SMALL_BASE_MAX, type Indicator } from '@/lib/insight/indicators';

const figure = (i: Pick<Indicator, 'kind'>, value: number | null) => formatFigure(i.kind, value);

function Marks({ indicator }: { indicator: Pick<Indicator, 'smallBase' | 'value' | 'denominator'> }) {
  return (
    <>
      {indicator.smallBase && (
        <span className="badge small-base" title={`分母不超过 ${SMALL_BASE_MAX} 件，比率不足以说明趋势`}>
          基数小
        </span>
      )}
      {indicator.denominator === 0 && <span className="muted">（分母为 0）</span>}
    </>
  );
}

/**
 * The indicators: formula, numerator, denominator and value; every value links to its evidence
 * (`evidenceHref`), the units and cells it comes from.
 */
export function IndicatorTable({ indicators, evidenceHref }: { indicators: Indicator[]; evidenceHref: (key: string) => string }) {
  return (
    <div className="table-scroll" role="region" aria-label="指标表" tabIndex={0}>
      <table className="list insight-indicators" data-testid="indicator-table">
        <caption className="visually-hidden">指标、计算方法、分子、分母和数值</caption>
        <thead>
          <tr>
            <th scope="col">指标</th>
            <th scope="col" className="formula">
              计算方法
            </th>
            <th scope="col" className="num fraction">
              分子
            </th>
            <th scope="col" className="num fraction">
              分母
            </th>
            <th scope="col" className="num">
              数值
            </th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i, n) => (
            <IndicatorRow key={i.key} indicator={i} groupStart={n === 0 || indicators[n - 1].group !== i.group} href={evidenceHref(i.key)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IndicatorRow({ indicator: i, groupStart, href }: { indicator: Indicator; groupStart: boolean; href: string }) {
  return (
    <>
      {groupStart && (
        <tr className="group-row">
          <th scope="rowgroup" colSpan={5}>
            {i.group}
          </th>
        </tr>
      )}
      <tr data-indicator={i.key}>
        <th scope="row">
          {i.name}
          {/* On a phone the formula column gives way to the figures; the formula goes under the name. */}
          <span className="formula-inline">{i.formula}</span>
        </th>
        <td className="formula">{i.formula}</td>
        <td className="num fraction">{i.numerator.toLocaleString('zh-CN')}</td>
        <td className="num fraction">{i.denominator === null ? '' : i.denominator.toLocaleString('zh-CN')}</td>
        <td className="num">
          <Link href={href} className="figure" data-testid={`figure-${i.key}`} aria-label={`${i.name} ${figure(i, i.value)}，查看来源`}>
            {figure(i, i.value)}
          </Link>{' '}
          <Marks indicator={i} />
          {i.blanks > 0 && <span className="muted"> 含 {i.blanks} 个空白单元格（按 0 计）</span>}
          {/* On a phone the numerator and denominator columns give way to the value; a rate's fraction goes under it. */}
          {i.denominator !== null && (
            <span className="fraction-inline">
              {i.numerator.toLocaleString('zh-CN')} ÷ {i.denominator.toLocaleString('zh-CN')}
            </span>
          )}
        </td>
      </tr>
    </>
  );
}

/**
 * One indicator's evidence: every unit, the cells read and what they give. Only the one asked
 * for (`open`, from a figure's link) carries its table; the others link to it (`href`): a city's
 * 300 units made the fourteen tables 2 MB of the page and twice that again in its React payload
 * (7 MB, 2–5 s to load), a province's 5 000 ten times more.
 */
export function IndicatorEvidence({ indicator: i, open, href }: { indicator: Indicator; open: boolean; href: string }) {
  const cells = i.agencies[0]?.cells ?? [];
  return (
    <details className="evidence" id={`ev-${i.key}`} open={open} data-testid={`evidence-${i.key}`}>
      <summary>
        {i.name}：{figure(i, i.value)}　<span className="muted">{i.formula}</span>
      </summary>
      {i.agencies.length === 0 ? (
        <p>没有计入的报告。</p>
      ) : !open ? (
        <p>
          <Link href={href}>显示 {i.agencies.length} 个单位的单元格</Link>
        </p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${i.name}的来源`} tabIndex={0}>
          <table className="list evidence-table">
            <caption className="visually-hidden">{i.name}：各单位的单元格和数值</caption>
            <thead>
              <tr>
                <th scope="col">单位</th>
                {cells.map((c) => (
                  <th key={c.id} scope="col" className="num cell-head">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  分子
                </th>
                {i.kind === 'rate' && (
                  <th scope="col" className="num">
                    分母
                  </th>
                )}
                <th scope="col" className="num">
                  数值
                </th>
              </tr>
            </thead>
            <tbody>
              {i.agencies.map((a) => (
                <tr key={a.agencyId} data-agency={a.agencyName}>
                  <th scope="row">{a.reportId ? <Link href={`/reports/${a.reportId}`}>{a.agencyName}</Link> : a.agencyName}</th>
                  {a.cells.map((c) => (
                    <td key={c.id} className="num" data-cell={c.id}>
                      {c.value === null ? <span title="空白，按 0 计">空</span> : c.value.toLocaleString('zh-CN')}
                    </td>
                  ))}
                  <td className="num">{a.numerator.toLocaleString('zh-CN')}</td>
                  {i.kind === 'rate' && <td className="num">{a.denominator?.toLocaleString('zh-CN')}</td>}
                  <td className="num">
                    {figure(i, a.value)} <Marks indicator={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
