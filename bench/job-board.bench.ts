/**
 * Public job board: p95 latency of a filtered page with 500,000 open postings.
 *   node --expose-gc --import tsx bench/job-board.bench.ts [--engine sqlite|postgres] [--open 500000] [--queries 2000] [--seed 1]
 * Builds a fresh database (Shanxi's regions, 20,000 employers, postings of which ~83% are open),
 * then times the same use case the API calls for random filters: region (province, city, county,
 * town, village), occupation (detailed or group), post type, minimum pay, and the next page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicPostings, type BoardQuery } from '../src/app/demand/job-board.ts';
import type { App } from '../src/app/context.ts';
import { loadRegions } from '../src/app/regions/load-regions.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { BUILTIN_OCCUPATIONS } from '../src/domain/occupations/catalog.ts';
import { POST_TYPES } from '../src/domain/demand/vocabulary.ts';
import { generateJobBoardData } from './gen/job-board-data.ts';
import { freshDatabase } from '../test/support/databases.ts';

function arg(name: string, d: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : d;
}
const engine = arg('engine', 'sqlite') as 'sqlite' | 'postgres';
const open = Number(arg('open', '500000'));
const queries = Number(arg('queries', '2000'));
const seed = Number(arg('seed', '1'));
const openShare = 0.83;
const total = Math.round(open / openShare);

const tdb = await freshDatabase(engine);
const database = await openDatabase(tdb.url);
const app: App = { config: loadConfig({}, { databaseUrl: tdb.url, dataDir: os.tmpdir() }), database, secrets: { key: Buffer.alloc(32), hmac: () => '' }, log: () => {} };
try {
  let t = performance.now();
  await migrateToLatest(database);
  await loadRegions(app, '14');
  const regionCodes = (await database.db.selectFrom('regions').select('code').where('level', '>=', 3).execute()).map((r) => r.code);
  const loadRegionsMs = performance.now() - t;
  t = performance.now();
  await generateJobBoardData(database, regionCodes, { employers: 20_000, postings: total, openShare, seed }, (n) => process.stderr.write(`\r  postings ${n}`));
  process.stderr.write('\n');
  if (database.sqlite) database.sqlite.exec('analyze');
  else await database.pool!.query('analyze');
  const generateMs = performance.now() - t;
  const openCount = Number((await database.db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow()).n);

  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const byLength = (n: number) => regionCodes.filter((c) => c.length === n);
  const regionsAt: Record<string, string[]> = { province: ['14', '44'], city: byLength(4).concat(['4403', '3205']), county: byLength(6), town: byLength(9), village: byLength(12) };
  const occupations = BUILTIN_OCCUPATIONS.map((o) => o.code);
  const kinds = ['region', 'region+type', 'region+occupation', 'region+pay', 'occupation', 'type+pay', 'all filters', 'no filter', 'next page'] as const;

  function query(kind: (typeof kinds)[number]): BoardQuery {
    const level = pick(['province', 'city', 'county', 'county', 'town', 'village'] as const);
    const region = pick(regionsAt[level]);
    const occupation = rand() < 0.7 ? pick(occupations) : pick(occupations).split('-').slice(0, 2).join('-');
    const postType = pick(POST_TYPES);
    const minPayFen = (2000 + Math.floor(rand() * 50) * 100) * 100;
    switch (kind) {
      case 'region': return { region };
      case 'region+type': return { region, postType };
      case 'region+occupation': return { region, occupation };
      case 'region+pay': return { region, minPayFen };
      case 'occupation': return { occupation };
      case 'type+pay': return { postType, minPayFen };
      case 'all filters': return { region: pick(regionsAt.county), occupation, postType, minPayFen };
      default: return {};
    }
  }

  // The generator's garbage would otherwise be collected during the timed queries; a server never carries it.
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < 200; i++) await publicPostings(app, query(pick(kinds)));
  const times: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
  const all: number[] = [];
  let empty = 0;
  for (let i = 0; i < queries; i++) {
    const kind = kinds[i % kinds.length];
    let q = query(kind);
    if (kind === 'next page') {
      const first = await publicPostings(app, { region: pick(regionsAt.county) });
      q = { region: first.items[0]?.regionCode.slice(0, 6), cursor: first.nextCursor ?? undefined };
    }
    const t0 = performance.now();
    const r = await publicPostings(app, { ...q, limit: 20 });
    const ms = performance.now() - t0;
    if (!r.items.length) empty++;
    times[kind].push(ms);
    all.push(ms);
  }
  const pct = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
  };
  const out = {
    engine,
    openPostings: openCount,
    postings: total,
    employers: 20_000,
    queries,
    pageSize: 20,
    emptyPages: empty,
    p50Ms: pct(all, 50),
    p95Ms: pct(all, 95),
    p99Ms: pct(all, 99),
    maxMs: pct(all, 100),
    byKind: Object.fromEntries(kinds.map((k) => [k, { p50Ms: pct(times[k], 50), p95Ms: pct(times[k], 95), maxMs: pct(times[k], 100) }])),
    loadRegionsMs: Math.round(loadRegionsMs),
    generateMs: Math.round(generateMs),
    node: process.version,
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(out, null, 2));
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'job-board.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let prev: Record<string, unknown> = {};
  try {
    prev = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first run
  }
  prev[engine] = out;
  fs.writeFileSync(file, `${JSON.stringify(prev, null, 2)}\n`);
  if (out.p95Ms >= 50) process.exitCode = 1;
} finally {
  await database.close();
  await tdb.drop();
}
