import type { NextConfig } from 'next';

// nianbao runs on government intranets: nothing may call out to the internet, Next's
// anonymous telemetry included.
process.env.NEXT_TELEMETRY_DISABLED = '1';

/**
 * Security headers for every response. Next's own bootstrap needs inline scripts, so
 * script-src keeps 'unsafe-inline' but never 'unsafe-eval' or any remote origin: nianbao runs
 * on intranets without internet and loads nothing from elsewhere.
 */
const securityHeaders = [
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
  },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Several builds side by side (parallel test runs on one machine) each need their own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its WebAssembly and data files relative to its own package: keep it out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@node-rs/argon2', '@react-pdf/renderer', 'docx', 'fontkit', 'pdfjs-dist', 'exceljs', 'tinypool'],
  experimental: {
    // Server actions take small forms (sign-in, admin, new report). Next counts the body as it
    // arrives and stops at this limit (413), with or without a Content-Length.
    serverActions: { bodySizeLimit: '64kb' },
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Shared preview links (/p/<token>): the token is the key, so it must not leak through a
      // Referer or end up in a search index. Later entries override the same header above.
      {
        source: '/p/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ];
  },
};

export default nextConfig;
