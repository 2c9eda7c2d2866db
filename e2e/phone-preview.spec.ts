import { expect, test, type Page } from '@playwright/test';
import { createReport, editContent, login } from './helpers';

/*
 * A leader with only the link, on a phone (issue 9, item 13): the /p/ page reflows the report
 * for reading — body text at reading size, at least 12 characters a line (A4 margins scaled to
 * 390 px gave 6–7) — tables scroll sideways with their row labels kept in view, and 「查看 PDF」
 * opens the printed layout. The editor's header and stepper keep their words whole.
 */
const PHONE = { width: 390, height: 844 };
const LONG = '本年度我街道依托政府网站、政务新媒体和公开栏持续做好主动公开工作，围绕重点领域及时发布政策文件、解读材料和办事指南，全年未发生因公开不及时引发的投诉。';

/** Characters per line of each body paragraph: its characters over its lines. */
async function charsPerLine(page: Page): Promise<number[]> {
  return page.locator('.doc-p').evaluateAll((ps) =>
    ps
      .filter((p) => (p.textContent ?? '').length >= 40)
      .map((p) => {
        const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
        return (p.textContent ?? '').length / Math.max(1, lines);
      }),
  );
}

test('the shared preview reads on a phone: reflowed text, sticky row labels, 查看 PDF', async ({ browser }) => {
  const filerCtx = await browser.newContext();
  const filer = await filerCtx.newPage();
  await login(filer, 'ziwei');
  const id = await createReport(filer, 2044);
  await editContent(filer, id, (c) => (c.text.overview.proactive = LONG));

  // The editor on a phone: header and stepper words stay whole (no word one character a line).
  await filer.setViewportSize(PHONE);
  await filer.goto(`/reports/${id}`);
  await expect(filer.locator('.stepper')).toBeVisible();
  await filer.screenshot({ path: 'test-results/phone-editor.png' });
  const broken = await filer.locator('header a, header span, header h1, .stepper button > span, .stepper .state').evaluateAll((els) =>
    els
      .filter((e) => e.getClientRects().length > 0 && (e.textContent ?? '').trim().length >= 2 && e.children.length === 0)
      .filter((e) => {
        // Line boxes of the text itself (a button's padding is no line).
        const range = document.createRange();
        range.selectNodeContents(e);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        return lines > 1 && (e.textContent ?? '').trim().length / lines < 2;
      })
      .map((e) => (e.textContent ?? '').trim()),
  );
  expect(broken, 'words broken one character a line').toEqual([]);
  await filerCtx.close();

  const reviewerCtx = await browser.newContext();
  const reviewer = await reviewerCtx.newPage();
  await login(reviewer, 'wenfeng');
  await reviewer.goto(`/review/links/${id}`);
  const panel = reviewer.getByTestId('preview-links');
  await panel.getByLabel('有效期（天）').fill('3');
  await panel.getByRole('button', { name: '创建预览链接' }).click();
  const url = await panel.getByTestId('preview-link-url').inputValue();
  await reviewerCtx.close();

  const phoneCtx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const phone = await phoneCtx.newPage();
  await phone.goto(url);
  await expect(phone.getByTestId('preview')).toContainText(LONG.slice(0, 20));
  await phone.screenshot({ path: 'test-results/phone-preview.png' });
  const cpl = await charsPerLine(phone);
  expect(cpl.length).toBeGreaterThan(0);
  expect(Math.min(...cpl), `characters per line: ${cpl.map((n) => n.toFixed(1)).join(', ')}`).toBeGreaterThanOrEqual(12);
  // Body text at reading size, the page no wider than the phone.
  expect(await phone.locator('.doc-p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize))).toBeGreaterThanOrEqual(16);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // 表三 scrolls in its own box; scrolled to its last column, the row label is still in view.
  const box = phone.locator('.doc-table-scroll', { has: phone.locator('table[data-table="table3"]') });
  expect(await box.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
  await box.evaluate((b) => b.scrollTo({ left: b.scrollWidth }));
  const label = box.locator('th', { hasText: '（一）予以公开' });
  const [boxRect, labelRect] = await Promise.all([box.boundingBox(), label.boundingBox()]);
  expect(labelRect!.x).toBeGreaterThanOrEqual(boxRect!.x - 1);
  expect(labelRect!.x + labelRect!.width).toBeLessThanOrEqual(boxRect!.x + boxRect!.width);
  await box.screenshot({ path: 'test-results/phone-preview-table3.png' });

  // 「查看 PDF」 opens the printed layout in the browser's viewer.
  const view = phone.getByRole('link', { name: '查看 PDF' });
  await expect(view).toBeVisible();
  const res = await phone.request.get(new URL((await view.getAttribute('href'))!, url).toString());
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^inline;/);
  await phoneCtx.close();
});
