import { describe, it, expect } from 'vitest';
import { clientAddress, PEER_HEADER } from './client-address';

const h = (o: Record<string, string>) => new Headers(o);

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(h({ [PEER_HEADER]: '10.1.1.1', 'x-forwarded-for': '1.2.3.4' }), 0, true)).toBe('10.1.1.1');
    expect(clientAddress(h({ 'x-forwarded-for': '1.2.3.4' }), 0, true)).toBe('unknown');
  });
  it('never believes a peer header the server did not write', () => {
    expect(clientAddress(h({ [PEER_HEADER]: '10.1.1.1' }), 0, false)).toBe('unknown');
  });
  it('takes the hop the trusted proxies saw, not what the client prepended', () => {
    const headers = h({ [PEER_HEADER]: '10.0.0.254', 'x-forwarded-for': 'spoofed, 203.0.113.9' });
    expect(clientAddress(headers, 1, true)).toBe('203.0.113.9');
    expect(clientAddress(headers, 2, true)).toBe('spoofed');
    expect(clientAddress(h({ [PEER_HEADER]: '10.0.0.254', 'x-forwarded-for': '198.51.100.1' }), 5, true)).toBe('198.51.100.1');
    // Without server.mjs, Next's own server appended the peer to the chain.
    expect(clientAddress(h({ 'x-forwarded-for': 'spoofed, 203.0.113.9' }), 1, false)).toBe('203.0.113.9');
  });
});
