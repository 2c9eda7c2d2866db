/**
 * Who sent a request, for the login limits. The socket's peer is the only address a client
 * cannot choose; X-Forwarded-For is written by whoever sends the request, so it is believed
 * only for the hops that trusted proxies appended (NIANBAO_TRUST_PROXY = how many).
 *
 * Next does not hand the socket to route handlers or actions, so `server.mjs` (what `npm start`
 * runs) writes the peer into PEER_HEADER on every request — replacing whatever a client sent
 * under that name — and marks the process; without the mark the header is never believed.
 */
export const PEER_HEADER = 'x-nianbao-peer';
const MARK = '__nianbaoPeerHeader';

/** Set by server.mjs: PEER_HEADER is written by this process, not by the client. */
export function peerHeaderIsOurs(): boolean {
  return (globalThis as Record<string, unknown>)[MARK] === true;
}

type Headers = { get(name: string): string | null };

/**
 * The client's address: the peer with no trusted proxy; with N trusted proxies, the hop N
 * places left of the peer in X-Forwarded-For (each proxy appends the address it saw). When the
 * chain is shorter than N, its first entry. `unknown` when the peer is not known (the app run
 * by `next start` or `next dev` instead of server.mjs) and no proxy is trusted.
 */
export function clientAddress(headers: Headers, trustProxy: number, peerKnown = peerHeaderIsOurs()): string {
  const peer = peerKnown ? headers.get(PEER_HEADER)?.trim() || undefined : undefined;
  if (trustProxy <= 0) return peer ?? 'unknown';
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Without server.mjs, Next itself put the peer into X-Forwarded-For when a request came without one.
  const chain = peer ? [...forwarded, peer] : forwarded;
  if (!chain.length) return 'unknown';
  const hop = peer ? chain.length - 1 - trustProxy : chain.length - trustProxy;
  return chain[Math.max(0, hop)];
}
