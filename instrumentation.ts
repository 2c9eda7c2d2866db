/**
 * Next calls `register` once when a server starts. A production server warms up in the
 * background (lib/server/warm-up.ts); it answers requests meanwhile. Then it starts the worker
 * that renders approved reports' final PDFs ahead (lib/server/prerender.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return;
  const { warmUp } = await import('./lib/server/warm-up');
  const { startPrerender } = await import('./lib/server/prerender');
  const { getDb } = await import('./lib/db/client');
  // Final PDFs of approved reports are rendered in the background once the workers are warm.
  void warmUp()
    .then(() => getDb())
    .then((db) => startPrerender(db))
    .catch(() => undefined); // warmUp logs its own failure; the first request opens the database again
}
