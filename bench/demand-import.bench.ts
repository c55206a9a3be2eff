/**
 * Demand import throughput: employers and postings from CSV, then the same files again (all unchanged).
 *   npx tsx bench/demand-import.bench.ts [--engine sqlite|postgres] [--employers 10000] [--postings 100000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importEmployers, importPostings } from '../src/app/demand/demand-import.ts';
import type { App } from '../src/app/context.ts';
import { loadRegions } from '../src/app/regions/load-regions.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/domain/access/actor.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../src/domain/demand/credit-code.ts';
import { BUILTIN_OCCUPATIONS } from '../src/domain/occupations/catalog.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { freshDatabase } from '../test/support/databases.ts';

function arg(name: string, d: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : d;
}
const engine = arg('engine', 'sqlite') as 'sqlite' | 'postgres';
const nEmployers = Number(arg('employers', '10000'));
const nPostings = Number(arg('postings', '100000'));

const tdb = await freshDatabase(engine);
const database = await openDatabase(tdb.url);
const app: App = { config: loadConfig({}, { databaseUrl: tdb.url, dataDir: tdb.dataDir }), database, secrets: { key: Buffer.alloc(32), hmac: () => '' }, log: () => {} };
try {
  await migrateToLatest(database);
  await loadRegions(app, '14');
  const villages = (await database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', '1402%').execute()).map((r) => r.code);
  let seed = 1;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const codes: string[] = [];
  const employers = ['name,credit_code,region_code,is_sme,operating_status,employees_total,poor_employees'];
  for (let i = 0; i < nEmployers; i++) {
    const county = villages[Math.floor(rand() * villages.length)].slice(0, 6);
    let body = `91${county}`;
    while (body.length < 17) body += CREDIT_CODE_ALPHABET[Math.floor(rand() * 31)];
    codes.push(body + creditCodeCheckChar(body));
    employers.push(`企业${i},${codes[i]},${county},是,正常经营,100,10`);
  }
  const postings = ['employer_credit_code,external_no,title,occupation_code,post_type,openings,pay_min_yuan,pay_max_yuan,region_code,start_date,end_date,age_min,age_max,board,lodging'];
  for (let i = 0; i < nPostings; i++) {
    const temp = rand() < 0.2;
    const pay = 2000 + Math.floor(rand() * 40) * 100;
    postings.push(`${codes[i % nEmployers]},P${i},岗位${i},${BUILTIN_OCCUPATIONS[i % BUILTIN_OCCUPATIONS.length].code},${temp ? 'temporary' : 'regular'},${1 + (i % 20)},${pay},${pay + 800},${villages[i % villages.length]},2026-03-01,${temp ? '2026-09-01' : ''},18,55,是,否`);
  }
  const dir = tdb.dataDir;
  fs.writeFileSync(path.join(dir, 'employers.csv'), employers.join('\n'));
  fs.writeFileSync(path.join(dir, 'postings.csv'), postings.join('\n'));
  const timed = async <T>(fn: () => Promise<T>) => {
    const t = performance.now();
    const r = await fn();
    return { r, ms: Math.round(performance.now() - t) };
  };
  const e1 = await timed(() => importEmployers(app, SYSTEM_ACTOR, path.join(dir, 'employers.csv')));
  const p1 = await timed(() => importPostings(app, SYSTEM_ACTOR, path.join(dir, 'postings.csv')));
  const p2 = await timed(() => importPostings(app, SYSTEM_ACTOR, path.join(dir, 'postings.csv')));
  const out = {
    engine,
    employers: { rows: nEmployers, ms: e1.ms, rowsPerSec: Math.round((nEmployers / e1.ms) * 1000), created: e1.r.created, rejected: e1.r.rejected, firstErrors: e1.r.errors.slice(0, 3) },
    postings: { rows: nPostings, ms: p1.ms, rowsPerSec: Math.round((nPostings / p1.ms) * 1000), created: p1.r.created, rejected: p1.r.rejected },
    postingsAgain: { ms: p2.ms, rowsPerSec: Math.round((nPostings / p2.ms) * 1000), unchanged: p2.r.unchanged, created: p2.r.created, updated: p2.r.updated },
    node: process.version,
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(out, null, 2));
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'demand-import.json');
  let prev: Record<string, unknown> = {};
  try {
    prev = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first run
  }
  prev[engine] = out;
  fs.writeFileSync(file, `${JSON.stringify(prev, null, 2)}\n`);
} finally {
  await database.close();
  await tdb.drop();
}
