import type { TimelineEntry } from '@/lib/server/review';
import { STATUS_NAMES } from '@/lib/review/transitions';
import { formatDateTime } from '../format-time';

/** Every status change of the report (who, when, from → to, and the reason), and notes such as 「未填写的单元格填 0」. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return null;
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">审核记录</h2>
      <ol>
        {entries.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> {e.actorName}：
            {e.from === e.to ? (
              // Not a status change: what was done (「未填写的单元格填 0：…」).
              <>
                {e.reason}（第 {e.version} 版）
              </>
            ) : (
              <>
                {STATUS_NAMES[e.from]} → {STATUS_NAMES[e.to]}（第 {e.version} 版）
                {e.selfApproval && (
                  <span className="self-approval" data-testid="self-approval">
                    本机关审核人自行通过
                  </span>
                )}
                {e.reason && <div className="reason">理由：{e.reason}</div>}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
