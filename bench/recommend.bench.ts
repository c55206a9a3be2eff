/**
 * Recommendations: one person against 500,000 open postings, p95 under 20 ms.
 *   node --import tsx bench/recommend.bench.ts [--engine sqlite|postgres] [--open 500000] [--people 1000] [--queries 2000] [--seed 1]
 * Builds a fresh database (Shanxi's regions, 20,000 employers, all postings open, seeded), adds
 * people looking for work in random villages with random wishes and preferred scopes, then times
 * the use case the API calls (`recommendPostings`, k = 10: person read, index catch-up, candidates,
 * fresh re-check of the best) and, apart, the in-memory candidate search alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../src/app/context.ts';
import { postingIndex, postingIndexInfo } from '../src/app/matching/posting-index-cache.ts';
import { recommendPostings } from '../src/app/matching/recommend.ts';
import { today } from '../src/app/matching/common.ts';
import { loadRegions } from '../src/app/regions/load-regions.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/domain/access/actor.ts';
import { BUILTIN_OCCUPATIONS } from '../src/domain/occupations/catalog.ts';
import { fromJson, nowIso } from '../src/store/codec.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { matchingRepository } from '../src/store/repositories/matching.repository.ts';
import { freshDatabase } from '../test/support/databases.ts';
import { generateJobBoardData } from './gen/job-board-data.ts';

function arg(name: string, d: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : d;
}
const engine = arg('engine', 'sqlite') as 'sqlite' | 'postgres';
const open = Number(arg('open', '500000'));
const nPeople = Number(arg('people', '1000'));
const queries = Number(arg('queries', '2000'));
const seed = Number(arg('seed', '1'));

function rng(s: number) {
  let a = s >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

const tdb = await freshDatabase(engine);
const database = await openDatabase(tdb.url);
const app: App = { config: loadConfig({}, { databaseUrl: tdb.url, dataDir: os.tmpdir() }), database, secrets: { key: Buffer.alloc(32), hmac: () => '' }, log: () => {} };
try {
  let t = performance.now();
  await migrateToLatest(database);
  await loadRegions(app, '14');
  const regionCodes = (await database.db.selectFrom('regions').select('code').where('level', '>=', 3).execute()).map((r) => r.code);
  await generateJobBoardData(database, regionCodes, { employers: 20_000, postings: open, openShare: 1, seed }, (n) => process.stderr.write(`\r  postings ${n}`));
  process.stderr.write('\n');

  // People looking for work in random villages, with 1–3 wishes, a skill now and then, and every preferred scope.
  const rand = rng(seed + 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const villages = regionCodes.filter((c) => c.length === 12);
  const occupations = BUILTIN_OCCUPATIONS.map((o) => o.code);
  const scopes = ['village', 'town', 'county', 'county', 'city', 'province', 'anywhere', null];
  const now = nowIso();
  const personIds: number[] = [];
  for (let i = 0; i < nPeople; i++) {
    const village = pick(villages);
    const h = await database.db
      .insertInto('households')
      .values({ household_no: `B${i}`, village_code: village, address: null, category: pick(['lifted', 'monitored', 'none']), monitored_subtype: null, relocated: rand() < 0.1 ? 1 : 0, income_per_capita_yuan: null, member_count: 1, working_age_count: 1, employed_count: 0, zero_employment: rand() < 0.1 ? 1 : 0, version: 1, created_at: now, updated_at: now, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wishes = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(occupations));
    const p = await database.db
      .insertInto('persons')
      .values({
        household_id: Number(h.id), village_code: village, relation: 'head', name: `人${i}`, gender: 'male', birth_date: `19${70 + Math.floor(rand() * 30)}-0${1 + Math.floor(rand() * 9)}-15`,
        id_enc: '-', id_hash: `b${i}`, id_masked: '-', phone_enc: null, phone_hash: null, phone_masked: null, education: null, labor_capacity: rand() < 0.1 ? 'weak' : 'full',
        skills: fromJson(rand() < 0.3 ? [{ occupation: pick(occupations), certificate: rand() < 0.3 ? '健康证' : null, level: null }] : []), employment_status: 'seeking', employer_name: null,
        monthly_income_yuan: null, training_wish: null, job_wish_types: fromJson([...new Set(wishes)]), available_from: null, preferred_scope: pick(scopes),
        min_monthly_pay_yuan: rand() < 0.2 ? null : 1500 + Math.floor(rand() * 30) * 100, verification_status: 'unverified', verified_at: null, verified_by: null, row_hash: '-',
        version: 1, created_at: now, updated_at: now, deleted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.push(Number(p.id));
  }
  if (database.sqlite) database.sqlite.exec('analyze');
  else await database.pool!.query('analyze');
  const generateMs = performance.now() - t;
  const openCount = Number((await database.db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow()).n);

  // First use builds the index from the store.
  t = performance.now();
  const heap0 = process.memoryUsage().heapUsed;
  await postingIndex(app);
  const buildMs = performance.now() - t;
  const indexHeapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1048576);
  const info = await postingIndexInfo(app);

  for (let i = 0; i < 50; i++) await recommendPostings(app, SYSTEM_ACTOR, personIds[i % personIds.length], 10);
  const full: number[] = [];
  let empty = 0;
  let returned = 0;
  for (let i = 0; i < queries; i++) {
    const id = personIds[Math.floor(rand() * personIds.length)];
    const q0 = performance.now();
    const r = await recommendPostings(app, SYSTEM_ACTOR, id, 10);
    full.push(performance.now() - q0);
    returned += r.items.length;
    if (!r.items.length) empty++;
  }

  // The candidate search alone, on the same people.
  const index = await postingIndex(app);
  const people = await matchingRepository.personsByIds(database.db, personIds);
  const on = today();
  const search: number[] = [];
  for (let i = 0; i < queries; i++) {
    const p = people[Math.floor(rand() * people.length)];
    const q0 = performance.now();
    index.topK(p, on, 25);
    search.push(performance.now() - q0);
  }

  const result = {
    bench: 'recommend',
    engine,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    openPostings: openCount,
    people: nPeople,
    queries,
    k: 10,
    generateMs: Math.round(generateMs),
    indexBuildMs: Math.round(buildMs),
    indexSize: info?.size,
    indexHeapMb,
    useCaseMs: { p50: pct(full, 50), p95: pct(full, 95), p99: pct(full, 99), max: pct(full, 100) },
    candidateSearchMs: { p50: pct(search, 50), p95: pct(search, 95), p99: pct(search, 99), max: pct(search, 100) },
    meanItems: Math.round((returned / queries) * 10) / 10,
    peopleWithNoRecommendation: Math.round((empty / queries) * 1000) / 10,
    target: 'p95 < 20 ms',
    pass: pct(full, 95) < 20,
  };
  console.log(JSON.stringify(result, null, 2));
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, engine === 'sqlite' ? 'recommend.json' : `recommend-${engine}.json`), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await database.close();
  await tdb.drop();
}
