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

z.config(z.locales.zhCN());

export { z };

// Tab, line feed and carriage return are text; every other C0 control is not.
// With the u flag a surrogate pair is one code point, so the class meets only lone halves.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/gu;
const UNSAFE_TEST = new RegExp(UNSAFE.source, 'u');

export const UNSAFE_TEXT_MESSAGE = '含有无法保存的控制字符或残缺字符（如 NUL），请删除后重试';

/** True when the text holds a character the database cannot store or a report should not. */
export function hasUnsafeChars(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** The text without C0 controls (vertical tab and form feed become line breaks) and lone surrogates. */
export function cleanText(text: string): string {
  if (!hasUnsafeChars(text)) return text;
  return text.replace(/[\u000b\u000c]/g, '\n').replace(UNSAFE, '');
}

/** A string field typed by a person (names, comments, reasons): refused when it holds unsafe characters. */
export function safeString() {
  return z.string().refine((s) => !hasUnsafeChars(s), UNSAFE_TEXT_MESSAGE);
}
