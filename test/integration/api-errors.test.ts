import { afterEach, describe, expect, it, vi } from 'vitest';

/*
 * Issue 26, point 5: during a PostgreSQL restart the session lookup failed outside withUser's
 * try — an empty 500, and Next logged the driver's error with its parameters (the session
 * token's hash). Now: a Chinese JSON 503, and a log line with the error's kind and codes only.
 */
const TOKEN_HASH = 'f00dfacecafe0123456789abcdef0123456789abcdef0123456789abcdef0123';
let failure: Error | null = null;

vi.mock('../../app/_lib/session', () => ({
  currentUser: async () => {
    if (failure) throw failure;
    return null;
  },
}));

const { withUser } = await import('../../app/_lib/api');

function driverError(code: string, message: string): Error {
  const inner = Object.assign(new Error(message), { code });
  return Object.assign(new Error(`Failed query: select … from "sessions" where "token_hash" = $1\nparams: ${TOKEN_HASH}`), { cause: inner });
}

describe('withUser when the database is away', () => {
  afterEach(() => {
    failure = null;
    vi.restoreAllMocks();
  });

  it('answers 503 in Chinese JSON for a refused or dropped connection, and logs no parameter', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
    const route = withUser(async () => new Response('ok'));
    for (const e of [driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), driverError('57P01', 'terminating connection due to administrator command'), new Error('Connection terminated unexpectedly')]) {
      failure = e;
      const res = await route(new Request('http://x/api/reports'), {});
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.headers.get('retry-after')).toBe('5');
    }
    expect(logged.length).toBe(3);
    expect(logged.join('\n')).not.toContain(TOKEN_HASH);
    expect(logged.join('\n')).not.toContain('token_hash');
  });

  it('answers any other failure of the lookup with the Chinese 500, never an empty one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    failure = driverError('42P01', 'relation "sessions" does not exist');
    const res = await withUser(async () => new Response('ok'))(new Request('http://x/api/reports'), {});
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toBe('服务器内部错误，请稍后重试');
  });
});
