import { NextResponse, type NextRequest } from 'next/server';
import { browserSupport, unsupportedBrowserPage } from '@/lib/http/browser-support';

/**
 * A browser too old for the client bundle (Chromium < 86, 360's 兼容模式 = IE) gets a plain
 * page saying which browser or mode to use, instead of pages whose script never runs
 * (lib/http/browser-support.ts). The matcher lets only such User-Agents reach this function:
 * every other request, autosaves included, never runs it.
 */
export function proxy(request: NextRequest) {
  const verdict = browserSupport(request.headers.get('user-agent'));
  if (verdict.ok) return NextResponse.next();
  return new NextResponse(unsupportedBrowserPage(verdict), {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'User-Agent' },
  });
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, not Next's files. Keep the value equal to MAYBE_UNSUPPORTED_UA
      // (a test checks it; Next needs a literal here).
      source: '/((?!api/|_next/|favicon\\.ico).*)',
      has: [{ type: 'header', key: 'user-agent', value: '.*(Trident/|MSIE |Edge/\\d|Chrome/([1-7]?\\d|8[0-5])\\.|Firefox/([1-8]?\\d|90)\\.|Version/([1-9]|1[0-4])(\\.\\d+)* (Mobile/\\S+ )?Safari/).*' }],
    },
  ],
};
