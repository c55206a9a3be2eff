import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openApp } from '../src/app/bootstrap.ts';
import type { App } from '../src/app/context.ts';
import { readCsv } from '../src/app/ledger/import/csv-reader.ts';
import { runLedgerImport, type ImportResult } from '../src/app/ledger/import/run-import.ts';
import { loadRegions } from '../src/app/regions/load-regions.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/domain/access/actor.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { writeLedgerFile } from './gen/ledger-file.ts';

/**
 * End-to-end ledger import (parse, validate, hash, encrypt, dedup, write, indexes, household facts)
 * of a synthetic county ledger: 1,000,000 CSV rows into SQLite and PostgreSQL, 200,000 .xlsx rows
 * into SQLite; beside it a raw prepared insert of the same CSV rows into the same table, without
 * validation or encryption. Peak memory is the process's resident set (every thread), sampled every
 * 50 ms; CPU seconds are the process's, every thread, and the writer's time is split by stage.
 * `npx tsx bench/ledger-import.bench.ts` (ROWS, XLSX_ROWS, ENGINES=raw,sqlite,whole,cli,postgres,xlsx,cli-xlsx to narrow).
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.XLSX_ROWS ?? 200_000);
const PARTS = (process.env.ENGINES ?? 'raw,sqlite,whole,cli,postgres,xlsx,cli-xlsx').split(',');
const PG_ADMIN = process.env.JIUYE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dataDir = path.resolve('bench/data');
const csvFile = path.join(dataDir, `ledger-${ROWS}.csv`);
const xlsxFile = path.join(dataDir, `ledger-${XLSX_ROWS}.xlsx`);

function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return { stop: () => (clearInterval(timer), Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024)) };
}

async function freshApp(engine: 'sqlite' | 'postgres'): Promise<{ app: App; drop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-'));
  let url = `sqlite:${path.join(dir, 'jiuye.db')}`;
  let dropDb = async () => {};
  if (engine === 'postgres') {
    const name = `jiuye_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const app = await openApp(loadConfig({}, { databaseUrl: url, dataDir: dir, demo: false, logLevel: 'silent' }));
  await migrateToLatest(app.database);
  await loadRegions(app, '14');
  return {
    app,
    drop: async () => {
      await app.database.close();
      await dropDb();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds of the whole process (every thread) since `from`: the machine is shared, so wall time alone says little. */
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return +((c.user + c.system) / 1e6).toFixed(2);
};

async function timedImport(app: App, file: string, whole = false) {
  const mem = peakRss();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r: ImportResult = await runLedgerImport(app, SYSTEM_ACTOR, { source: { kind: 'file', path: file, fileName: path.basename(file) }, whole });
  const s = (performance.now() - t0) / 1000;
  const stageSeconds = Object.fromEntries(Object.entries(r.stageMs).map(([k, v]) => [k, +(v / 1000).toFixed(2)]));
  return {
    rows: r.rowsRead, accepted: r.accepted, created: r.created, unchanged: r.unchanged, rejected: r.rejected,
    seconds: +s.toFixed(2), cpuSeconds: cpuSeconds(c0), rowsPerSecond: Math.round(r.rowsRead / s), peakRssMb: mem.stop(), writerStageSeconds: stageSeconds,
  };
}

/**
 * The import as a county runs it: `jiuye import ledger FILE --json` in a process of its own on a
 * migrated SQLite file with Shanxi's regions. Peak memory is the kernel's high-water mark of that
 * process's resident set (VmHWM: every thread, the database's cache included).
 */
async function cliImport(file: string): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-cli-'));
  const env = { ...process.env, JIUYE_DATA_DIR: dir, JIUYE_DATABASE_URL: `sqlite:${path.join(dir, 'jiuye.db')}`, JIUYE_LOG_LEVEL: 'silent' };
  const bin = path.resolve('bin/jiuye.mjs');
  for (const args of [['migrate'], ['regions', 'load', '--province', '14']]) {
    const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`jiuye ${args.join(' ')}: ${r.stderr}`);
  }
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'import', 'ledger', file, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  let hwm = 0;
  const status = `/proc/${child.pid}/status`;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(status, 'utf8'));
      if (m) hwm = Math.max(hwm, Number(m[1]));
    } catch {}
  }, 20);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearInterval(timer);
  const s = (performance.now() - t0) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`jiuye import ledger exited with ${code}`);
  const summary = JSON.parse(out) as { accepted: number; created: number; rejected: number };
  return { rows: summary.accepted + summary.rejected, created: summary.created, seconds: +s.toFixed(2), rowsPerSecond: Math.round((summary.accepted + summary.rejected) / s), peakRssMb: Math.round(hwm / 1024) };
}

/**
 * The floor: the same rows parsed and put into `persons` by one prepared statement, nothing else.
 * `bare`: into a table of the same columns without any index, as a bulk load that sets every index
 * aside (and as `sqlite3 .import` into a new table) writes.
 */
