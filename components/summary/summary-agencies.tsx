import type { SummaryAgency } from '@/lib/summary/district';
import { STATUS_NAMES } from '@/lib/review/transitions';

/** Which agencies the sum adds up, and where each one stands. */
export function SummaryAgencies({ agencies }: { agencies: SummaryAgency[] }) {
  return (
    <table className="list" data-testid="summary-agencies">
      <caption className="visually-hidden">各机关报告状态及是否计入汇总</caption>
      <thead>
        <tr>
          <th scope="col">机关</th>
          <th scope="col">状态</th>
          <th scope="col">计入汇总</th>
        </tr>
      </thead>
      <tbody>
        {agencies.map((a) => (
          <tr key={a.agencyId} data-agency={a.agencyName} data-included={a.isIncluded ? 'true' : 'false'}>
            <td>{a.agencyName}</td>
            <td>
              <span className="status">{STATUS_NAMES[a.status]}</span>
            </td>
            <td>{a.isIncluded ? '是' : (a.note ?? '否')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
