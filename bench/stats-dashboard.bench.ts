/**
 * Statistics dashboard at province scale: latency of the dashboard's requests for the province and
 * for villages, the time of `stats verify`, and what keeping the figures adds to one ledger write.
 *   npx tsx bench/stats-dashboard.bench.ts [--people 1000000] [--postings 200000] [--requests 200] [--seed 1]
 * Builds a fresh SQLite database (Shanxi's regions), writes households and people straight into it
 * with prepared statements and demand through the bulk path, builds the figures once with
 * `rebuildStats`, then sends the requests through the HTTP server (inject) as a logged-in officer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHousehold } from '../src/app/ledger/households.ts';
import { updatePerson } from '../src/app/ledger/persons.ts';
import { inTransaction } from '../src/app/context.ts';
import { rebuildStats, verifyStats } from '../src/app/stats/maintain.ts';
import { buildServer } from '../src/http/server.ts';
import { STATS_FAMILIES } from '../src/store/stats/families.ts';
import { statsRepository } from '../src/store/stats/stats.repository.ts';
import { makeIdNumber } from '../src/domain/ledger/id-number.ts';
import { ADMIN_PASSWORD, createTestApp } from '../test/support/app.ts';
import { generateJobBoardData } from './gen/job-board-data.ts';

function arg(name: string, d: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : d;
}
const people = Number(arg('people', '1000000'));
const postings = Number(arg('postings', '200000'));
const requests = Number(arg('requests', '200'));
const seed = Number(arg('seed', '1'));

let s = seed;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const pct = (xs: number[], p: number) => {
  const a = [...xs].sort((x, y) => x - y);
  return Math.round(a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))] * 100) / 100;
};
const summary = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100) });

const t0 = performance.now();
const t = await createTestApp('sqlite');
const { app } = t;
const sqlite = app.database.sqlite!;
try {
  const villages = (await app.database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', '14%').execute()).map((r) => r.code);
  const regionCodes = (await app.database.db.selectFrom('regions').select('code').where('level', '>=', 3).execute()).map((r) => r.code);
  const setupMs = performance.now() - t0;

  // The ledger: households of 1–5 people in the province's villages, written with prepared statements.
  let tt = performance.now();
  const now = new Date().toISOString();
  const insH = sqlite.prepare(`insert into households (household_no, village_code, category, monitored_subtype, relocated, member_count, working_age_count, employed_count, zero_employment, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  const insP = sqlite.prepare(
    `insert into persons (household_id, village_code, relation, name, gender, birth_date, id_enc, id_hash, id_masked, labor_capacity, skills, employment_status, training_wish, job_wish_types, verification_status, row_hash, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'x', ?, '140225********0000', 'full', '[]', ?, ?, '[]', ?, 'x', 1, ?, ?)`,
  );
  const STATUS = ['seeking', 'employed_county', 'employed_province', 'employed_outside', 'public_welfare', 'self_employed', 'not_seeking', 'unable'];
  const CATEGORY = ['lifted', 'lifted', 'monitored', 'none', 'none'];
  let written = 0;
  let hno = 0;
  const batch = sqlite.transaction((n: number) => {
    let done = 0;
    while (done < n) {
      const v = pick(villages);
      const size = 1 + Math.floor(rand() * 5);
      const cat = pick(CATEGORY);
      const hid = Number(insH.run(`B-${++hno}`, v, cat, cat === 'monitored' ? 'marginal' : null, rand() < 0.1 ? 1 : 0, size, size, 0, 0, now, now).lastInsertRowid);
      for (let i = 0; i < size && done < n; i++, done++) {
        insP.run(hid, v, i ? 'child' : 'head', `人${written + done}`, i % 2 ? 'female' : 'male', '1985-01-01', `h${written + done}`, pick(STATUS), rand() < 0.3 ? '保洁员' : null, rand() < 0.4 ? 'verified' : 'unverified', now, now);
      }
    }
  });
  while (written < people) {
    const n = Math.min(50_000, people - written);
    batch(n);
    written += n;
    process.stderr.write(`\r  people ${written}`);
  }
  process.stderr.write('\n');
  const ledgerMs = performance.now() - tt;

  tt = performance.now();
  await generateJobBoardData(app.database, regionCodes, { employers: 20_000, postings, openShare: 0.83, seed }, (n) => process.stderr.write(`\r  postings ${n}`));
  process.stderr.write('\n');
  sqlite.exec('analyze');
  const demandMs = performance.now() - tt;

  tt = performance.now();
  const rebuilt = await rebuildStats(app);
  const rebuildMs = performance.now() - tt;

  tt = performance.now();
  const verified = await verifyStats(app);
  const verifyMs = performance.now() - tt;
  if (!verified.ok) throw new Error(`verify found ${verified.differences.length} differences after a rebuild`);

  const server = await buildServer(app);
  await server.ready();
  const login = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers: { 'x-requested-with': 'jiuye' } });
  const cookie = login.cookies.find((c) => c.name === 'jiuye_session')!.value;
  const get = async (url: string) => {
    const a = performance.now();
    const r = await server.inject({ method: 'GET', url, headers: { cookie: `jiuye_session=${cookie}`, 'x-requested-with': 'jiuye' } });
    const ms = performance.now() - a;
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return ms;
  };
  const day = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
  const before = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const trend = 'at_work,returned_to_work,jobs_secured';

  /** One dashboard load: the requests the page sends for a region (cards, children, trend and its starting point). */
  async function dashboard(code: string) {
    const stats = await get(`/api/v1/stats?region=${code}`);
    const children = await get(`/api/v1/stats/children?region=${code}`);
    const series = await get(`/api/v1/stats/series?region=${code}&indicators=${trend}&from=${from}&to=${day}`);
    const asOf = await get(`/api/v1/stats?region=${code}&date=${before}`);
    return { stats, children, series, asOf, total: stats + children + series };
  }
  for (let i = 0; i < 20; i++) await dashboard(i % 2 ? '14' : pick(villages));

  const run = async (codes: () => string) => {
    const out = { stats: [] as number[], children: [] as number[], series: [] as number[], asOf: [] as number[], total: [] as number[] };
    for (let i = 0; i < requests; i++) {
      const d = await dashboard(codes());
      for (const k of Object.keys(out) as (keyof typeof out)[]) out[k].push(d[k]);
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, summary(v)]));
  };
  const province = await run(() => '14');
  const cityCodes = regionCodes.filter((c) => c.length === 6).map((c) => c.slice(0, 4));
  const city = await run(() => pick(cityCodes));
  const village = await run(() => pick(villages));

  // One ledger write: a person's employment status changes, through the use case (audit, facts, figures).
  const admin = { userId: 1, username: 'admin', role: 'admin' as const, regionCode: '', employerId: null };
  const writeVillages = Array.from({ length: 20 }, () => pick(villages));
  const targets: number[] = [];
  for (const [i, v] of writeVillages.entries()) {
    const h = await createHousehold(app, admin, { householdNo: `W-${i}`, villageCode: v, category: 'lifted', relocated: false, members: [{ relation: 'head', name: `写${i}`, idNumber: makeIdNumber('140225', '1980-05-05', i + 1), laborCapacity: 'full', employmentStatus: 'seeking' }] } as any);
    targets.push((h as any).members[0].id);
  }
  const writeMs: number[] = [];
  const statsMs: number[] = [];
  for (let i = 0; i < requests; i++) {
    const id = targets[i % targets.length];
    const row = await app.database.db.selectFrom('persons').select(['version', 'village_code']).where('id', '=', id).executeTakeFirstOrThrow();
    let a = performance.now();
    await updatePerson(app, admin, id, { employmentStatus: i % 2 ? 'seeking' : 'employed_county', version: Number(row.version) } as any);
    writeMs.push(performance.now() - a);
    // The figures' share alone: the same recount and roll-up in a transaction of its own.
    a = performance.now();
    await inTransaction(app, (trx) => statsRepository.applyChanges(trx, [row.village_code], STATS_FAMILIES, day));
    statsMs.push(performance.now() - a);
  }
  const afterWrites = await verifyStats(app);

  const counts = {
    people: Number((await app.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    postings: Number((await app.database.db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    villages: villages.length,
    statsTotalRows: Number((await app.database.db.selectFrom('stats_total').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
  const result = {
    bench: 'stats-dashboard',
    at: new Date().toISOString(),
    engine: 'sqlite',
    node: process.version,
    command: `npx tsx bench/stats-dashboard.bench.ts --people ${people} --postings ${postings} --requests ${requests} --seed ${seed}`,
    counts,
    buildMs: { setup: Math.round(setupMs), ledger: Math.round(ledgerMs), demand: Math.round(demandMs), rebuildStats: Math.round(rebuildMs), rebuilt },
    verify: { ms: Math.round(verifyMs), checked: verified.checked, ok: verified.ok, okAfterWrites: afterWrites.ok },
    dashboardMs: { province, city, village },
    targets: { provinceP95Ms: 50, villageP95Ms: 20, provinceMet: province.stats.p95 < 50 && province.children.p95 < 50 && province.series.p95 < 50, villageMet: village.stats.p95 < 20 && village.children.p95 < 20 && village.series.p95 < 20 },
    personUpdateMs: { total: summary(writeMs), statsShare: summary(statsMs) },
  };
  await server.close();
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'stats-dashboard.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await t.close();
}
