/**
 * A fixed-window limit per key (a client address), kept in this process's memory: for cheap
 * anonymous answers that must stay cheap under a flood (GET /healthz) and that may not touch
 * the database to count — the health check has to answer while the database is down. Each
 * instance counts for itself, so behind N instances an address gets up to N × limit; the
 * point is a bound on the work, not an exact quota. At most `maxKeys` addresses are kept: when
 * full, the windows that ended are dropped, then the oldest.
 */
export type RateLimiter = {
  /** Counts one request of `key`; `retryAfterS` when over the limit. */
  take(key: string, now?: number): { ok: true } | { ok: false; retryAfterS: number };
};

export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const maxKeys = opts.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        if (w) windows.delete(key);
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (now - v.start >= opts.windowMs) windows.delete(k);
          // Insertion order: the first keys are the oldest windows.
          for (const k of windows.keys()) {
            if (windows.size < maxKeys) break;
            windows.delete(k);
          }
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= opts.limit) return { ok: true };
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((w.start + opts.windowMs - now) / 1000)) };
    },
  };
}
