/**
 * Uploads that cost the parser seconds of CPU while being small on the wire (issue 10 §1):
 * a DOCX of ~90 KB whose word/document.xml is ~29 MB of tiny paragraphs, and 2 MB of text.
 */
import { strToU8, zipSync } from 'fflate';

export function hostileDocx(xmlBytes = 29 * 1024 * 1024): Uint8Array {
  const para = '<w:p><w:r><w:t>一</w:t></w:r></w:p>';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const tail = '</w:body></w:document>';
  const n = Math.floor((xmlBytes - head.length - tail.length) / Buffer.byteLength(para));
  const xml = head + para.repeat(n) + tail;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(xml),
    },
    { level: 9 },
  );
}

/** ~2 MB of text lines that look like table rows (labels and numbers). */
export function hostileText(bytes = 2 * 1024 * 1024): Uint8Array {
  const line = '（一）予以公开 1 2 3 4 5 6 21\n';
  return new TextEncoder().encode(line.repeat(Math.floor(bytes / Buffer.byteLength(line))));
}
