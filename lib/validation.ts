/**
 * zod, configured once for the whole app: every schema is built from this module, so every
 * boundary (route bodies and parameters, actions, imported files, the CLI) answers in Chinese —
 * zod's own zh-CN messages wherever a schema does not name its own.
 *
 * Also the one rule for text that may reach the database: PostgreSQL refuses NUL in text and
 * jsonb and an unpaired UTF-16 surrogate in jsonb (22P02/22021), and neither has any place in a
 * report. C0 control characters other than tab and line breaks are refused, as are lone
 * surrogates; report text (`cleanText`) is cleaned instead, so that a paste from Word that
 * carries a stray control character never makes an autosave fail.
 */
import { z } from 'zod';

/** How a value the user sent is named in a message (zod's zh-CN says 「string」「object」, and 「数字」 for 1e400). */
function receivedName(input: unknown): string {
  if (input === undefined) return '空缺';
  if (input === null) return '空值';
  if (typeof input === 'number') return Number.isNaN(input) ? '非数字' : Number.isFinite(input) ? '数字' : '超出范围的数字';
  if (typeof input === 'string') return '文字';
  if (typeof input === 'boolean') return '是/否值';
  if (Array.isArray(input)) return '列表';
  if (typeof input === 'bigint') return '数字';
  return '一组字段';
}

const EXPECTED_NAMES: Record<string, string> = {
  number: '数字',
  int: '整数',
  bigint: '整数',
  string: '文字',
  boolean: '是/否值',
  object: '一组字段',
  array: '列表',
  date: '日期',
  null: '空值',
};

const zhCN = z.locales.zhCN().localeError;
const SIZED: Record<string, string> = { string: '个字', array: '项', set: '项', file: '字节' };

/**
 * Messages in the user's terms where zod's zh-CN speaks of types (「期望 数字，实际接收 string」):
 * what was expected and what came, in Chinese, and a number out of range said so. The rest is zod's zh-CN.
 */
const localeError: typeof zhCN = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? '其他类型的值';
      if (issue.input === undefined) return `缺少此项（应为${expected}）`;
      if (issue.expected === 'number' && typeof issue.input === 'number') return '数字超出可以处理的范围';
      return `应为${expected}，不能是${receivedName(issue.input)}`;
    }
    case 'too_big': {
      const unit = SIZED[issue.origin ?? ''];
      const max = issue.maximum.toString();
      if (unit) return `不能超过 ${max} ${unit}`;
      return issue.inclusive ? `不能大于 ${max}` : `须小于 ${max}`;
    }
    case 'too_small': {
      const unit = SIZED[issue.origin ?? ''];
      const min = issue.minimum.toString();
      if (unit) return Number(issue.minimum) === 1 ? '不能为空' : `至少 ${min} ${unit}`;
      return issue.inclusive ? `不能小于 ${min}` : `须大于 ${min}`;
    }
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => String(v)).join('、')}`;
    case 'unrecognized_keys':
      return `含有不认识的字段：${issue.keys.join('、')}`;
    default:
      return zhCN(issue);
  }
};

z.config({ localeError });

export { z };

/** The largest version (and other counter) number the database keeps (a PostgreSQL integer). */
export const INT4_MAX = 2_147_483_647;

/** A report's version as a request names it: a positive whole number the database can hold. */
export function versionNumber() {
  return z.number('版本号须为数字').int('版本号须为整数').positive('版本号须为正整数').max(INT4_MAX, '版本号超出范围');
}

// Tab, line feed and carriage return are text; every other C0 control is not.
// With the u flag a surrogate pair is one code point, so the class meets only lone halves.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/gu;
const UNSAFE_TEST = new RegExp(UNSAFE.source, 'u');

export const UNSAFE_TEXT_MESSAGE = '含有无法保存的控制字符或残缺字符（如 NUL），请删除后重试';

/**
 * Characters that change how text around them is shown without showing themselves: bidi
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), marks (U+200E/200F, U+061C),
 * zero-width characters (U+200B–200D, U+2060–2064, U+FEFF) and U+180E. 「卫滨区\u202eFDP.exe」
 * shows as 「卫滨区exe.PDF」: in a name, a number or a file name they spoof what is seen.
 * Names and numbers refuse them; free text is stripped of them (`cleanText`).
 */
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const INVISIBLE_TEST = new RegExp(INVISIBLE.source);

export const INVISIBLE_MESSAGE = '含有不可见的控制字符（如文字方向控制符、零宽字符），请删除后重试';

/** True when the text holds a bidi control or a zero-width character. */
export function hasInvisibleChars(text: string): boolean {
  return INVISIBLE_TEST.test(text);
}

/** The text without bidi controls and zero-width characters. */
export function stripInvisible(text: string): string {
  return hasInvisibleChars(text) ? text.replace(INVISIBLE, '') : text;
}

/** True when the text holds a character the database cannot store or a report should not. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** The text without C0 controls (vertical tab and form feed become line breaks), lone surrogates, bidi controls and zero-width characters. */
export function cleanText(text: string): string {
  const visible = stripInvisible(text);
  if (!hasUnsafeChars(visible)) return visible;
  return visible.replace(/[\u000b\u000c]/g, '\n').replace(UNSAFE, '');
}

/** Free text typed by a person (comments, reasons): refused when it holds unsafe characters; bidi and zero-width characters are removed. */
export function safeString() {
  return z.string().refine((s) => !hasUnsafeChars(s), UNSAFE_TEXT_MESSAGE).overwrite(stripInvisible);
}

/** A name or number (agency, display name, an amount as text): refused when it holds unsafe or invisible characters. */
export function safeName() {
  return z
    .string()
    .refine((s) => !hasUnsafeChars(s), UNSAFE_TEXT_MESSAGE)
    .refine((s) => !hasInvisibleChars(s), INVISIBLE_MESSAGE);
}

/** A name made fit for a file (a ZIP entry, a download): no path or reserved characters, no invisible ones. */
export function safeFileName(s: string): string {
  return stripInvisible(s).replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim();
}

/** A row's id (a report, a comment, a link, an account) as it arrives in a path or a body. */
export const ZId = z.string().uuid();
