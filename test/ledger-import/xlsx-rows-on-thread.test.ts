import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROWS_PER_MESSAGE, readXlsxRowsOnThread } from '../../src/app/workbook/xlsx-rows-on-thread.ts';
import { readXlsxRows, type XlsxRow } from '../../src/app/workbook/xlsx-rows.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-xlsx-thread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function collect(read: typeof readXlsxRows, file: string) {
  const rows: XlsxRow[] = [];
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of read(file, (n) => (bytes += n))) {
    rows.push(...chunk);
    chunks++;
  }
  return { rows, bytes, chunks };
}

const long = path.join(dir, 'long.xlsx');
const ROWS = ROWS_PER_MESSAGE * 7 + 13;

beforeAll(async () => {
  const ww = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: long, useSharedStrings: true });
  const ws = ww.addWorksheet('台账');
  ws.addRow(['户编号', '姓名', '身份证号', '月收入', '备注']).commit();
  for (let i = 0; i < ROWS; i++) {
    // Sparse rows, empty cells, long and non-BMP texts, numbers: rows of every width.
    const cells: unknown[] = [`H-${i}`, `王${'建国'.repeat(i % 5)}😀`, i % 3 ? `14022519800101${String(i % 10_000).padStart(4, '0')}` : '', i * 1.5];
    if (i % 97 === 0) cells.push('长'.repeat(5000));
    ws.addRow(i % 11 === 0 ? [] : cells).commit();
  }
  ws.commit();
  await ww.commit();
});

describe('reading an .xlsx worksheet on a thread of its own', () => {
  it('gives the same rows, cells and bytes read as reading it in the caller\'s thread', async () => {
    const here = await collect(readXlsxRows, long);
    const there = await collect(readXlsxRowsOnThread, long);
    expect(there.rows.length).toBeGreaterThan(ROWS_PER_MESSAGE * 6);
    expect(there.rows).toEqual(here.rows);
    expect(there.bytes).toBe(here.bytes);
    // Several messages, so buffers went back and were packed again.
    expect(there.chunks).toBeGreaterThanOrEqual(Math.floor(there.rows.length / ROWS_PER_MESSAGE));
    expect(there.rows.find((r) => r.row === 2 + 97)!.cells[4]).toBe('长'.repeat(5000));
  });

  it('throws the error the archive gives, with its message', async () => {
    const bad = path.join(dir, 'cut.xlsx');
    const bytes = fs.readFileSync(long);
    fs.writeFileSync(bad, bytes.subarray(0, bytes.length >> 1));
    const here = await collect(readXlsxRows, bad).then(() => 'read', (e: Error) => e.message);
    expect(here).not.toBe('read');
    await expect(collect(readXlsxRowsOnThread, bad)).rejects.toThrow(here);
  });

  it('can be left after the first rows, and read again from the start', async () => {
    for (let run = 0; run < 2; run++) {
      let first: XlsxRow | undefined;
      for await (const chunk of readXlsxRowsOnThread(long)) {
        first = chunk[0];
        break;
      }
      expect(first).toEqual({ row: 1, cells: ['户编号', '姓名', '身份证号', '月收入', '备注'] });
    }
  });
});
