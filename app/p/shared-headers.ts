/**
 * Headers of every /p/<token> answer (also set for the whole path in next.config.ts): the token
 * is the key, so no Referer may carry it elsewhere and no search engine may keep the page.
 */
export const SHARED_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
} as const;