async function rawInsert(bare = false): Promise<Record<string, number>> {
  const { app, drop } = await freshApp('sqlite');
  const db = app.database.sqlite!;
  const now = new Date().toISOString();
  const h = db.prepare(`insert into households (household_no, village_code, category, created_at, updated_at) values ('raw', '140225100200', 'none', ?, ?)`).run(now, now);
  const hid = Number(h.lastInsertRowid);
  const table = bare ? 'persons_bare' : 'persons';
  if (bare) db.exec('create table persons_bare as select * from persons where 0');
  const stmt = db.prepare(`insert into ${table} (household_id, village_code, relation, name, gender, birth_date, id_enc, id_hash, id_masked, phone_enc, phone_hash, phone_masked, education, labor_capacity, skills, employment_status, employer_name, monthly_income_yuan, training_wish, job_wish_types, available_from, preferred_scope, min_monthly_pay_yuan, row_hash, created_at, updated_at)
    values (?, ?, ?, ?, 'male', '1980-01-01', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insert = db.transaction((batch: string[][]) => {
    for (const c of batch) stmt.run(hid, c[5], c[1], c[2], c[3], c[3], c[3], c[4], c[4] || null, c[4], c[9], c[10], c[11], c[12], c[13], c[14] || null, c[15], c[16], c[19], c[17], c[18] || null, c[3], now, now);
  });
  const mem = peakRss();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  let parseMs = 0;
  let first = true;
  let batch: string[][] = [];
  let tp = performance.now();
  for await (const chunk of readCsv(csvFile)) {
    parseMs += performance.now() - tp;
    for (const rec of chunk) {
      if (first) {
        first = false;
        continue;
      }
      batch.push(rec);
      if (batch.length >= 20_000) {
        insert(batch);
        n += batch.length;
        batch = [];
      }
    }
    tp = performance.now();
  }
  insert(batch);
  n += batch.length;
  const s = (performance.now() - t0) / 1000;
  const peak = mem.stop();
  await drop();
  const cpu = cpuSeconds(c0);
  return { rows: n, seconds: +s.toFixed(2), cpuSeconds: cpu, rowsPerSecond: Math.round(n / s), parseSeconds: +(parseMs / 1000).toFixed(2), peakRssMb: peak };
}

if (!fs.existsSync(csvFile)) {
  console.log(`generating ${csvFile}…`);
  await writeLedgerFile(csvFile, ROWS);
}
if ((PARTS.includes('xlsx') || PARTS.includes('cli-xlsx')) && !fs.existsSync(xlsxFile)) {
  console.log(`generating ${xlsxFile}…`);
  await writeLedgerFile(xlsxFile, XLSX_ROWS);
}

const results: Record<string, unknown> = { rows: ROWS, xlsxRows: XLSX_ROWS, cpus: os.cpus().length, loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(1)), node: process.version };
if (PARTS.includes('raw')) {
  results.rawPreparedInsertSqlite = await rawInsert();
  console.log('raw prepared insert (SQLite)', results.rawPreparedInsertSqlite);
  results.rawPreparedInsertSqliteBare = await rawInsert(true);
  console.log('raw prepared insert (SQLite, table without indexes)', results.rawPreparedInsertSqliteBare);
}
for (const engine of ['sqlite', 'postgres'] as const) {
  if (!PARTS.includes(engine)) continue;
  const { app, drop } = await freshApp(engine);
  try {
    const first = await timedImport(app, csvFile);
    console.log(`import ${engine} (fresh)`, first);
    const again = await timedImport(app, csvFile);
    console.log(`import ${engine} (same file again: all unchanged)`, again);
    results[`import_${engine}`] = { fresh: first, reimport: again };
  } finally {
    await drop();
  }
}
if (PARTS.includes('whole')) {
  // The same fresh import as the command runs it: the whole load one transaction (the server's import jobs do not).
  const { app, drop } = await freshApp('sqlite');
  try {
    results.import_sqlite_whole = await timedImport(app, csvFile, true);
    console.log('import sqlite (fresh, one transaction)', results.import_sqlite_whole);
  } finally {
    await drop();
  }
}
if (PARTS.includes('cli')) {
  results.cliImportSqlite = await cliImport(csvFile);
  console.log('jiuye import ledger (SQLite, own process)', results.cliImportSqlite);
}
if (PARTS.includes('cli-xlsx')) {
  results.cliImportXlsxSqlite = await cliImport(xlsxFile);
  console.log('jiuye import ledger of the workbook (SQLite, own process)', results.cliImportXlsxSqlite);
}
if (PARTS.includes('xlsx')) {
  const { app, drop } = await freshApp('sqlite');
  try {
    results.import_xlsx_sqlite = await timedImport(app, xlsxFile);
    console.log('import xlsx (SQLite)', results.import_xlsx_sqlite);
  } finally {
    await drop();
  }
}
const raw = results.rawPreparedInsertSqlite as { seconds: number; cpuSeconds: number } | undefined;
const fresh = (results.import_sqlite as { fresh: { seconds: number; cpuSeconds: number } } | undefined)?.fresh;
if (raw && fresh) {
  // The same rows in the same run: the import's share of a raw insert's speed, by wall clock and by CPU.
  results.sqliteVersusRaw = { wall: +(raw.seconds / fresh.seconds).toFixed(3), cpu: +(raw.cpuSeconds / fresh.cpuSeconds).toFixed(3) };
  console.log('import / raw insert (SQLite)', results.sqliteVersusRaw);
}
results.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(1));
fs.mkdirSync('bench/out', { recursive: true });
fs.writeFileSync('bench/out/ledger-import.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/out/ledger-import.json');
