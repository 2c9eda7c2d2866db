/**
 * A report with an emoji or a character outside our fonts still gets its final PDF (PDF/A, every
 * font embedded): such a character prints as 〓 instead of falling back to unembedded Helvetica,
 * which failed the archival check and left an approved report without a PDF.
 */
import { describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import { resolveFonts } from '../fonts';
import { sampleReport } from '../../../test/support/sample-report';
import { readPdf } from '../../../test/support/pdf-text';
import { MISSING_GLYPH, withDrawableText } from './missing-glyphs';
import { renderPdfInProcess } from './render-in-process';

const roles = Object.values(resolveFonts().roles).map((r) => r.faces);

describe('characters no font of ours has', () => {
  it('print as 〓; marks and joiners that go with them vanish; the rest stays as typed', () => {
    expect(withDrawableText('办理情况😀良好', roles)).toBe(`办理情况${MISSING_GLYPH}良好`);
    expect(withDrawableText('👍🏻（点赞）', roles)).toBe(`${MISSING_GLYPH}${MISSING_GLYPH}（点赞）`);
    expect(withDrawableText('❤️', roles)).toBe(MISSING_GLYPH);
    const plain = '2024年，本机关共收到申请 12 件。\n\t「一、总体情况」';
    expect(withDrawableText(plain, roles)).toBe(plain);
  });

  it('a final PDF of a report with 😀 and 𠮷 in its text renders, passes the PDF/A check and shows 〓', async () => {
    const report = sampleReport(template2021);
    const [section, parts] = Object.entries(report.text)[0];
    const part = Object.keys(parts)[0];
    const withOdd = { ...report, text: { ...report.text, [section]: { ...parts, [part]: `${parts[part]}群众反映😀良好，𠮷祥。` } } };
    const pdf = await renderPdfInProcess(buildDocument(template2021, withOdd), { final: true });
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
    const text = (await readPdf(pdf)).pages.flatMap((p) => p.items.map((i) => i.str)).join('');
    expect(text).toContain(`群众反映${MISSING_GLYPH}良好`);
  }, 120_000);
});
