import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { buildDocument } from '../document/build';
import { blankReport } from './blank';
import { contactSentence, readContactSentence, splitLegacyContact } from './contact';
import { draftReportSchema } from './schema';

const full = {
  agencyName: '某某街道办事处',
  contact: '某某街道党政办',
  contactAddress: '某某市人民路1号',
  contactPostcode: '453000',
  contactPhone: '0373-1234567',
  contactEmail: 'gk@example.gov.cn',
};
const none = { agencyName: '某某街道办事处', contact: '', contactAddress: '', contactPostcode: '', contactPhone: '', contactEmail: '' };

describe('contact sentence', () => {
  it('is built from the fields in the published wording, blank details left out', () => {
    expect(contactSentence(full)).toBe(
      '如对本报告有疑问，请与某某街道党政办联系（地址：某某市人民路1号；邮编：453000；电话：0373-1234567；电子邮箱：gk@example.gov.cn）。',
    );
    expect(contactSentence({ ...none, contactPhone: '0373-1234567' })).toBe('如对本报告有疑问，请与某某街道办事处联系（电话：0373-1234567）。');
    expect(contactSentence({ ...none, contact: '党政办' })).toBe('如对本报告有疑问，请与党政办联系。');
    expect(contactSentence(none)).toBeNull();
  });

  it('reads back what it prints, also with spaces and half-width brackets from a PDF', () => {
    const printed = `统计期限为2024年1月1日至12月31日。${contactSentence(full)}`;
    const found = readContactSentence(printed)!;
    expect(found.fields).toEqual({ contact: full.contact, contactAddress: full.contactAddress, contactPostcode: full.contactPostcode, contactPhone: full.contactPhone, contactEmail: full.contactEmail });
    expect(printed.slice(0, found.index)).toBe('统计期限为2024年1月1日至12月31日。');
    expect(readContactSentence('如对本报告有疑问，请与 某某街道党政办 联系(电话: 0373-1234567; 邮箱: a@b.cn)。')!.fields).toMatchObject({
      contact: '某某街道党政办',
      contactPhone: '0373-1234567',
      contactEmail: 'a@b.cn',
    });
  });

  it('splits a one-line contact saved before the fields were separate', () => {
    expect(splitLegacyContact('紫薇大道街道党政办，联系电 话： 0372-2251990')).toMatchObject({ contact: '紫薇大道街道党政办', contactPhone: '0372-2251990' });
    expect(splitLegacyContact('区政务公开办')).toMatchObject({ contact: '区政务公开办', contactPhone: '' });
    const stored = { ...blankReport(template2021, { agencyName: 'x', year: 2024 }) } as unknown as { meta: Record<string, unknown> };
    const legacy = { ...stored, meta: { ...stored.meta, contact: '地址：人民路1号；电话：0373-1' } };
    for (const k of ['contactAddress', 'contactPostcode', 'contactPhone', 'contactEmail'] as const) delete (legacy.meta as Record<string, unknown>)[k];
    const parsed = draftReportSchema(template2021).parse(legacy);
    expect(parsed.meta).toMatchObject({ contact: '', contactAddress: '人民路1号', contactPhone: '0373-1', contactPostcode: '' });
  });
});

describe('document tree', () => {
  const withMeta = (lead: string, meta: Partial<typeof full>) => {
    const r = blankReport(template2021, { agencyName: full.agencyName, year: 2024 });
    r.text.overview.lead = lead;
    Object.assign(r.meta, meta);
    return buildDocument(template2021, r).blocks.filter((b) => b.kind === 'paragraph' && b.partKey === 'lead').map((b) => (b as { text: string }).text);
  };

  it('ends the opening paragraph with the contact sentence', () => {
    expect(withMeta('第一段。\n第二段。', full)).toEqual(['第一段。', `第二段。${contactSentence(full)}`]);
  });

  it('prints the sentence as the opening paragraph when there is no lead text, and nothing without a contact', () => {
    expect(withMeta('', full)).toEqual([contactSentence(full)]);
    expect(withMeta('第一段。', {})).toEqual(['第一段。']);
  });

  it('does not print it twice when the lead already gives the phone (an imported report)', () => {
    expect(withMeta('如对报告有任何疑问，请联系：党政办，联系电话：0373-1234567。', full)).toEqual(['如对报告有任何疑问，请联系：党政办，联系电话：0373-1234567。']);
  });
});
