import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app/bootstrap.ts';
import { readCsv } from '../src/app/ledger/import/csv-reader.ts';
import { COL, mapHeader } from '../src/app/ledger/import/template.ts';
import { listPersons } from '../src/app/ledger/person-queries.ts';
import { runLedgerImport } from '../src/app/ledger/import/run-import.ts';
import { loadRegions } from '../src/app/regions/load-regions.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/domain/access/actor.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { writeLedgerFile } from './gen/ledger-file.ts';

/**
 * Search by exact ID number and by phone in a 1,000,000-person ledger (SQLite), through the same use
 * case the API calls (keyed hash → index lookup → masked page). The ledger is imported once into
 * bench/data/search-<rows>/ and reused. `npx tsx bench/ledger-search.bench.ts` (ROWS to change).
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const LOOKUPS = 2000;
const csvFile = path.resolve(`bench/data/ledger-${ROWS}.csv`);
const dir = path.resolve(`bench/data/search-${ROWS}`);
if (!fs.existsSync(csvFile)) await writeLedgerFile(csvFile, ROWS);

const app = await openApp(loadConfig({}, { databaseUrl: `sqlite:${path.join(dir, 'jiuye.db')}`, dataDir: dir, demo: false, logLevel: 'silent' }));
await migrateToLatest(app.database);
const count = Number((await app.database.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
if (count < ROWS * 0.99) {
  console.log(`importing ${ROWS} rows into ${dir}…`);
  await loadRegions(app, '14');
  await runLedgerImport(app, SYSTEM_ACTOR, { source: { kind: 'file', path: csvFile, fileName: path.basename(csvFile) } });
}

// Sample ID numbers and phones spread over the file.
const ids: string[] = [];
const phones: string[] = [];
let n = 0;
let index: Int32Array | undefined;
const every = Math.max(1, Math.floor(ROWS / LOOKUPS));
for await (const chunk of readCsv(csvFile)) {
  for (const rec of chunk) {
    if (!index) {
      index = mapHeader(rec).index;
      continue;
    }
    if (n++ % every === 0) {
      ids.push(rec[index[COL.id_number]]);
      if (rec[index[COL.phone]]) phones.push(rec[index[COL.phone]]);
    }
  }
}

async function measure(name: string, values: string[], query: (v: string) => Record<string, string>) {
  for (const v of values.slice(0, 100)) await listPersons(app, SYSTEM_ACTOR, query(v)); // warm-up
  const times: number[] = [];
  let found = 0;
  for (const v of values) {
    const t0 = performance.now();
    const r = await listPersons(app, SYSTEM_ACTOR, query(v));
    times.push(performance.now() - t0);
    if (r.items.length) found++;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => +times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(3);
  const r = { lookups: values.length, found, p50Ms: q(0.5), p95Ms: q(0.95), p99Ms: q(0.99), maxMs: q(1) };
  console.log(name, r);
  return r;
}

const persons = Number((await app.database.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const result = {
  persons,
  engine: 'sqlite',
  loadAverage: os.loadavg().map((x) => +x.toFixed(1)),
  byIdNumber: await measure('exact ID number', ids, (v) => ({ idNumber: v })),
  byPhone: await measure('phone', phones, (v) => ({ phone: v })),
};
await app.database.close();
fs.mkdirSync('bench/out', { recursive: true });
fs.writeFileSync('bench/out/ledger-search.json', `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/out/ledger-search.json');
