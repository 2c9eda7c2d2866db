/**
 * The header row of a list table: a column header for each name, and — with `actions` — a last
 * column of buttons, named 「操作」 for screen readers only (its buttons say what they do).
 */
export function ColumnHeaders({ names, actions = false }: { names: readonly string[]; actions?: boolean }) {
  return (
    <tr>
      {names.map((n) => (
        <th key={n} scope="col">
          {n}
        </th>
      ))}
      {actions && (
        <th scope="col">
          <span className="visually-hidden">操作</span>
        </th>
      )}
    </tr>
  );
}
