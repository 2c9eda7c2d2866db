import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { toXlsx } from './xlsx';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

const hostile = [
  '=HYPERLINK("http://x","y")',
  '@SUM(1)',
  '-1+2',
  '+86 373 1234567',
  '\t=1+1',
  '他说"好",然后\n换行',
  '卫滨区中同街街道办事处',
];

describe('toXlsx', () => {
  test('numbers are number cells, text is string cells, formula-like text is quoted', async () => {
    const buffer = await toXlsx([{ name: '汇总', rows: [['机关', '件数', '金额'], ...hostile.map((t, i) => [t, i, i + 0.5])] }]);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const ws = (await readBack(buffer)).getWorksheet('汇总')!;
    expect(ws.getCell('A1').value).toBe('机关');
    const expected = ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1)", "'-1+2", "'+86 373 1234567", "'\t=1+1", '他说"好",然后\n换行', '卫滨区中同街街道办事处'];
    hostile.forEach((_, i) => {
      const [a, b, c] = [ws.getCell(i + 2, 1), ws.getCell(i + 2, 2), ws.getCell(i + 2, 3)];
      expect(a.type).toBe(ExcelJS.ValueType.String);
      expect(a.value).toBe(expected[i]);
      expect(b.type).toBe(ExcelJS.ValueType.Number);
      expect(b.value).toBe(i);
      expect(c.value).toBe(i + 0.5);
    });
  });

  test('no formula is ever written into the sheet XML', async () => {
    const buffer = await toXlsx([{ name: 's', rows: [hostile, ['=1+1', '=SUM(A1:A2)', -5]] }]);
    const files = unzipSync(new Uint8Array(buffer));
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toMatch(/<c r="C2"[^>]*><v>-5<\/v><\/c>/); // a number cell: no t="s"
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(strings).toContain('<t>&apos;=SUM(A1:A2)</t>'); // XML-escaped '=SUM…, a plain string
  });

  test('several sheets, odd names made valid, blanks left empty', async () => {
    const buffer = await toXlsx([
      { name: '表二', rows: [['a', null, 1]] },
      { name: '表/三?', rows: [] },
      { name: '表二', rows: [[2]] },
    ]);
    const wb = await readBack(buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表二', '表_三_', '表二(2)']);
    const first = wb.getWorksheet('表二')!;
    expect(first.getCell('B1').type).toBe(ExcelJS.ValueType.Null);
    expect(first.getCell('C1').value).toBe(1);
    expect(wb.getWorksheet('表二(2)')!.getCell('A1').value).toBe(2);
  });

  test('control characters that XML cannot hold do not corrupt the file', async () => {
    const buffer = await toXlsx([{ name: 's', rows: [['甲\u0001乙\u0008丙', '\uD800孤']] }]);
    const ws = (await readBack(buffer)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('甲\uFFFD乙\uFFFD丙');
    expect(ws.getCell('B1').value).toBe('\uFFFD孤');
  });

  test('columns are wide enough for Chinese labels', async () => {
    const label = '一、本年新收政府信息公开申请数量';
    const ws = (await readBack(await toXlsx([{ name: 's', rows: [[label, 1]] }]))).worksheets[0];
    expect(ws.getColumn(1).width).toBe(label.length * 2 + 2);
    expect(ws.getColumn(2).width).toBe(8);
  });
});
