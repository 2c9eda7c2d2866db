import { cleanText, safeName, z } from '../validation';
import type { ReportTemplate, TableKey } from '../template/types';
import { sectionHeading, tableAxes, tableCells, tableName } from '../template/walk';
import { currentTemplate } from '../template/registry';
import { splitLegacyContact } from './contact';
import { AMOUNT_INTEGER_DIGITS, AMOUNT_PATTERN, FIRST_YEAR, LAST_YEAR, MAX_COUNT, OLDEST_FILE_YEAR } from './limits';
import type { Report } from './types';
import { REPORT_TABLES } from './value-rows';

// The bounds live in ./limits; re-exported for the modules that read them with the schemas.
export { AMOUNT_INTEGER_DIGITS, AMOUNT_PATTERN, AMOUNT_PLACES, MAX_COUNT } from './limits';

/** A report year as the app accepts it for a new report (forms, services); `z.coerce.number()` for form fields. */
export function reportYear(base: z.ZodNumber = z.number()) {
  return base.int('年度须为整数').min(FIRST_YEAR, `本格式适用于 ${FIRST_YEAR} 年度及以后的报告`).max(LAST_YEAR, '年度无效');
}

/** Longest text part we accept (about 15 printed pages); keeps a save request bounded. */
export const MAX_PART_LENGTH = 20_000;
const COUNT_TOO_BIG = `数字过大（最大 ${MAX_COUNT}）`;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(iso: string): boolean {
  if (!ISO_DATE_PATTERN.test(iso)) return false;
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

type Mode = 'draft' | 'submit';

function cellSchema(valueType: 'count' | 'amount', mode: Mode) {
  if (mode === 'draft') {
    // Drafts accept anything number-like so that an imported or hand-edited file can be loaded
    // and the checks (R5, R6) can say what is wrong, instead of refusing the whole file.
    // Within the range, though: a figure beyond it cannot be held exactly (a float of 17 digits
    // loses its last ones) and would break every sum it goes into.
    return valueType === 'count'
      ? z.number().min(-MAX_COUNT, COUNT_TOO_BIG).max(MAX_COUNT, COUNT_TOO_BIG).nullable()
      : z
          .union([
            z.number().min(-(10 ** AMOUNT_INTEGER_DIGITS)).max(10 ** AMOUNT_INTEGER_DIGITS),
            safeName().max(32),
          ])
          .nullable();
  }
  return valueType === 'count'
    ? z.number().int('须为整数').min(0, '不能为负数').max(MAX_COUNT, COUNT_TOO_BIG)
    : z.string().regex(AMOUNT_PATTERN, '金额须为非负数，最多 4 位小数');
}

function tableSchema(template: ReportTemplate, key: TableKey, mode: Mode) {
  const cells = tableCells(template, key);
  const rows: Record<string, z.ZodType> = {};
  for (const row of tableAxes(template, key).rows) {
    const cols: Record<string, z.ZodType> = {};
    for (const c of cells.filter((c) => c.row === row)) cols[c.col] = cellSchema(c.valueType, mode);
    rows[row] = z.strictObject(cols);
  }
  return z.strictObject(rows);
}

function textSchema(template: ReportTemplate) {
  const sections: Record<string, z.ZodType> = {};
  for (const s of template.sections) {
    const parts: Record<string, z.ZodType> = {};
    for (const p of s.parts) parts[p.key] = reportText(MAX_PART_LENGTH, `不能超过 ${MAX_PART_LENGTH} 字`);
    sections[s.key] = z.strictObject(parts);
  }
  return z.strictObject(sections);
}

/**
/**
 * Report text as typed or imported: cleaned of what PostgreSQL cannot store (NUL, lone
 * surrogates) and of other control characters, rather than refused — a paste from Word that
 * carries one must not make every autosave fail.
 */
function reportText(max: number, message?: string) {
  return z.string().max(max, message).transform(cleanText);
}

/**
 * Reports saved before the contact had separate fields hold one line (「地址：…；电话：…」):
 * its labelled details move to their fields (lib/report/contact.ts), the rest is the 联系单位.
 */
function upgradeContact(meta: unknown): unknown {
  if (typeof meta !== 'object' || meta === null || 'contactAddress' in meta) return meta;
  const m = meta as Record<string, unknown>;
  return typeof m.contact === 'string' ? { ...m, ...splitLegacyContact(m.contact) } : m;
}

const contactField = (max: number, label: string) => reportText(max, `${label}不能超过 ${max} 字`);

/** Notes longer than this are cut by the importer; the schema refuses longer ones. */
export const MAX_CONFIRM_NOTE = 300;

/** `meta.toConfirm`: keys are the template's cell ids (a stale or forged key is refused). */
function toConfirmSchema(template: ReportTemplate) {
  const ids = new Set(REPORT_TABLES.flatMap((t) => tableCells(template, t).map((c) => `${t}.${c.row}.${c.col}`)));
  return z
    .record(z.string(), reportText(MAX_CONFIRM_NOTE, `核对说明不能超过 ${MAX_CONFIRM_NOTE} 字`))
    .superRefine((marked, ctx) => {
      for (const k of Object.keys(marked)) if (!ids.has(k)) ctx.addIssue({ code: 'custom', message: '待核对的单元格不存在', path: [k] });
    })
    .optional();
}

function metaSchema(template: ReportTemplate, mode: Mode) {
  const date = mode === 'draft' ? reportText(10) : z.string().refine(isRealDate, '日期无效');
  return z.preprocess(upgradeContact, z.strictObject({
    agencyName: reportText(100).pipe(z.string().trim().min(mode === 'draft' ? 0 : 1, '请填写机关名称')),
    year: z.number().int().min(OLDEST_FILE_YEAR).max(LAST_YEAR),
    title: reportText(200).nullable(),
    periodStart: date,
    periodEnd: date,
    publishDate: date.nullable(),
    contact: contactField(500, '联系单位'),
    contactAddress: contactField(200, '联系地址'),
    contactPostcode: contactField(20, '邮编'),
    contactPhone: contactField(100, '联系电话'),
    contactEmail: contactField(100, '电子邮箱'),
    totals: z.enum(['computed', 'asPrinted']),
    toConfirm: toConfirmSchema(template),
  }));
}

function reportSchema(template: ReportTemplate, mode: Mode) {
  return z.strictObject({
    format: z.literal('nianbao-report'),
    schemaVersion: z.literal(1),
    edition: z.literal(template.edition),
    meta: metaSchema(template, mode),
    text: textSchema(template),
    tables: z.strictObject({
      table2: tableSchema(template, 'table2', mode),
      table3: tableSchema(template, 'table3', mode),
      table4: tableSchema(template, 'table4', mode),
    }),
  });
}

const cache = new Map<string, z.ZodType<Report>>();
function cached(template: ReportTemplate, mode: Mode): z.ZodType<Report> {
  const k = `${template.edition}:${mode}`;
  let s = cache.get(k);
  if (!s) cache.set(k, (s = reportSchema(template, mode) as unknown as z.ZodType<Report>));
  return s;
}

/**
 * Lenient: what autosave and the JSON import accept. Every key must be the template's, but
 * cells may be blank or out of range — the checks report those.
 */
export function draftReportSchema(template: ReportTemplate): z.ZodType<Report> {
  return cached(template, 'draft');
}

/** Strict: what submission and finalisation require (no blank cell, valid numbers and dates). */
export function submitReportSchema(template: ReportTemplate): z.ZodType<Report> {
  return cached(template, 'submit');
}

/** A readable Chinese summary of a zod error, for a CLI or an API response. */
/**
 * Where in a report an issue is, as the user knows it: 「表三「本年新收政府信息公开申请数量」「自然人」」,
 * 「一、总体情况 · 主动公开」; a place the template does not name keeps its path.
 */
export function placeOf(template: ReportTemplate, path: readonly PropertyKey[]): string {
  const [area, a, b, c] = path.map(String);
  if (area === 'tables' && a && b) {
    const cell = (REPORT_TABLES as readonly string[]).includes(a) ? tableCells(template, a as TableKey).find((x) => x.row === b && (c === undefined || x.col === c)) : undefined;
    if (cell) return `${tableName(template, a as TableKey)}「${cell.rowPath.join(' › ')}」${c === undefined ? '' : `「${cell.colLabel}」`}`;
  }
  if (area === 'text' && a) {
    const section = template.sections.find((x) => x.key === a);
    const part = section?.parts.find((x) => x.key === b);
    if (section) return `${sectionHeading(section)}${part ? ` · ${part.title ?? part.label}` : ''}`;
  }
  return path.join('.') || '(根)';
}

export function describeIssues(error: z.ZodError, max = 5, template: ReportTemplate = currentTemplate): string {
  const lines = error.issues.slice(0, max).map((i) => `${placeOf(template, i.path)}：${i.message}`);
  if (error.issues.length > max) lines.push(`……另有 ${error.issues.length - max} 处`);
  return lines.join('\n');
}
