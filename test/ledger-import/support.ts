import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { App } from '../../src/app/context.ts';
import { exportLedger, type ExportFormat } from '../../src/app/ledger/export/export-ledger.ts';
import { generateDemoRows } from '../../src/app/ledger/demo/generate.ts';
import { runLedgerImport, type ImportOptions } from '../../src/app/ledger/import/run-import.ts';
import { TEMPLATE_COLUMNS } from '../../src/app/ledger/import/template.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/domain/access/actor.ts';

export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-ledger-import-'));

/** Villages of 浑源县 (140225) as loaded from the NBS data, in code order. */
export async function countyVillages(app: App, county = '140225'): Promise<string[]> {
  const rows = await app.database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${county}%`).orderBy('code').execute();
  return rows.map((r) => r.code);
}

export function demoRows(villages: string[], households: number, seed = 1, county = '140225'): string[][] {
  return [...generateDemoRows({ villages, county, households, seed })];
}

export interface FileOptions {
  headers?: 'zh' | 'en';
  /** Column order: indexes into the template (default: template order). */
  order?: number[];
  bom?: boolean;
  encoding?: 'utf-8' | 'gb18030';
  name?: string;
}

const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes template rows (canonical order) as a CSV file the way a county clerk's tool would. */
export function writeCsv(rows: string[][], o: FileOptions = {}): string {
  const order = o.order ?? TEMPLATE_COLUMNS.map((_, i) => i);
  const head = order.map((i) => (o.headers === 'en' ? TEMPLATE_COLUMNS[i].key : TEMPLATE_COLUMNS[i].zh));
  const text = [head, ...rows.map((r) => order.map((i) => r[i] ?? ''))].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
  const file = path.join(tmp, o.name ?? `${crypto.randomBytes(6).toString('hex')}.csv`);
  let bytes = o.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  if (o.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  fs.writeFileSync(file, bytes);
  return file;
}

export function importFile(app: App, file: string, o: Partial<ImportOptions> & { actor?: Actor } = {}) {
  return runLedgerImport(app, o.actor ?? SYSTEM_ACTOR, { source: { kind: 'file', path: file, fileName: path.basename(file) }, ...o });
}

export async function exportToFile(app: App, format: ExportFormat, o: { reveal?: boolean; region?: string; actor?: Actor } = {}): Promise<string> {
  const file = path.join(tmp, `${crypto.randomBytes(6).toString('hex')}.${format}`);
  const out = fs.createWriteStream(file);
  await exportLedger(app, o.actor ?? SYSTEM_ACTOR, { format, reveal: o.reveal, region: o.region }, out);
  await finished(out);
  return file;
}

export const officerOf = (regionCode: string): Actor => ({ userId: 900, username: `officer-${regionCode}`, role: 'county_officer', regionCode, employerId: null });
