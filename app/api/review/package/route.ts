/**
 * GET /api/review/package?year=YYYY[&under=<agency id>] — 「打包下载」: the ZIP of every approved
 * report of the year under the user's district (or one branch of it: a city, a district) (lib/server/district-package.ts), streamed as it is made.
 * X-Package-Files says how many entries it will hold, for the progress shown while it loads.
 * Who: reviewers and admins. Reads: agencies, reports, the PDF cache.
 */
import { getDb } from '@/lib/db/client';
import { districtPackageStream, planDistrictPackage } from '@/lib/server/district-package';
import { attachment, withUser } from '../../../_lib/api';

export const runtime = 'nodejs';

export const GET = withUser(async (req, user) => {
  const db = await getDb();
  const q = new URL(req.url).searchParams;
  const pkg = await planDistrictPackage(db, user, { year: q.get('year') ?? undefined, under: q.get('under') || undefined });
  return new Response(districtPackageStream(db, user, pkg), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': attachment(pkg.fileName),
      'Cache-Control': 'no-store',
      'X-Package-Files': String(pkg.fileCount),
      'X-Package-Reports': String(pkg.reports.length),
    },
  });
});
