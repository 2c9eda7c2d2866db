'use client';
import { paragraphsOf } from '@/lib/document/build';
import { withoutListMarker } from '@/lib/report/list-marker';

/** 「针对上年度“信息发布不够及时”的问题，」: a problem quoted as the start of what was done about it. */
export function quoteProblem(paragraph: string): string {
  return `针对上年度“${withoutListMarker(paragraph).replace(/[。．.；;，,]+$/, '')}”的问题，`;
}

/**
 * Last year's problems and measures beside 「上年度存在问题的改进情况」, for reference: the part
 * is written fresh (copying them would say nothing about this year), and each paragraph can be
 * quoted with one click as the start of a new paragraph.
 */
export function LastYearProblems({ text, readOnly, onQuote }: { text: string[]; readOnly: boolean; onQuote(quote: string): void }) {
  // Shown in a numbered list: their own markers (「- 1.」) would read 「1. - 1.」.
  const paragraphs = text.flatMap(paragraphsOf).map(withoutListMarker).filter(Boolean);
  if (!paragraphs.length) return null;
  return (
    <aside className="last-year-ref" aria-label="上年度报告中的问题和改进措施" data-testid="last-year-problems">
      <h3>上年度报告中的问题和改进措施（供参考）</h3>
      <ol>
        {paragraphs.map((p, i) => (
          <li key={i}>
            <span>{p}</span>
            {!readOnly && (
              <button type="button" className="btn small" aria-label={`引用第 ${i + 1} 条`} onClick={() => onQuote(quoteProblem(p))}>
                引用
              </button>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
