import type { HeaderCell } from '@/lib/template/walk';

/** Header lines of a printed table, from `headerLevels()`; `lead` goes first on the first line. */
export function HeaderRows({ levels, lead }: { levels: HeaderCell[][]; lead?: React.ReactNode }) {
  return (
    <>
      {levels.map((line, i) => (
        <tr key={i}>
          {i === 0 && lead}
          {line.map((h, j) => (
            <th key={j} scope={h.span > 1 ? 'colgroup' : 'col'} colSpan={h.span} rowSpan={h.depthSpan} title={h.help}>
              {h.label}
            </th>
          ))}
        </tr>
      ))}
    </>
  );
}
