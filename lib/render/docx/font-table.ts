/**
 * The DOCX's font table (word/fontTable.xml): every font the styles name, described the way Word
 * describes them — family class, pitch, character set (86 = GB2312), PANOSE and an alternative
 * name — so that an office without the font picks a substitute of the same kind: Word and WPS
 * try the altName (仿宋_GB2312 → 仿宋, on every Windows since Vista), LibreOffice reads class and
 * pitch into its font declarations. No font is embedded (a CJK font is 10–24 MB).
 *
 * The values are Word's own for these fonts (a fontTable.xml Word writes on a Chinese Windows),
 * except the family class of the Song/FangSong/Kai faces: Word calls them "modern" (fixed pitch:
 * every hanzi is one em), which tells a substituting suite nothing about serifs; "roman" does, and
 * they are serif faces. 黑体 is a sans ("swiss").
 */
import { ROLE_SPECS } from '../fonts';

export type FontTableEntry = {
  name: string;
  /** The name Word and WPS try when `name` is not installed. */
  altName?: string;
  /** Ten PANOSE bytes as hex. */
  panose: string;
  /** Windows character set, hex: 86 = GB2312 (Chinese simplified), 00 = ANSI. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  pitch: 'variable' | 'fixed';
  /** Unicode and code page ranges (w:sig), as Word writes them. */
  sig: [string, string, string, string, string, string];
};

/** The Latin font of digits and Latin text in every role (公文 practice); Liberation Serif has its metrics. */
export const DOCX_LATIN_FONT = 'Times New Roman';

const GB2312_SIG: FontTableEntry['sig'] = ['00000001', '080E0000', '00000010', '00000000', '00040000', '00000000'];

/** Described once per font name; ROLE_SPECS says which role uses which. */
export const FONT_TABLE: Record<string, FontTableEntry> = {
  [DOCX_LATIN_FONT]: {
    name: DOCX_LATIN_FONT,
    panose: '02020603050405020304',
    charset: '00',
    family: 'roman',
    pitch: 'variable',
    sig: ['E0002EFF', 'C000785B', '00000009', '00000000', '000001FF', '00000000'],
  },
  仿宋_GB2312: { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'roman', pitch: 'variable', sig: GB2312_SIG },
  楷体_GB2312: { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'roman', pitch: 'variable', sig: GB2312_SIG },
  黑体: {
    name: '黑体',
    altName: 'SimHei',
    panose: '02010609060101010101',
    charset: '86',
    family: 'swiss',
    pitch: 'variable',
    sig: ['800002BF', '38CF7CFA', '00000016', '00000000', '00040001', '00000000'],
  },
  宋体: {
    name: '宋体',
    altName: 'SimSun',
    panose: '02010600030101010101',
    charset: '86',
    family: 'roman',
    pitch: 'variable',
    sig: ['00000003', '288F0000', '00000016', '00000000', '00040001', '00000000'],
  },
  方正小标宋简体: { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', charset: '86', family: 'roman', pitch: 'variable', sig: GB2312_SIG },
};

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function fontXml(f: FontTableEntry): string {
  const [u0, u1, u2, u3, c0, c1] = f.sig;
  return (
    `<w:font w:name="${attr(f.name)}">` +
    (f.altName ? `<w:altName w:val="${attr(f.altName)}"/>` : '') +
    `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
    `<w:sig w:usb0="${u0}" w:usb1="${u1}" w:usb2="${u2}" w:usb3="${u3}" w:csb0="${c0}" w:csb1="${c1}"/>` +
    '</w:font>'
  );
}

/** The fonts the style sheet names: the Latin font, then each role's Chinese font once. */
export function fontTableEntries(): FontTableEntry[] {
  const names = [DOCX_LATIN_FONT, ...new Set(Object.values(ROLE_SPECS).map((s) => s.official))];
  return names.map((n) => {
    const entry = FONT_TABLE[n];
    if (!entry) throw new Error(`font table: no entry for ${n}`);
    return entry;
  });
}

/** word/fontTable.xml. */
export function fontTableXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fontTableEntries().map(fontXml).join('') +
    '</w:fonts>'
  );
}
