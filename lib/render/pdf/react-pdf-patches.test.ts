/**
 * patches/@react-pdf+layout (applied by `npm install` through patch-package): a page layout
 * that never reads totalPages is paginated once instead of twice. These tests fail when the
 * patch is missing (a dependency upgrade) or when it breaks layouts that do read the totals.
 */
import { Document, Page, Text, renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement as h, type ReactElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/support/pdf-text';

type LayoutParams = { children?: ReactNode; pageNumber?: number; totalPages?: number };

/** A document of plain Latin text long enough for several pages, with the given page layout. */
function documentWith(layout: (p: LayoutParams) => ReactNode): ReactElement<DocumentProps> {
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    h(Text, { key: i, style: { fontSize: 12, lineHeight: 1.6 } }, `Paragraph ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(6)}`),
  );
  return h(Document, null, h(Page, { size: 'A4', style: { padding: 60 }, layout }, paragraphs)) as ReactElement<DocumentProps>;
}

describe('react-pdf pagination patch', () => {
  it('paginates once when the layout prints only the page number', async () => {
    const totalsSeen: (number | undefined)[] = [];
    const layout = ({ children, pageNumber, totalPages }: LayoutParams) => {
      totalsSeen.push(totalPages);
      return [children, h(Text, { key: 'n', style: { position: 'absolute', bottom: 20, right: 60, fontSize: 10 } }, `- ${pageNumber} -`)];
    };
    const read = await readPdf(await renderToBuffer(documentWith(layout)));
    const pages = read.pages.length;
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const p of read.pages) expect(p.items.map((i) => i.str).join(' ')).toContain(`- ${p.number} -`);
    // Unpatched, a second round builds every page again with the totals (2 calls per page).
    // Patched, the totals reach the layout only in the one comparison per page that proves
    // they change nothing.
    expect(totalsSeen.filter((t) => t !== undefined)).toHaveLength(pages);
  });

  it('still gives the totals to a layout that prints them', async () => {
    const layout = ({ children, pageNumber, totalPages }: LayoutParams) => [
      children,
      h(Text, { key: 'n', style: { position: 'absolute', bottom: 20, right: 60, fontSize: 10 } }, `page ${pageNumber} of ${totalPages ?? '?'}`),
    ];
    const read = await readPdf(await renderToBuffer(documentWith(layout)));
    const pages = read.pages.length;
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const p of read.pages) expect(p.items.map((i) => i.str).join(' ')).toContain(`page ${p.number} of ${pages}`);
  });
});
