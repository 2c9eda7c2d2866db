/**
 * The one way server code logs an unexpected error. A report's content must never reach a log:
 * an error's message can carry it (a failed query's message lists its parameters — the whole
 * report for a save; a JSON parse error quotes the input), so only the error's kind, its codes
 * and where it was thrown are written, never a message.
 */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  let current: unknown = e;
  // The cause chain: a drizzle query error wraps the driver's error, which has the SQLSTATE.
  for (let depth = 0; current && depth < 4; depth++) {
    if (!(current instanceof Error)) {
      parts.push(typeof current);
      break;
    }
    const { code, constraint, routine } = current as Error & { code?: unknown; constraint?: unknown; routine?: unknown };
    const fields = [current.name];
    if (typeof code === 'string' || typeof code === 'number') fields.push(`code=${code}`);
    if (typeof constraint === 'string') fields.push(`constraint=${constraint}`);
    if (typeof routine === 'string') fields.push(`routine=${routine}`);
    parts.push(fields.join(' '));
    current = current.cause;
  }
  const stack = e instanceof Error && e.stack ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8) : [];
  return [parts.join(' ← '), ...stack].join('\n');
}

export function logError(context: string, e: unknown): void {
  console.error(`[nianbao] ${context}: ${describeError(e)}`);
}

/**
 * For server actions and pages: logs an unexpected error as above and gives the error to throw
 * instead, whose message carries nothing of the request (Next logs what a server action throws).
 */
export function internalError(context: string, e: unknown): Error {
  logError(context, e);
  return new Error('服务器内部错误，请稍后重试');
}

/** Connection failures, not query errors: SQLSTATE class 08, 57P01–57P03 (shutdown, cannot connect now), refused or reset sockets. */
const UNAVAILABLE = /^(08|57P0[123]$)|^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|CONNECTION_(CLOSED|ENDED|DESTROYED))$/;

/** True when the error (or one it wraps) says the database could not be reached: the request may be retried. */
export function isDatabaseUnavailable(e: unknown): boolean {
  let current: unknown = e;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    const { code } = current as Error & { code?: unknown };
    if (typeof code === 'string' && UNAVAILABLE.test(code)) return true;
    // postgres.js and PGlite say a closed connection in words only.
    if (/connection (terminated|ended|closed)|write after end|Connection terminated/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
