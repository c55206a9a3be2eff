import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedgerFile } from '../../src/app/ledger/import/read-rows.ts';
import { COL, TEMPLATE_COLUMNS } from '../../src/app/ledger/import/template.ts';
import { isDateFormat, readXlsxRows } from '../../src/app/workbook/xlsx-rows.ts';

/** What exceljs's reader gives for a cell (with its styles, so that dates are dates), as the text a person typed. */
function exceljsText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as any;
  if (Array.isArray(o.richText)) return o.richText.map((t: any) => t.text).join('');
  if (o.text != null) return exceljsText(o.text);
  if (o.result != null) return exceljsText(o.result);
  return '';
}

async function viaExceljs(file: string): Promise<{ row: number; cells: string[] }[]> {
  const out: { row: number; cells: string[] }[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader as AsyncIterable<any>) {
    for await (const row of sheet as AsyncIterable<any>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(exceljsText(values[i]));
      out.push({ row: row.number, cells });
    }
    break;
  }
  return out;
}

async function viaReader(file: string) {
  const out: { row: number; cells: string[] }[] = [];
  let bytes = 0;
  for await (const chunk of readXlsxRows(file, (n) => (bytes += n))) out.push(...chunk);
  return { rows: out, bytes };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-xlsx-rows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every kind of cell a county ledger may hold. */
function fill(sheet: ExcelJS.Worksheet) {
  sheet.addRow(['户编号', '姓名', '身份证号', '月收入', '备注', '是否', '公式', '日期']);
  sheet.addRow(['H-001', '王建国', '140225198001010011', 3500, '<a & b> "引号" \'单引号\'', true, { formula: 'CONCATENATE("王","五")', result: '王五' }, '2026-03-01']);
  sheet.addRow(['H-001', { richText: [{ text: '李' }, { font: { bold: true }, text: '秀英' }] }, '14022519850202002X', 0.1 + 0.2, '  前后空格  ', false, { formula: '1/0', result: { error: '#DIV/0!' } }, 45_000]);
  const dated = sheet.getRow(2);
  dated.getCell(9).value = new Date(Date.UTC(2025, 11, 31));
  dated.getCell(9).numFmt = '[$-804]yyyy"年"m"月"d"日"';
  dated.getCell(4).numFmt = '#,##0.00_);[Red](#,##0.00)';
  sheet.addRow([]);
  const sparse = sheet.getRow(5);
  sparse.getCell(5).value = '只有第五列';
  sparse.commit?.();
  sheet.addRow(['H-002', '张😀', { text: '链接文字', hyperlink: 'https://example.org/?a=1&b=2' }, -12.5, 'x'.repeat(40_000), null, { formula: 'SUM(1,2)', result: 3 }, 1e21]);
  sheet.addRow(['H-003', '赵'.repeat(3000), '', 123_456_789_012, '第二行\n换行', true, '', new Date(Date.UTC(2026, 2, 1))]);
}

describe('reading the rows of an .xlsx workbook', () => {
  it('gives the cells exceljs gives, for shared and inline strings, rich text, formulas, booleans, numbers and sparse rows', async () => {
    const shared = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('台账'));
    wb.addWorksheet('其他').addRow(['not', 'this', 'sheet']);
    await wb.xlsx.writeFile(shared);

    const inline = path.join(dir, 'inline.xlsx');
    const ww = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false, useStyles: false });
    const ws = ww.addWorksheet('台账');
    fill(ws as unknown as ExcelJS.Worksheet);
    ws.commit();
    await ww.commit();

    // Trailing empty cells say nothing (the import reads absent cells as empty).
    const trimmed = (rows: { row: number; cells: string[] }[]) =>
      rows.map((r) => {
        const cells = [...r.cells];
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        return { row: r.row, cells };
      });
    for (const file of [shared, inline]) {
      const expected = trimmed(await viaExceljs(file));
      // exceljs drops the first run of an inline rich text (<is><r>…</r><r>…</r></is>): it reads 秀英.
      if (file === inline) expected.find((r) => r.row === 3)!.cells[1] = '李秀英';
      const { rows, bytes } = await viaReader(file);
      expect(rows, path.basename(file)).toEqual(expected);
      expect(rows.find((r) => r.row === 2)!.cells.slice(0, 3)).toEqual(['H-001', '王建国', '140225198001010011']);
      expect(rows.find((r) => r.row === 3)!.cells[1]).toBe('李秀英');
      // Dates typed as dates, in a built-in or a custom date format, read as the date; other numbers as written.
      expect(rows.find((r) => r.row === 2)!.cells.slice(3, 4)).toEqual(['3500']);
      expect(rows.find((r) => r.row === 2)!.cells[8]).toBe('2025-12-31');
      expect(rows.find((r) => r.row === 7)!.cells[7]).toBe('2026-03-01');
      expect(rows.find((r) => r.row === 6)!.cells[4]).toHaveLength(40_000);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(fs.statSync(file).size);
    }
  });

  it('keeps a Chinese character whole when it falls across two inflated chunks, in a long sheet', async () => {
    const file = path.join(dir, 'long.xlsx');
    const ww = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = ww.addWorksheet('台账');
    ws.addRow(['户编号', '姓名', '地址']).commit();
    for (let i = 0; i < 20_000; i++) ws.addRow([`H-${i}`, `王${'建国'.repeat(i % 7)}`, `浑源县${i}号院`]).commit();
    ws.commit();
    await ww.commit();
    const { rows } = await viaReader(file);
    expect(rows).toHaveLength(20_001);
    for (const [i, r] of rows.slice(1).entries()) {
      expect(r.row).toBe(i + 2);
      expect(r.cells).toEqual([`H-${i}`, `王${'建国'.repeat(i % 7)}`, `浑源县${i}号院`]);
    }
  });

  it('takes the first sheet of the workbook, wherever its part lies in the archive', async () => {
    const file = path.join(dir, 'order.xlsx');
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('甲');
    const b = wb.addWorksheet('乙');
    a.addRow(['first']);
    b.addRow(['second']);
    // 乙 is the workbook's first tab, while its part (sheet2.xml) comes after 甲's in the archive.
    (b as unknown as { orderNo: number }).orderNo = 0;
    (a as unknown as { orderNo: number }).orderNo = 1;
    await wb.xlsx.writeFile(file);
    const { rows } = await viaReader(file);
    expect(rows[0].cells).toEqual(['second']);
  });

  it('tells date formats from other number formats', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy/m/d', '[$-804]yyyy"年"m"月"d"日"', 'm/d/yy h:mm', 'dd-mmm', '[h]:mm:ss']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '@', '"days" 0', '0.00E+00', '[Blue]0']) expect(isDateFormat(code), code).toBe(false);
  });

  it.each([false, true])('gives a ledger\'s 可到岗时间 typed as an Excel date as YYYY-MM-DD (1904 date system: %s)', async (date1904) => {
    const file = path.join(dir, `ledger-dates-${date1904}.xlsx`);
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    const ws = wb.addWorksheet('台账');
    ws.addRow(TEMPLATE_COLUMNS.map((c) => c.zh));
    const cells: unknown[] = TEMPLATE_COLUMNS.map(() => '');
    cells[COL.household_no] = 'H-1';
    cells[COL.available_from] = new Date(Date.UTC(2027, 0, 15));
    ws.addRow(cells);
    ws.getCell(2, COL.available_from + 1).numFmt = 'yyyy/m/d';
    await wb.xlsx.writeFile(file);
    const rows = [];
    for await (const chunk of openLedgerFile(file).rows()) rows.push(...chunk);
    expect(rows).toHaveLength(1);
    expect(rows[0].cells[COL.available_from]).toBe('2027-01-15');
    expect(rows[0].cells[COL.household_no]).toBe('H-1');
  });

  it('refuses what is not a zip archive, or one cut short, with an error', async () => {
    const good = path.join(dir, 'shared.xlsx');
    const bytes = fs.readFileSync(good);
    for (const [name, b] of [
      ['text.xlsx', Buffer.from('户编号,姓名\n1,王\n')],
      ['cut.xlsx', bytes.subarray(0, bytes.length - 30)],
      ['half.xlsx', bytes.subarray(0, bytes.length >> 1)],
    ] as const) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, b);
      await expect(viaReader(f), name).rejects.toThrow();
    }
  });
});
