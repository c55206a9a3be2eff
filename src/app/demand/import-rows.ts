import fs from 'node:fs';
import { parse } from 'csv-parse';
import { DomainError } from '../../domain/errors.ts';
import { readXlsxRows } from '../workbook/xlsx-rows.ts';

/** A column of an import template: its key, Chinese header and other accepted headers. */
export interface ImportColumn {
  key: string;
  zh: string;
  aliases?: string[];
  required?: boolean;
}

function normalizeHeader(s: string): string {
  return s.replace(/^\uFEFF/, '').replace(/[*＊\s\u3000_]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

/** One data row: its number in the file (the header is row 1) and its cells by column key. */
export interface SourceRow {
  row: number;
  cells: Record<string, string>;
}

/** A workbook that cannot be read: a file-level error, named as such (errors of the rules pass as they are). */
function unreadable(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return DomainError.invalid([{ field: 'file', code: 'file_unreadable', message: `the workbook could not be read: ${e instanceof Error ? e.message : String(e)}`, messageZh: '无法读取该工作簿文件' }], 'The file could not be read');
}

/** Maps the header row onto the template; unknown headers are ignored, missing required ones refused. */
function headerMap(header: string[], columns: ImportColumn[]): (string | null)[] {
  const lookup = new Map<string, string>();
  for (const c of columns) for (const name of [c.key, c.zh, ...(c.aliases ?? [])]) lookup.set(normalizeHeader(name), c.key);
  const map = header.map((h) => lookup.get(normalizeHeader(h)) ?? null);
  const missing = columns.filter((c) => c.required && !map.includes(c.key));
  if (missing.length) {
    throw DomainError.invalid(missing.map((c) => ({ field: c.key, code: 'column_missing', message: `the file has no column ${c.key} (${c.zh})`, messageZh: `缺少“${c.zh}”列` })), 'The file does not match the template');
  }
  return map;
}

function toRow(values: string[], map: (string | null)[], row: number): SourceRow | null {
  const cells: Record<string, string> = {};
  let any = false;
  map.forEach((key, i) => {
    if (!key) return;
    const v = (values[i] ?? '').trim();
    cells[key] = v;
    if (v) any = true;
  });
  return any ? { row, cells } : null;
}

/**
 * Streams the rows of a CSV or .xlsx file (first sheet, header in the first row) as template
 * cells, in batches, so that a county-sized file never sits in memory whole.
 */
export async function* readImportRows(file: string, columns: ImportColumn[], batchSize = 5000): AsyncGenerator<SourceRow[]> {
  if (!fs.existsSync(file)) throw DomainError.invalid([{ field: 'file', code: 'file_missing', message: `no file at ${file}`, messageZh: '文件不存在' }]);
  let batch: SourceRow[] = [];
  if (/\.xlsx$/i.test(file)) {
    let map: (string | null)[] | undefined;
    try {
      for await (const chunk of readXlsxRows(file)) {
        for (const r of chunk) {
          if (!map) {
            // The header is the first row holding anything.
            if (r.cells.some((c) => c.trim())) map = headerMap(r.cells, columns);
            continue;
          }
          const row = toRow(r.cells, map, r.row);
          if (row) batch.push(row);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
      }
    } catch (e) {
      throw unreadable(e);
    }
  } else {
    const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    let map: (string | null)[] | undefined;
    let n = 0;
    for await (const values of parser as AsyncIterable<string[]>) {
      n++;
      if (!map) {
        map = headerMap(values, columns);
        continue;
      }
      const row = toRow(values, map, n);
      if (row) batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

const TRUE = new Set(['1', 'true', 'yes', 'y', '是', '有', '√']);
const FALSE = new Set(['', '0', 'false', 'no', 'n', '否', '无', '×']);

/** Parses a yes/no cell; undefined when it is neither. */
export function parseFlag(s: string): boolean | undefined {
  const v = s.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

/** Parses a count or amount cell ("1,200", "1200.00"); undefined when it is not a number. */
export function parseNumber(s: string): number | undefined {
  const v = s.replace(/[,，\s]/g, '');
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Accepts 2024-03-01, 2024/3/1, 2024.3.1 and 20240301. */
export function parseDate(s: string): string | null {
  const v = s.trim();
  if (!v) return null;
  // An Excel date serial (days since 1899-12-30) in a cell without a date format.
  if (/^\d{5}$/.test(v)) return new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000).toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v;
}
