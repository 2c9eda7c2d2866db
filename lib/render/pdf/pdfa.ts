/**
 * What a final copy must hold to be PDF/A that pdfkit does not check for us. pdfkit (through
 * react-pdf's `conformance` prop) writes the XMP identification and the sRGB output intent; it
 * happily draws with a standard-14 font (Helvetica …) that is not embedded, which PDF/A forbids —
 * react-pdf picks Helvetica for text with no font family, and would for a character that no
 * registered font has if a style lost its family. So the finished file is read once: every font
 * it uses must be embedded, nothing encrypted, nothing pointing outside the file.
 *
 * pdfkit writes dictionaries uncompressed and never uses object streams, so the objects can be
 * read from the bytes as text (latin1); only streams are compressed.
 */

/** The 14 fonts a viewer must know without embedding (ISO 32000-1, 9.6.2.2), and their aliases. */
const STANDARD_14 =
  /^(Times-(Roman|Bold|Italic|BoldItalic)|Helvetica(-Bold|-Oblique|-BoldOblique)?|Courier(-Bold|-Oblique|-BoldOblique)?|Symbol|ZapfDingbats|Arial.*|TimesNewRoman.*|CourierNew.*)$/;

/** Keys that make a file depend on something outside it (PDF/A-2 6.6, 6.8, 6.1.7). */
const EXTERNAL = ['/Launch', '/GoToR', '/GoToE', '/URI', '/JavaScript', '/JS', '/EmbeddedFiles', '/SubmitForm', '/ImportData', '/Movie', '/Sound'];

export type ArchivalProblem = { kind: 'standardFont' | 'notEmbedded' | 'encrypted' | 'external'; detail: string };

/** The objects' dictionaries with stream bodies cut out (they may hold any bytes). */
function dictionaryText(pdf: Uint8Array): string {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    .toString('latin1')
    .replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream');
}

/** Every reason the file is not self-contained: standard-14 or unembedded fonts, encryption, external references. */
export function archivalProblems(pdf: Uint8Array): ArchivalProblem[] {
  const text = dictionaryText(pdf);
  const problems: ArchivalProblem[] = [];
  for (const m of text.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)) {
    const name = m[1];
    if (STANDARD_14.test(name.replace(/^[A-Z]{6}\+/, ''))) problems.push({ kind: 'standardFont', detail: name });
  }
  for (const m of text.matchAll(/<<((?:(?!<<|>>)[\s\S])*\/Type\s*\/FontDescriptor(?:(?!>>)[\s\S])*)>>/g)) {
    if (!/\/FontFile[23]?\s/.test(m[1])) problems.push({ kind: 'notEmbedded', detail: m[1].match(/\/FontName\s*\/(\S+)/)?.[1] ?? '?' });
  }
  if (/\/Encrypt\s/.test(text)) problems.push({ kind: 'encrypted', detail: '/Encrypt' });
  for (const key of EXTERNAL) if (new RegExp(`${key}[\\s/<(\\[]`).test(text)) problems.push({ kind: 'external', detail: key });
  return problems;
}

/** Throws (the render fails) when a final copy is not self-contained; says what and where in Chinese. */
export function assertArchival(pdf: Uint8Array): void {
  const problems = archivalProblems(pdf);
  if (problems.length === 0) return;
  const said = problems.map((p) =>
    p.kind === 'standardFont'
      ? `使用了未嵌入的标准字体 ${p.detail}`
      : p.kind === 'notEmbedded'
        ? `字体 ${p.detail} 未嵌入`
        : p.kind === 'encrypted'
          ? '文件已加密'
          : `含外部引用 ${p.detail}`,
  );
  throw new Error(`正式版 PDF 不符合 PDF/A 要求：${[...new Set(said)].join('；')}`);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

type MetadataWriter = { info: Record<string, unknown>; endMetadata(): void };

/**
 * pdfkit copies the title, author, subject and keywords into the XMP packet as they are: an
 * agency named 「某某市R&D中心」 made the packet unparseable and the file no PDF/A (Preflight 7.1).
 * While the packet is written they are escaped; the info dictionary, written before, keeps them.
 */
export function escapeXmpInfo(ctx: MetadataWriter): void {
  const write = ctx.endMetadata;
  ctx.endMetadata = function (this: MetadataWriter) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      write.call(this);
    } finally {
      this.info = info;
    }
  };
}
