/** The rows of `db.execute()`: node-postgres answers `{ rows }`, PGlite too; keep the difference in one place. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
