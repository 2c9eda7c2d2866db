import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { template2021 } from '../../../templates/2021';
import { buildDocument } from '../../document/build';
import type { DocumentTree } from '../../document/types';
import { ROLE_SPECS } from '../fonts';
import { A4_MM, CELL_PAD_Y_PT, FONT_SIZE_PT, LINE_PITCH_TW, MARGINS_MM, MM_TO_PT, TEXT_BLOCK_MM, TITLE_LINE_PT, mmTwips, twips } from '../../document/page-layout';
import { renderPdfInProcess } from '../pdf/render-in-process';
import { firstOutOfOrder, positionalText, readPdf } from '../../../test/support/pdf-text';
import { RARE_CHAR, sampleReport } from '../../../test/support/sample-report';
import { convertDocxWithLibreOffice } from './libreoffice';
import { sofficeForTests, sofficeSkipReason } from '../../../test/support/quick';
import { renderDocx } from './render-docx';
import { DOCX_LATIN_FONT } from './font-table';
import { GRID_CONDENSE, STYLE } from './styles';

let doc: DocumentTree;
let files: Record<string, string>;
let xml: string;
let docx: Buffer;

beforeAll(async () => {
  doc = buildDocument(template2021, sampleReport(template2021));
  docx = await renderDocx(doc);
  const raw = unzipSync(new Uint8Array(docx));
  files = Object.fromEntries(Object.entries(raw).filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels')).map(([n, d]) => [n, strFromU8(d)]));
  xml = files['word/document.xml'];
});

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('DOCX', () => {
  it('is A4 with the GB/T 9704 margins and a 22-line document grid', () => {
    expect(xml).toMatch(new RegExp(`<w:pgSz[^>]*w:w="${mmTwips(A4_MM.width)}"[^>]*w:h="${mmTwips(A4_MM.height)}"`));
    const mar = xml.match(/<w:pgMar[^>]*\/>/)![0];
    expect(mar).toContain(`w:top="${mmTwips(MARGINS_MM.top)}"`);
    expect(mar).toContain(`w:bottom="${mmTwips(MARGINS_MM.bottom)}"`);
    expect(mar).toContain(`w:left="${mmTwips(MARGINS_MM.left)}"`);
    expect(mar).toContain(`w:right="${mmTwips(MARGINS_MM.right)}"`);
    expect(mmTwips(MARGINS_MM.top)).toBe(2098);
    expect(xml).toMatch(new RegExp(`<w:docGrid[^>]*w:linePitch="${LINE_PITCH_TW}"`));
    // 22 lines of the pitch fit between the margins as written (580 twips did not: 21 a page).
    const pitch = Number(/<w:docGrid[^>]*w:linePitch="(\d+)"/.exec(xml)![1]);
    const [top, bottom] = [/w:top="(\d+)"/, /w:bottom="(\d+)"/].map((re) => Number(re.exec(mar)![1]));
    const height = mmTwips(A4_MM.height) - top - bottom;
    expect(22 * pitch).toBeLessThanOrEqual(height);
    expect(23 * pitch).toBeGreaterThan(height);
  });

  it('names the office fonts for East Asian text in every role', () => {
    const all = Object.values(files).join('');
    for (const spec of Object.values(ROLE_SPECS)) expect(all, spec.official).toContain(`w:eastAsia="${spec.official}"`);
    expect(files['word/styles.xml']).toMatch(/w:eastAsia="仿宋_GB2312"/);
  });

  it('sets digits and Latin letters in Times New Roman and hanzi in the role font', () => {
    const styles = files['word/styles.xml'];
    const fonts = [...styles.matchAll(/<w:rFonts [^>]*\/>/g)].map((m) => m[0]);
    expect(fonts.length).toBeGreaterThan(5);
    for (const f of fonts) {
      expect(f).toContain(`w:ascii="${DOCX_LATIN_FONT}"`);
      expect(f).toContain(`w:hAnsi="${DOCX_LATIN_FONT}"`);
      expect(f).toMatch(/w:eastAsia="[^"]*[\u4e00-\u9fff][^"]*"/);
    }
  });

  it('declares every font it names in word/fontTable.xml: family, charset 86, PANOSE, altName', () => {
    const table = files['word/fontTable.xml'];
    const entry = (name: string) => table.match(new RegExp(`<w:font w:name="${name}">(.*?)</w:font>`))?.[1] ?? '';
    for (const name of new Set(Object.values(ROLE_SPECS).map((s) => s.official))) {
      const e = entry(name);
      expect(e, name).toContain('<w:charset w:val="86"/>');
      expect(e, name).toMatch(/<w:altName w:val="[^"]+"\/>/);
      expect(e, name).toMatch(/<w:panose1 w:val="[0-9A-F]{20}"\/>/);
      expect(e, name).toMatch(/<w:family w:val="(roman|swiss)"\/>/);
    }
    expect(entry('仿宋_GB2312')).toContain('<w:altName w:val="仿宋"/>');
    expect(entry('仿宋_GB2312')).toContain('<w:family w:val="roman"/>');
    expect(entry(DOCX_LATIN_FONT)).toContain('<w:panose1 w:val="02020603050405020304"/>');
    // Every font the styles name is declared.
    const tags = [...files['word/styles.xml'].matchAll(/<w:rFonts [^>]*\/>/g)].map((m) => m[0]);
    const named = new Set(tags.flatMap((t) => [...t.matchAll(/w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"/g)].map((m) => m[1])));
    expect(named.size).toBeGreaterThanOrEqual(5);
    for (const n of named) expect(entry(n), n).not.toBe('');
  });

  it('condenses text on the grid to 28 characters a line, and nothing else', () => {
    const styles = files['word/styles.xml'];
    const style = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`))?.[0] ?? '';
    expect(GRID_CONDENSE).toBe(-6);
    expect(28 * (FONT_SIZE_PT.body + GRID_CONDENSE / 20)).toBeLessThanOrEqual(TEXT_BLOCK_MM.width * MM_TO_PT);
    expect(style('Normal')).toContain(`<w:spacing w:val="${GRID_CONDENSE}"/>`);
    for (const id of [STYLE.title, STYLE.tableText, STYLE.tableTextSmall, STYLE.tableNote, STYLE.pageNumber]) expect(style(id), id).toContain('<w:spacing w:val="0"/>');
  });

  it('keeps body text on the line grid and takes title, table text and notes off it, by named styles', () => {
    const styles = files['word/styles.xml'];
    const style = (id: string) => styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`))?.[0] ?? '';
    // Body: 3号 仿宋 on the 28.95 pt pitch, two characters indented, justified — the defaults and Normal.
    const defaults = styles.match(/<w:docDefaults>.*?<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain(`w:eastAsia="${ROLE_SPECS.body.official}"`);
    expect(defaults).toContain('<w:sz w:val="32"/>');
    expect(defaults).toMatch(new RegExp(`<w:spacing [^>]*w:line="${LINE_PITCH_TW}" w:lineRule="exact"/>`));
    expect(defaults).toContain('<w:jc w:val="both"/>');
    expect(style('Normal')).toContain('<w:ind w:firstLine="640"/>');
    expect(style('Normal')).not.toContain('snapToGrid');
    for (const id of [STYLE.title, STYLE.tableText, STYLE.tableNote, STYLE.afterTable]) {
      // Word's order in CT_PPrBase: snapToGrid right before spacing, else Word calls the file damaged.
      expect(style(id), id).toMatch(/<w:snapToGrid w:val="0"\/><w:spacing [^>]*w:lineRule="exact"\/>/);
    }
    // Every table cell's paragraph is table text; no run repeats fonts or sizes.
    expect(count(xml, new RegExp(`<w:pStyle w:val="(${STYLE.tableText}|${STYLE.tableTextSmall})"/>`, 'g'))).toBe(count(xml, /<w:tc>/g));
    expect(count(xml, /<w:rFonts /g)).toBe(0);
    expect(count(xml, new RegExp(`<w:pStyle w:val="${STYLE.heading1}"/>`, 'g'))).toBe(doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).length);
  });

  it('writes real merged cells, explicit widths, repeated headers and unsplittable rows', () => {
    expect(count(xml, /<w:gridSpan w:val="\d+"\/>/g)).toBeGreaterThan(10);
    expect(count(xml, /<w:vMerge w:val="restart"\/>/g)).toBeGreaterThanOrEqual(5);
    expect(count(xml, /<w:vMerge(?: w:val="continue")?\/>/g)).toBeGreaterThan(30);
    expect(count(xml, /<w:tblLayout w:type="fixed"\/>/g)).toBe(3);
    expect(count(xml, /<w:tblW w:type="dxa" w:w="\d+"\/>|<w:tblW w:w="\d+" w:type="dxa"\/>/g)).toBe(3);
    expect(count(xml, /<w:tcW[^>]*w:type="dxa"/g)).toBe(count(xml, /<w:tc>/g));
    // 表三 and 表四 each have three header rows.
    expect(count(xml, /<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/g)).toBe(6);
    expect(count(xml, /<w:cantSplit\/>|<w:cantSplit w:val="(?:true|1|on)"\/>/g)).toBe(count(xml, /<w:tr>|<w:tr /g));
  });

  it('gives table cells the PDF\'s padding above and below, and keeps a table with the note under it', () => {
    const mar = [...xml.matchAll(/<w:tblCellMar>(.*?)<\/w:tblCellMar>/g)].map((m) => m[1]);
    expect(mar).toHaveLength(3);
    for (const m of mar) for (const side of ['top', 'bottom']) expect(m).toMatch(new RegExp(`<w:${side} (?:w:type="dxa" w:w="${twips(CELL_PAD_Y_PT)}"|w:w="${twips(CELL_PAD_Y_PT)}" w:type="dxa")/>`));
    // 表四 has a note: its last row and the half line under it keep with the note, so LibreOffice
    // does not open a page with 「注：」 alone (it did, on the sample's page 8).
    const tables = xml.split('<w:tbl>').slice(1);
    const note = doc.blocks.flatMap((b) => (b.kind === 'tableNote' ? [b.text] : []))[0];
    const withNote = tables.filter((t) => t.includes(note));
    expect(withNote).toHaveLength(1);
    const [table, after] = withNote[0].split('</w:tbl>');
    const lastRow = table.split('<w:tr>').pop()!;
    expect(count(lastRow, /<w:keepNext\/>/g)).toBe(count(lastRow, /<w:p>/g));
    expect(after.slice(0, after.indexOf(note))).toMatch(new RegExp(`<w:pStyle w:val="${STYLE.afterTable}"/><w:keepNext/>`));
    // A table with no note under it ends free.
    const free = tables.find((t) => !t.split('</w:tbl>')[1].slice(0, 400).includes(STYLE.tableNote))!.split('</w:tbl>')[0].split('<w:tr>').pop()!;
    expect(free).not.toContain('<w:keepNext/>');
  });

  it('ends a title and the blank line under it on the line grid', () => {
    const title = xml.match(new RegExp(`<w:pStyle w:val="${STYLE.title}"/><w:spacing w:after="(\\d+)"/>`))!;
    const lines = doc.blocks.flatMap((b) => (b.kind === 'title' ? b.lines : []));
    const height = lines.length * twips(TITLE_LINE_PT) + Number(title[1]);
    expect(height % LINE_PITCH_TW).toBe(0);
  });

  it('has odd and even footers with 「— PAGE —」 on the outer side', () => {
    expect(files['word/settings.xml']).toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="(?:true|1)"\/>/);
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
    const footers = Object.entries(files).filter(([n]) => /word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.length).toBe(2);
    for (const f of footers) {
      expect(f).toContain('PAGE');
      expect(f).toContain('— ');
    }
    expect(footers.some((f) => f.includes('w:val="right"'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"'))).toBe(true);
  });

  it('holds every heading, paragraph and table label in order', () => {
    const text = xml.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
    const needles = doc.blocks.flatMap((b) => (b.kind === 'title' ? b.lines : b.kind === 'table' ? [] : [b.text]));
    expect(firstOutOfOrder(text, needles)).toBeNull();
    for (const b of doc.blocks)
      if (b.kind === 'table') for (const r of b.table.rows) for (const c of r.cells) expect(text).toContain(c.text.replace(/\s+/g, ''));
  });

  it('leaves out nothing a filer typed: markup characters stay text', async () => {
    const report = sampleReport(template2021);
    report.text.otherMatters.otherItems = '<w:p>&amp; "引号" </w:p>';
    const out = await renderDocx(buildDocument(template2021, report));
    const x = strFromU8(unzipSync(new Uint8Array(out))['word/document.xml']);
    expect(x).toContain('&lt;w:p&gt;&amp;amp;');
  });
});

describe('the draft mark', () => {
  it('a draft DOCX says 「草稿」 at the head of every page (odd and even); an approved one does not', async () => {
    const headers = async (final: boolean) => {
      const files = unzipSync(new Uint8Array(await renderDocx(buildDocument(template2021, sampleReport(template2021)), { final })));
      const rels = strFromU8(files['word/document.xml']).match(/<w:headerReference [^>]+>/g) ?? [];
      const text = Object.entries(files)
        .filter(([name]) => /^word\/header\d*\.xml$/.test(name))
        .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ''))
        .join('|');
      return { rels: rels.map((r) => r.match(/w:type="(\w+)"/)![1]).sort(), text };
    };
    expect(await headers(false)).toEqual({ rels: ['default', 'even'], text: '草稿 · 未经审核，不得发布|草稿 · 未经审核，不得发布' });
    expect((await headers(true)).text).not.toContain('草稿');
  });
});

describe('DOCX through LibreOffice', () => {
  const soffice = sofficeForTests();
  // Skipped, and listed as skipped, where LibreOffice is missing or in test:quick.
  it.skipIf(!soffice)(`converts to the same text and the same page count as our PDF${sofficeSkipReason()}`, async () => {
    const lo = await convertDocxWithLibreOffice(docx);
    expect(lo).not.toBeNull();
    const ours = await readPdf(await renderPdfInProcess(doc, { final: true }));
    const theirs = await readPdf(lo!);
    expect(theirs.pages.length, `LibreOffice ${theirs.pages.length} pages, ours ${ours.pages.length}`).toBe(ours.pages.length);
    // LibreOffice draws a character from a fallback font (the rare 䶮 here) at the line's end, and
    // compressed punctuation in runs of their own: its text is read by position, line by line.
    // The fallback character is still left out: its glyph sits a little off the baseline.
    const needles = doc.blocks.flatMap((b) => (b.kind === 'heading' || b.kind === 'paragraph' ? [b.text.replaceAll(RARE_CHAR, '')] : []));
    // LibreOffice writes the footer's 「— N —」 where the page breaks, maybe mid-paragraph, in
    // pieces our page-number filter does not see as one item.
    const text = positionalText(theirs).replaceAll(RARE_CHAR, '').replace(/—\d+—/g, '');
    expect(firstOutOfOrder(text, needles)).toBeNull();
  }, 180_000);
});
