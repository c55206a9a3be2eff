import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../domain/errors.ts';
import { readCsv } from './csv-reader.ts';
import { COLUMN_COUNT, mapHeader, type HeaderMap } from './template.ts';
import { readXlsxRowsOnThread } from '../../workbook/xlsx-rows-on-thread.ts';

/** A data row: its sheet row number (header = row 1) and its cells in canonical template order. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface RowSource {
  /** Resolves once the header row has been read. */
  header(): Promise<HeaderMap>;
  /** Data rows in chunks; blank rows are skipped (they still count in row numbers). */
  rows(): AsyncIterable<SheetRow[]>;
  bytesRead(): number;
}

function reorder(cells: readonly string[], index: Int32Array): string[] {
  const out = new Array<string>(COLUMN_COUNT);
  for (let i = 0; i < COLUMN_COUNT; i++) {
    const j = index[i];
    out[i] = j >= 0 && j < cells.length ? cells[j] ?? '' : '';
  }
  return out;
}

function blank(cells: readonly string[]): boolean {
  for (const c of cells) if (c && c.trim()) return false;
  return true;
}

/** Opens a ledger file by its extension (.csv, .txt or .xlsx); anything else cannot be imported. */
export function openLedgerFile(file: string, fileName = file): RowSource {
  if (!fs.existsSync(file)) throw new DomainError('file_unreadable', `The file ${fileName} does not exist`);
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return csvSource(file);
  if (ext === '.xlsx') return xlsxSource(file);
  throw new DomainError('file_type', `Only .xlsx and .csv files can be imported (got ${ext || 'no extension'})`);
}

function csvSource(file: string): RowSource {
  const csv = readCsv(file);
  let resolveHeader!: (h: HeaderMap) => void;
  let rejectHeader!: (e: unknown) => void;
  const header = new Promise<HeaderMap>((res, rej) => ((resolveHeader = res), (rejectHeader = rej)));
  header.catch(() => {});
  return {
    header: () => header,
    bytesRead: () => csv.bytesRead(),
    async *rows() {
      let map: HeaderMap | undefined;
      let rowNo = 0;
      try {
        for await (const chunk of csv) {
          const out: SheetRow[] = [];
          for (const rec of chunk) {
            rowNo++;
            if (!map) {
              if (blank(rec)) continue;
              map = mapHeader(rec);
              resolveHeader(map);
              continue;
            }
            if (blank(rec)) continue;
            out.push({ row: rowNo, cells: reorder(rec, map.index) });
          }
          if (out.length) yield out;
        }
        if (!map) throw new DomainError('file_empty', 'The file has no header row');
      } catch (e) {
        rejectHeader(e);
        throw e;
      }
    },
  };
}

function xlsxSource(file: string): RowSource {
  let bytes = 0;
  let resolveHeader!: (h: HeaderMap) => void;
  let rejectHeader!: (e: unknown) => void;
  const header = new Promise<HeaderMap>((res, rej) => ((resolveHeader = res), (rejectHeader = rej)));
  header.catch(() => {});
  return {
    header: () => header,
    bytesRead: () => bytes,
    async *rows() {
      let map: HeaderMap | undefined;
      try {
        for await (const chunk of readXlsxRowsOnThread(file, (n) => (bytes += n))) {
          const out: SheetRow[] = [];
          for (const { row, cells } of chunk) {
            if (blank(cells)) continue;
            if (!map) {
              map = mapHeader(cells);
              resolveHeader(map);
              continue;
            }
            out.push({ row, cells: reorder(cells, map.index) });
          }
          if (out.length) yield out;
        }
        if (!map) throw new DomainError('file_empty', 'The workbook has no header row');
      } catch (e) {
        rejectHeader(e);
        if (e instanceof DomainError) throw e;
        throw new DomainError('file_unreadable', `The workbook could not be read: ${(e as Error).message}`);
      }
    },
  };
}
