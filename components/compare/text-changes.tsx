import type { TextRow } from '@/lib/compare/rows';

/**
 * Text parts with their differences. Year over year, what is unchanged is what matters (copied
 * paragraphs), so `highlight="same"` marks the equal runs; between versions the insertions and
 * deletions are marked.
 */
export function TextChanges({ rows, highlight }: { rows: TextRow[]; highlight: 'same' | 'changes' }) {
  return (
    <section className="card" aria-labelledby="texts-title">
      <h2 id="texts-title">文字</h2>
      {highlight === 'same' ? (
        <p className="hint">
          <mark className="same">黄色</mark>为与上年完全相同的文字；<ins>绿色</ins>为本年新写，<del>删除线</del>为上年有而本年删去。
        </p>
      ) : (
        <p className="hint">
          <ins>绿色</ins>为新增，<del>删除线</del>为删去。
        </p>
      )}
      {rows.length === 0 && <p>文字没有变化。</p>}
      {rows.map((r) => (
        <div key={r.key} className="text-change" data-part={r.key} data-identical={r.identical ? 'true' : undefined}>
          <h3>
            {r.heading}
            {r.identical && <span className="status late">与上年完全相同</span>}
          </h3>
          <p className="diff">
            {r.segments.map((s, i) =>
              s.kind === 'insert' ? (
                <ins key={i}>{s.text}</ins>
              ) : s.kind === 'delete' ? (
                <del key={i}>{s.text}</del>
              ) : highlight === 'same' ? (
                <mark key={i} className="same">
                  {s.text}
                </mark>
              ) : (
                <span key={i}>{s.collapsed ? `${s.text.slice(0, 12)}……${s.text.slice(-12)}` : s.text}</span>
              ),
            )}
          </p>
        </div>
      ))}
    </section>
  );
}
