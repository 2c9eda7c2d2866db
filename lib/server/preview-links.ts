/**
 * Read-only preview links: a reviewer sends a leader without an account a link to a report as
 * it will print. The token is 32 random bytes shown once, at creation; only its SHA-256 is
 * stored, so the table alone opens nothing. A link ends at its expiry, when revoked, or while the
 * account that made it is deactivated, and an
 * unknown, expired or revoked token all get the same answer (null → 404) so none can be told
 * apart from the others.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z, ZId } from '../validation';
import type { Db } from '../db/client';
import { type ReportStatus } from '../review/transitions';
import { agencies, previewLinks, reports, users } from '../db/schema';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/types';
import { AppError, notFound } from '../errors';
import type { DocumentTree } from '../document';
import { readableReport } from './reports';
import { printedDocument } from './printed';

export const PREVIEW_DAYS = { min: 1, max: 30, default: 7 } as const;
/** Where the public page lives; the token follows. */
export const PREVIEW_PATH = '/p/';

export type PreviewLinkView = {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  createdByName: string;
  state: 'active' | 'expired' | 'revoked';
};
export type CreatedPreviewLink = { id: string; token: string; path: string; expiresAt: string };
export type SharedReport = {
  linkId: string;
  reportId: string;
  version: number;
  edition: string;
  status: ReportStatus;
  /** What the leader reads: the report as it prints, under the registered name (printed.ts). */
  doc: DocumentTree;
  agencyName: string;
  year: number;
};

/** 32 bytes in base64url are 43 characters; anything else is not one of ours. */
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const ZCreate = z.object({
  days: z
    .number('有效期须为整数天数')
    .int('有效期须为整数天数')
    .min(PREVIEW_DAYS.min, `有效期至少 ${PREVIEW_DAYS.min} 天`)
    .max(PREVIEW_DAYS.max, `有效期不能超过 ${PREVIEW_DAYS.max} 天`)
    .default(PREVIEW_DAYS.default),
});

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The report, if the user may share it: outside the scope is NOT_FOUND, in scope but not a reviewer FORBIDDEN. */
async function loadShareable(db: Db, user: SessionUser, reportId: string) {
  const { row, scope } = await readableReport(db, user, reportId);
  if (!can(user, 'report.share', row, scope)) throw new AppError('FORBIDDEN', '只有审核人可以管理预览链接');
  return row;
}

export async function createPreviewLink(db: Db, user: SessionUser, reportId: string, input: unknown, now = new Date()): Promise<CreatedPreviewLink> {
  await loadShareable(db, user, reportId);
  const parsed = ZCreate.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? '有效期无效');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + parsed.data.days * 86_400_000);
  const [row] = await db
    .insert(previewLinks)
    .values({ tokenHash: digest(token), reportId, createdBy: user.id, createdAt: now, expiresAt })
    .returning({ id: previewLinks.id });
  return { id: row.id, token, path: `${PREVIEW_PATH}${token}`, expiresAt: expiresAt.toISOString() };
}

export async function listPreviewLinks(db: Db, user: SessionUser, reportId: string, now = new Date()): Promise<PreviewLinkView[]> {
  await loadShareable(db, user, reportId);
  const rows = await db
    .select({
      id: previewLinks.id,
      createdAt: previewLinks.createdAt,
      expiresAt: previewLinks.expiresAt,
      revokedAt: previewLinks.revokedAt,
      createdByName: users.displayName,
    })
    .from(previewLinks)
    .innerJoin(users, eq(users.id, previewLinks.createdBy))
    .where(eq(previewLinks.reportId, reportId))
    .orderBy(desc(previewLinks.createdAt));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdByName: r.createdByName,
    state: r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'active',
  }));
}

/** Any reviewer of the report's district may revoke a link, not only the one who made it. */
export async function revokePreviewLink(db: Db, user: SessionUser, linkId: string): Promise<void> {
  if (!ZId.safeParse(linkId).success) throw notFound('预览链接');
  const [link] = await db.select({ reportId: previewLinks.reportId }).from(previewLinks).where(eq(previewLinks.id, linkId));
  if (!link) throw notFound('预览链接');
  await loadShareable(db, user, link.reportId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('预览链接') : e;
  });
  await db
    .update(previewLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(previewLinks.id, linkId), isNull(previewLinks.revokedAt)));
}

/** The report behind a live token, for the public page and its PDF; null for anything else. */
export async function openPreviewLink(db: Db, token: string, now = new Date()): Promise<SharedReport | null> {
  if (!ZToken.safeParse(token).success) return null;
  const [row] = await db
    .select({
      linkId: previewLinks.id,
      reportId: reports.id,
      version: reports.version,
      edition: reports.edition,
      status: reports.status,
      content: reports.content,
      agencyName: agencies.name,
      year: reports.year,
    })
    .from(previewLinks)
    .innerJoin(reports, eq(reports.id, previewLinks.reportId))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    // A link speaks for the reviewer who made it: it ends when their account is deactivated.
    .innerJoin(users, eq(users.id, previewLinks.createdBy))
    .where(and(eq(previewLinks.tokenHash, digest(token)), isNull(previewLinks.revokedAt), gt(previewLinks.expiresAt, now), eq(users.isActive, true)))
    .limit(1);
  if (!row) return null;
  const { content, ...rest } = row;
  return { ...rest, doc: printedDocument({ edition: row.edition, content, agencyName: row.agencyName }) };
}
