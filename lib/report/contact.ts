/**
 * The contact sentence of the opening paragraph, as published reports print it (design §3.4,
 * 淮安 2024, 沭阳县 2025, 上海):
 *   如对本报告有疑问，请与{联系单位}联系（地址：…；邮编：…；电话：…；电子邮箱：…）。
 * Built here from the report's contact fields, printed by lib/document, read back by the
 * importer. nianbao's own wording, not the format's, so it lives beside the Report type.
 */
import type { ReportMeta } from './types';

export type ContactDetailField = 'contactAddress' | 'contactPostcode' | 'contactPhone' | 'contactEmail';

/** The details in the order they print, with their printed labels (and what imports accept). */
export const CONTACT_DETAILS: readonly { field: ContactDetailField; label: string; variants: RegExp }[] = [
  { field: 'contactAddress', label: '地址', variants: /^(?:通信地址|通讯地址|联系地址|办公地址|地址)$/ },
  { field: 'contactPostcode', label: '邮编', variants: /^(?:邮政编码|邮编)$/ },
  { field: 'contactPhone', label: '电话', variants: /^(?:联系电话|咨询电话|电话)$/ },
  { field: 'contactEmail', label: '电子邮箱', variants: /^(?:电子邮箱|电子信箱|电子邮件|邮箱|E-?mail)$/i },
];

export type ContactFields = Pick<ReportMeta, 'contact' | ContactDetailField>;

const OPENING = '如对本报告有疑问，请与';
const CLOSING = '联系';

/** Whether any contact field is filled. */
export function hasContact(meta: ContactFields): boolean {
  return [meta.contact, ...CONTACT_DETAILS.map((d) => meta[d.field])].some((v) => v.trim() !== '');
}

/**
 * The sentence, or null when no contact field is filled. Without a 联系单位 the agency itself
 * is named; details left blank are left out.
 */
export function contactSentence(meta: ContactFields & { agencyName: string }): string | null {
  if (!hasContact(meta)) return null;
  const who = meta.contact.trim() || meta.agencyName.trim() || '本机关';
  const details = CONTACT_DETAILS.map((d) => [d.label, meta[d.field].trim()] as const).filter(([, v]) => v);
  const paren = details.length ? `（${details.map(([l, v]) => `${l}：${v}`).join('；')}）` : '';
  return `${OPENING}${who}${CLOSING}${paren}。`;
}

const SENTENCE = /如对本(?:年度)?报告有(?:任何)?疑问[，,]\s*请与\s*([^（(。]{1,60}?)\s*联系\s*(?:[（(]([^）)]{1,300})[）)])?\s*。?/;

/**
 * The contact sentence in `text` (as we print it, spaces and half-width brackets tolerated):
 * the fields it names and where it stands, so an importer can take it out of the paragraph.
 */
export function readContactSentence(text: string): { fields: ContactFields; index: number; length: number } | null {
  const m = SENTENCE.exec(text);
  if (!m) return null;
  const fields: ContactFields = { contact: m[1].trim(), contactAddress: '', contactPostcode: '', contactPhone: '', contactEmail: '' };
  for (const item of (m[2] ?? '').split(/[；;]/)) {
    const kv = /^\s*([^：:]{1,8})[：:]\s*(.*?)\s*$/.exec(item);
    const detail = kv && CONTACT_DETAILS.find((d) => d.variants.test(kv[1].trim()));
    if (detail) fields[detail.field] = kv[2];
  }
  return { fields, index: m.index, length: m[0].length };
}

/**
 * A contact written as one line before the fields were separate (「地址：…；电话：…」): the
 * details it labels go to their fields, the rest stays the 联系单位. Unlabelled text is kept whole.
 */
export function splitLegacyContact(contact: string): ContactFields {
  const fields: ContactFields = { contact, contactAddress: '', contactPostcode: '', contactPhone: '', contactEmail: '' };
  const rest: string[] = [];
  let found = false;
  for (const item of contact.split(/[；;，,]/)) {
    const kv = /^\s*([^：:]{1,8})[：:]\s*(.*?)\s*$/.exec(item);
    const detail = kv && CONTACT_DETAILS.find((d) => d.variants.test(kv[1].replace(/\s+/g, '')));
    if (detail && kv) {
      fields[detail.field] = kv[2];
      found = true;
    } else if (item.trim()) rest.push(item.trim());
  }
  return found ? { ...fields, contact: rest.join('，') } : fields;
}
