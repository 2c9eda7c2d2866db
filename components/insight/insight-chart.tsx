import { renderChartSvg, type ChartDrawing, type ChartSeries, type ChartSpec } from '@/lib/insight/charts';

/** The width a chart is drawn at for a phone (390 px less the page's and the card's margins). */
const PHONE_CHART_WIDTH = 320;

function cell(value: number | null, unit: ChartSeries['unit']): string {
  if (value === null) return '—';
  return unit === 'percent' ? `${value.toFixed(1)}` : String(value);
}

/**
 * A chart drawn on the server (SVG, role="img") followed by its table view: the same spec, so
 * the table holds exactly the chart's data. `data-chart` carries the data for tests and scripts.
 */
export function InsightChart({ spec, drawing, caption }: { spec: ChartSpec; drawing?: ChartDrawing; caption?: string }) {
  const svg = renderChartSvg(spec, drawing);
  // A phone gets the chart drawn for its width (text at reading size, nothing to scroll); CSS
  // shows one of the two, and the hidden one is out of the accessibility tree (display: none).
  const narrow = renderChartSvg(spec, { ...drawing, width: PHONE_CHART_WIDTH, categoryLabelWidth: Math.min(drawing?.categoryLabelWidth ?? 150, 110) });
  return (
    <figure className="insight-chart" data-chart={JSON.stringify({ categories: spec.categories, series: spec.series.map((s) => ({ name: s.name, values: s.values })) })} data-testid={`chart-${spec.id}`}>
      <figcaption>{caption ?? spec.title}</figcaption>
      {/* ECharts' SVG: its text is escaped by ECharts, the label by renderChartSvg. */}
      <div className="insight-svg chart-wide" role="region" aria-label={`${spec.title}（图）`} tabIndex={0} dangerouslySetInnerHTML={{ __html: svg }} />
      <div className="insight-svg chart-narrow" role="region" aria-label={`${spec.title}（图）`} tabIndex={0} dangerouslySetInnerHTML={{ __html: narrow }} />
      <div className="table-scroll" role="region" aria-label={`${spec.title}（数据表）`} tabIndex={0}>
        <table className="list insight-data" data-testid={`chart-table-${spec.id}`}>
          <caption>{spec.title}（数据表）</caption>
          <thead>
            <tr>
              <th scope="col">{spec.categoryName}</th>
              {spec.series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.categories.map((c, i) => (
              <tr key={`${c}-${i}`}>
                <th scope="row">{c}</th>
                {spec.series.map((s) => (
                  <td key={s.name} className="num">
                    {cell(s.values[i] ?? null, s.unit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
