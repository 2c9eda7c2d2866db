/**
 * Paragraphs whose exact line height is not the body pitch (title, table cells, notes) must not
 * snap to the section's line grid: LibreOffice and WPS would stretch each of their lines to the
 * 28.95 pt grid, doubling table rows. Word's switch is <w:snapToGrid w:val="0"/> in the
 * paragraph properties, which the docx package writes only for runs, so we add it to
 * word/document.xml after packing.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export function exemptFromGrid(docx: Uint8Array, bodyLineTwips: number): Buffer {
  const files = unzipSync(docx);
  const name = 'word/document.xml';
  const xml = strFromU8(files[name]);
  // <w:snapToGrid> precedes <w:spacing> in CT_PPrBase, so it goes right before it.
  const patched = xml.replace(/<w:spacing\b[^>]*\bw:line="(\d+)"[^>]*\bw:lineRule="exact"[^>]*\/>/g, (spacing, line: string) =>
    Number(line) === bodyLineTwips ? spacing : `<w:snapToGrid w:val="0"/>${spacing}`,
  );
  files[name] = strToU8(patched);
  return Buffer.from(zipSync(files, { level: 6 }));
}
