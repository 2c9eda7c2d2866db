/**
 * The database, in drizzle's PostgreSQL dialect: the same schema on embedded PGlite and on a
 * PostgreSQL server. Change it here, then `npm run db:generate` writes the migration to drizzle/.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Report } from '../report/types';
import { reportStatuses } from '../review/transitions';

/** Agencies form a tree: a district (区) above its street offices (街道办事处) and bureaus. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agencies_name_unique').on(t.name), index('agencies_parent_idx').on(t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['filer', 'reviewer', 'admin'] }).notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_unique').on(sql`lower(${t.username})`)],
);

/** Only the SHA-256 of the session token is stored: a leaked table opens no session. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts counted per key, atomically (lib/auth/login.ts): `addr:<ip>`,
 * `acct-addr:<user>|<ip>` and `acct:<user>`. One row per key, updated by one upsert that both
 * decides and counts, so parallel attempts cannot all slip under a limit — on one app instance
 * or several sharing the database.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  /** No attempt on this key is checked before this moment (the growing delay per account). */
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
});

/** One report per agency and year; `version` grows with every save (optimistic concurrency). */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    edition: text('edition').notNull(),
    status: text('status', { enum: reportStatuses }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    content: jsonb('content').$type<Report>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('reports_agency_year_unique').on(t.agencyId, t.year)],
);

/**
 * Kept versions, to compare and to go back to: version 1 (as created or imported), every version a
 * status change was made on, and the version an editing burst reached (lib/server/reports.ts
 * saveReport; ARCHITECTURE.md 「Autosave and kept versions」). The current version is the report
 * itself. Rows are only inserted.
 */
export const reportVersions = pgTable(
  'report_versions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').$type<Report>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    savedBy: uuid('saved_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.version] })],
);

/**
 * Every change of a report's status (submitted, returned, approved…): who, when, from → to,
 * and the reason given. Written in the same transaction as the status change itself.
 */
export const reportEvents = pgTable(
  'report_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    fromStatus: text('from_status', { enum: reportStatuses }).notNull(),
    toStatus: text('to_status', { enum: reportStatuses }).notNull(),
    /** The version of the content the transition was made on. */
    version: integer('version').notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at)],
);

/** A reviewer's comment on a section (and optionally one table cell) of a report. */
export const reportComments = pgTable(
  'report_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    section: text('section').notNull(),
    /** `table.row.col` of a value cell, when the comment is about one cell. */
    cell: text('cell'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [index('report_comments_report_idx').on(t.reportId, t.createdAt)],
);

/** A district's deadline for its agencies' reports on one year (default: 1月31日 of the next year). */
export const reportDeadlines = pgTable(
  'report_deadlines',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    dueDate: text('due_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/**
 * A read-only link to one report for someone without an account (a leader reading the draft).
 * Only the SHA-256 of the 32-byte random token is stored, as for sessions: the table alone
 * opens nothing. A link ends at `expires_at` or when revoked, whichever comes first.
 */
export const previewLinks = pgTable(
  'preview_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('preview_links_token_unique').on(t.tokenHash), index('preview_links_report_idx').on(t.reportId, t.createdAt)],
);

/** PostgreSQL bytea: a Buffer in, a Buffer out (pg gives a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * Rendered PDFs and final DOCX files (`format`), shared by every app instance on the database.
 * `key` hashes the report, its version, final/draft, the renderer fingerprint (packages,
 * patches, render code, font files; the DOCX renderer's for a DOCX) and the document tree itself; a save makes a new version and so a new key. The least
 * recently used entries are dropped beyond the size bound (lib/server/pdf-cache.ts).
 */
export const pdfCache = pgTable(
  'pdf_cache',
  {
    key: text('key').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    final: boolean('final').notNull(),
    /** What the bytes are: the PDF, or the Word file (kept ahead since 0007, for 打包下载). */
    format: text('format', { enum: ['pdf', 'docx'] }).notNull().default('pdf'),
    fingerprint: text('fingerprint').notNull(),
    bytes: bytea('bytes').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pdf_cache_report_idx').on(t.reportId, t.version), index('pdf_cache_used_idx').on(t.usedAt)],
);

/**
 * Background jobs, shared by every app instance on the database (lib/server/jobs.ts): one row
 * per (kind, key) — enqueueing the same key again finds the row —, taken with `for update skip
 * locked` under a lease (`leased_until`): a job whose worker died is taken again after it.
 * `last_error` holds the error's kind and codes only (describeError), never a message.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** queued → running → done, or back to queued (retry), or failed after max_attempts. */
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    leasedBy: text('leased_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('jobs_kind_key_idx').on(t.kind, t.key), index('jobs_due_idx').on(t.state, t.runAfter)],
);
