/**
 * Next calls `register` once when a server starts. A production server warms up in the
 * background (lib/server/warm-up.ts); it answers requests meanwhile.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return;
  const { warmUp } = await import('./lib/server/warm-up');
  void warmUp();
}
