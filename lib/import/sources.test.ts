import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document';
import { renderHtml } from '../render/html';
import { sofficeForTests, sofficeSkipReason } from '../../test/support/quick';
import type { Report } from '../report/types';
import { cellDiffs } from '../../test/import/compare';
import { reportText } from '../../test/import/variants';
import { consistentReport } from '../../test/support/generate';
import { template2021 } from '../../templates/2021';
import { ImportError } from './errors';
import { importFile } from './import-file';

/*
 * Sources users have besides our PDF and DOCX (issue 11 §4): saved portal pages (HTML with
 * rowspan/colspan tables, MHTML), text from a PDF-to-Markdown converter, legacy .doc/.wps.
 */
const enc = (s: string) => new TextEncoder().encode(s);

/** A portal page: our publication HTML (merged header cells, rowspans) inside site chrome, in GBK. */
function portalPage(r: Report): string {
  const page = renderHtml(buildDocument(template2021, r), { final: true });
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(page)![1];
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title><script>var nav = "<p>首页</p>";</script><style>p{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/gk">政府信息公开</a></div><div class="content">${body}</div><div class="footer">主办单位：某区人民政府</div></body></html>`;
}

function qp(s: string): string {
  return [...new TextEncoder().encode(s)]
    .map((b) => (b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('')
    .replace(/(.{70})/g, '$1=\r\n');
}

/** Markdown as a PDF-to-Markdown converter writes it: # headings, pipe rows, rule lines, a split header. */
function markdown(r: Report): string {
  const lines = reportText(r).split('\n');
  const out: string[] = [];
  for (const l of lines) {
    if (/^[一二三四五六]、/.test(l)) out.push(`# ${l}`);
    else if (/\d\s*$/.test(l) && /\s\d/.test(l) && !/。$/.test(l)) {
      const parts = l.split(' ');
      out.push(`| ${parts.join(' | ')} |`, '|---|---|---|');
    } else if (l === '申请人情况') out.push('| 申请人情况 | |', '| 自然人 | 法人或其他组织 |');
    else out.push(l);
  }
  return out.join('\n');
}

describe('saved portal pages', () => {
  const r = consistentReport(51, 4000);
  it('HTML with rowspan/colspan tables, scripts and site chrome: every cell', async () => {
    const { report, source } = await importFile(enc(portalPage(r)), '年报.html');
    expect(source.format).toBe('html');
    expect(cellDiffs(report, r)).toEqual([]);
    expect(report.meta.agencyName).toBe(r.meta.agencyName);
    expect(source.text).not.toContain('var nav');
  });

  it('MHTML (「网页，单个文件」, quoted-printable): every cell', async () => {
    const html = portalPage(r);
    const mhtml = `From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc"\r\n\r\n------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(html)}\r\n------MultipartBoundary--abc--\r\n`;
    const { report } = await importFile(enc(mhtml), '年报.mhtml');
    expect(cellDiffs(report, r)).toEqual([]);
  });
});

describe('PDF-to-Markdown text', () => {
  it('# headings, pipe tables with rule lines between rows: every cell', async () => {
    const r = consistentReport(52, 4000);
    const md = markdown(r);
    expect(md).toMatch(/^\| .* \|$/m);
    const { report } = await importFile(enc(md), '年报.md');
    expect(cellDiffs(report, r)).toEqual([]);
  });
});

describe('legacy Word and WPS files', () => {
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  it('a damaged or unconvertible .doc / .wps says how to save it as .docx', async () => {
    for (const name of ['年报.doc', '年报.wps']) {
      const err = await importFile(ole, name).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).message).toMatch(/另存为.*docx/);
      expect((err as ImportError).message).toMatch(name.endsWith('wps') ? /WPS/ : /Word/);
    }
  }, 120_000);

  it.skipIf(!sofficeForTests())(`a real .doc is read through LibreOffice${sofficeSkipReason()}`, async () => {
    const { convertWithLibreOffice } = await import('../render/docx/libreoffice');
    const { renderDocx } = await import('../render/docx');
    const r = consistentReport(53, 900);
    const doc = await convertWithLibreOffice(new Uint8Array(await renderDocx(buildDocument(template2021, r))), 'docx', 'doc' as 'docx');
    const { report } = await importFile(new Uint8Array(doc!), '年报.doc', { timeoutMs: 120_000 });
    expect(cellDiffs(report, r)).toEqual([]);
  }, 240_000);
});

describe('pages and files that hold no report text say what to upload instead', () => {
  const refusal = (bytes: Uint8Array, name: string) =>
    importFile(bytes, name).then(
      () => null,
      (e: unknown) => e,
    );
  const page = (body: string) =>
    enc(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body><div class="nav"><a href="/">首页</a></div><div class="content">${body}</div></body></html>`);

  it('a portal page that only links the report as an attachment names the attachment', async () => {
    const err = await refusal(
      page('<h1>某街道办事处2023年政府信息公开工作年度报告</h1><p>附件：<a href="/u/cms/www/2024/%E5%B9%B4%E6%8A%A5.pdf">2023年政府信息公开工作年度报告.pdf</a></p><p>发布时间：2024-01-20</p>'),
      '年报.html',
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(/以附件发布的（「2023年政府信息公开工作年度报告\.pdf」）.*下载 PDF 或 Word/);
  });

  it('an embedded PDF viewer is an attachment too (by its file name)', async () => {
    const err = await refusal(page('<iframe src="/viewer/2023nb.pdf" width="100%"></iframe>'), '年报.htm');
    expect((err as ImportError).message).toContain('「2023nb.pdf」');
  });

  it('a page of images says the report was published as images', async () => {
    const err = await refusal(page('<p><img src="/u/1.jpg"></p><p><img src="/u/2.jpg"></p><p><img src="/u/3.jpg"></p>'), '年报.html');
    expect((err as ImportError).message).toMatch(/只有 3 张图片/);
  });

  it('OFD (by name, or a ZIP holding OFD.xml under another name) says how to get a PDF', async () => {
    const { zipSync } = await import('fflate');
    const ofd = zipSync({ 'OFD.xml': enc('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') });
    for (const name of ['年报.ofd', '年报.docx']) expect(((await refusal(ofd, name)) as ImportError).message).toMatch(/OFD 版式文件.*导出」为 PDF/);
  });
});

describe('a PDF whose text comes out garbled', () => {
  it('says the fonts carry no text encoding and what to upload instead', async () => {
    const { parseSource, garbledShare } = await import('./parse');
    const garbled = ['\ue001\ue002\ue003\ue004\ue005', '\ue010\ue011 \ue012\ue013 2023 \ue014', 'Ë×Ó¸ÂÃ 12 ¼þ'];
    expect(garbledShare(garbled.join(''))).toBeGreaterThan(0.3);
    expect(garbledShare('一、总体情况 2023 年本机关主动公开政府信息 12 条（件）。')).toBe(0);
    const lines = garbled.map((text, i) => ({ no: i + 1, text }));
    expect(() => parseSource({ format: 'pdf', lines })).toThrow(/乱码.*Word\/WPS 原件/);
    expect(() => parseSource({ format: 'text', lines })).toThrow(/没有找到年度报告的章节标题/);
  });
});
