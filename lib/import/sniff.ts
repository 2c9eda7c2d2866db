/**
 * What an upload is, by its bytes (never by its name alone): %PDF, a ZIP (DOCX), nianbao JSON,
 * else text. Types we cannot read get a plain answer instead of a parse error.
 */
import { ImportError } from './errors';
import type { SourceFormat } from './types';

/** OFD (GB/T 33190): said for a .ofd name and for a ZIP holding OFD.xml under any name. */
export const OFD_NOT_READ = 'OFD 版式文件暂不能直接读取。请在 OFD 阅读器（如数科、福昕、永中）中打开，选「另存为」或「导出」为 PDF 后上传 PDF';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

export function sniffFormat(bytes: Uint8Array, fileName = ''): SourceFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  let format: SourceFormat;
  if (head.includes('%PDF-')) format = 'pdf';
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) format = 'docx';
  else if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) format = 'ole';
  else if (/^\s*MIME-Version:/im.test(head.slice(0, 600)) && /multipart\/related/i.test(head)) format = 'mhtml';
  else if (/^(?:\uFEFF|ï»¿)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table)\b/i.test(head)) format = 'html';
  else if (/^\s*\{\\rtf/.test(head)) throw new ImportError('RTF 文件无法读取。请另存为 .docx 或导出 PDF 后上传');
  else if (/^(?:\uFEFF|ï»¿)?\s*\{/.test(head)) format = 'json';
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]))
    throw new ImportError('这是图片，无法识别文字。请上传由 Word/WPS 导出的 PDF、DOCX 或文本');
  else format = 'text';
  const expected: Record<string, SourceFormat> = { pdf: 'pdf', docx: 'docx', json: 'json', txt: 'text', doc: 'ole', wps: 'ole', mhtml: 'mhtml', mht: 'mhtml' };
  // A .doc may also be RTF or HTML that Word saved with that name; .html pages may be plain text.
  const lenient = (ext === 'txt' && format === 'json') || (ext === 'doc' && format === 'html');
  if (expected[ext] && expected[ext] !== format && !lenient)
    throw new ImportError(`文件扩展名为 .${ext}，但内容不是 ${ext.toUpperCase()}，文件可能已损坏或扩展名有误`);
  // OFD (GB/T 33190, the national fixed-layout format many portals publish): a ZIP we do not read.
  if (ext === 'ofd') throw new ImportError(OFD_NOT_READ);
  if (['xlsx', 'pptx', 'xls', 'ppt', 'zip', 'et', 'dps'].includes(ext))
    throw new ImportError(`不支持 .${ext} 文件。请上传 PDF、Word（.docx/.doc）、WPS（.wps）、网页（.html/.mhtml）、文本或 nianbao 导出的 JSON`);
  return format;
}
