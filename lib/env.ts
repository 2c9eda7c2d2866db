import { z } from './validation';
import { parseRiskThresholds, type RiskThresholds } from './insight/risk';

/**
 * The only place that reads process.env: validated once, with defaults that make
 * `npm start` work on a fresh machine (embedded PGlite under ./data, demo accounts).
 */
const ZEnv = z.object({
  DATABASE_URL: z.string().url('DATABASE_URL 必须是 postgres:// 地址').optional(),
  NIANBAO_DATA_DIR: z.string().min(1).default('./data'),
  NIANBAO_DEMO: z.enum(['0', '1', 'province']).default('1'),
  NIANBAO_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  NIANBAO_PDF_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  NIANBAO_PDF_NICE: z.coerce.number().int('NIANBAO_PDF_NICE 须为 0–19 的整数').min(0).max(19).default(10),
  NIANBAO_TRUST_PROXY: z.coerce.number().int('NIANBAO_TRUST_PROXY 须为代理的层数（整数）').min(0).max(10).default(0),
  NIANBAO_LIBREOFFICE_MAX: z.coerce.number().int('NIANBAO_LIBREOFFICE_MAX 须为 1–16 的整数').min(1, 'NIANBAO_LIBREOFFICE_MAX 须为 1–16 的整数').max(16, 'NIANBAO_LIBREOFFICE_MAX 须为 1–16 的整数').default(2),
  NIANBAO_SELF_APPROVAL: z.enum(['allow', 'deny'], 'NIANBAO_SELF_APPROVAL 须为 allow（可自行通过本机关的报告）或 deny（须由上级通过）').default('allow'),
  NIANBAO_REVIEW_SCOPE: z.enum(['subtree', 'children'], 'NIANBAO_REVIEW_SCOPE 须为 subtree（整个下级）或 children（直属下级）').default('subtree'),
  NIANBAO_MIGRATION_BACKUP: z.enum(['0', '1'], 'NIANBAO_MIGRATION_BACKUP 须为 1（升级数据库结构前自动备份）或 0（不备份）').default('1'),
});

export type DemoKind = 'district' | 'province';

export type Env = {
  databaseUrl: string | undefined;
  dataDir: string;
  /** What a first start seeds: the demo district (`1`), a province-sized tree (`province`), or nothing. */
  demo: DemoKind | false;
  secureCookies: boolean;
  /** PDF worker threads; unset: one core fewer than the machine has (at least two). */
  pdfWorkers: number | undefined;
  /** Scheduling niceness of the PDF render threads (Linux): requests get the CPU first. 0: as requests. */
  pdfNice: number;
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For. 0: the header is
   * ignored and the client is the socket's peer (nobody can spoof it).
   */
  trustProxy: number;
  /**
   * Whose reports a reviewer approves or returns: every agency below theirs (`subtree`), or only
   * the agencies directly below (`children`: a city reviews its districts, each district its
   * offices). Either way they see, comment on and sum the whole subtree.
   */
  reviewScope: 'subtree' | 'children';
  /** Whether a reviewer may approve their own agency's report (lib/review/transitions.ts). */
  selfApproval: 'allow' | 'deny';
  /** LibreOffice conversions of .doc/.wps uploads that may run at once in this process (lib/import/office-convert.ts). */
  libreOfficeMax: number;
  /**
   * Whether a start that upgrades the database's structure first writes a copy of it to
   * `<dataDir>/backups` and refuses to migrate when it cannot (lib/db/client.ts). Off only when the
   * operator has a copy of their own.
   */
  migrationBackup: boolean;
  /** Risk flags of the insight page (NIANBAO_RISK_THRESHOLDS, JSON; defaults in lib/insight/risk.ts). */
  riskThresholds: RiskThresholds;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    NIANBAO_DATA_DIR: process.env.NIANBAO_DATA_DIR || undefined,
    NIANBAO_DEMO: process.env.NIANBAO_DEMO || undefined,
    NIANBAO_SECURE_COOKIES: process.env.NIANBAO_SECURE_COOKIES || undefined,
    NIANBAO_PDF_WORKERS: process.env.NIANBAO_PDF_WORKERS || undefined,
    NIANBAO_TRUST_PROXY: process.env.NIANBAO_TRUST_PROXY || undefined,
    NIANBAO_PDF_NICE: process.env.NIANBAO_PDF_NICE || undefined,
    NIANBAO_REVIEW_SCOPE: process.env.NIANBAO_REVIEW_SCOPE || undefined,
    NIANBAO_LIBREOFFICE_MAX: process.env.NIANBAO_LIBREOFFICE_MAX || undefined,
    NIANBAO_SELF_APPROVAL: process.env.NIANBAO_SELF_APPROVAL || undefined,
    NIANBAO_MIGRATION_BACKUP: process.env.NIANBAO_MIGRATION_BACKUP || undefined,
  });
  if (!parsed.success) {
    throw new Error(`配置错误：${parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；')}`);
  }
  const e = parsed.data;
  let riskThresholds: RiskThresholds;
  try {
    riskThresholds = parseRiskThresholds(process.env.NIANBAO_RISK_THRESHOLDS || undefined);
  } catch (err) {
    throw new Error(`配置错误：${(err as Error).message}`);
  }
  cached = {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.NIANBAO_DATA_DIR,
    demo: e.NIANBAO_DEMO === '0' ? false : e.NIANBAO_DEMO === 'province' ? 'province' : 'district',
    secureCookies: e.NIANBAO_SECURE_COOKIES === '1',
    pdfWorkers: e.NIANBAO_PDF_WORKERS,
    trustProxy: e.NIANBAO_TRUST_PROXY,
    pdfNice: e.NIANBAO_PDF_NICE,
    reviewScope: e.NIANBAO_REVIEW_SCOPE,
    libreOfficeMax: e.NIANBAO_LIBREOFFICE_MAX,
    selfApproval: e.NIANBAO_SELF_APPROVAL,
    migrationBackup: e.NIANBAO_MIGRATION_BACKUP === '1',
    riskThresholds,
  };
  return cached;
}
