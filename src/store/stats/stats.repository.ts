import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { ancestorCodes } from '../../domain/regions/region-code.ts';
import { splitStatKey, statKey, type OwnCounts, type StatsFamily } from './family.ts';
import { isPostgres } from '../engine.ts';
import { executeByKey } from '../reusable-query.ts';

/** Figures in key order: every writer of the same rows upserts them in one order. */
const inKeyOrder = (figures: Iterable<[string, number]>): [string, number][] => [...figures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Lists of keys and rows go to the database 500 at a time. */
function chunksOf<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Figures keyed `region\0indicator` as rows of the statistics tables. */
function keyedRows(figures: Iterable<[string, number]>): { region_code: string; indicator: string; value: number }[] {
  return [...figures].map(([k, value]) => {
    const [region_code, indicator] = splitStatKey(k);
    return { region_code, indicator, value };
  });
}

/** Adds each region's deltas to itself and to every ancestor. */
function rollUp(deltas: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, d] of deltas) {
    if (d === 0) continue;
    const [code, ind] = splitStatKey(k);
    for (const c of [...ancestorCodes(code), code]) out.set(statKey(c, ind), (out.get(statKey(c, ind)) ?? 0) + d);
  }
  return out;
}

/**
 * Takes the statistics lock of each region, in code order, for the rest of the transaction
 * (PostgreSQL): exclusive for the regions in `recount`, shared for the others. Writers that only log
 * differences share a region's lock, so they never wait for one another; a recount waits for them
 * and holds them off.
 */
async function lockRegions(trx: Tx, codes: string[], recount: ReadonlySet<string>): Promise<void> {
  for (const c of [...new Set(codes)].sort()) {
    const key = `stats:${c}`;
    await executeByKey(trx, recount.has(c) ? sql`select pg_advisory_xact_lock(hashtext(${key}))` : sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`);
  }
}

/** Adds differences of own counts (keyed region and indicator) to the totals of each region and its ancestors, and writes `day`'s history of them. */
async function addToTotals(trx: Tx, deltas: Map<string, number>, day: string): Promise<[string, number][]> {
  const totals = inKeyOrder(rollUp(deltas));
  for (const chunk of chunksOf(keyedRows(totals))) {
    await executeByKey(trx, trx.insertInto('stats_total').values(chunk).onConflict((oc) => oc.columns(['region_code', 'indicator']).doUpdateSet((eb) => ({ value: sql`stats_total.value + ${eb.ref('excluded.value')}` }))));
    const regions = [...new Set(chunk.map((c) => c.region_code))];
    const inds = [...new Set(chunk.map((c) => c.indicator))];
    await executeByKey(trx, sql`insert into stats_history (region_code, indicator, day, value)
      select region_code, indicator, ${day}, value from stats_total
      where region_code in (${sql.join(regions)}) and indicator in (${sql.join(inds)})
      on conflict (region_code, indicator, day) do update set value = excluded.value`);
  }
  return totals;
}

/**
 * Takes the statistics locks of the regions to recount (exclusive) and of the regions whose
 * differences are logged (shared) on PostgreSQL, and writes those differences to the log.
 */
async function lockAndLog(trx: Tx, recount: string[], logged: { region_code: string; indicator: string; day: string; value: number }[]): Promise<void> {
  const locked = [...new Set([...recount, ...logged.map((r) => r.region_code)])];
  // The usual edit, in one village: its shared lock is taken by the statement that logs its differences.
  // (Up to 50 rows, so that this text takes few shapes: each is a prepared statement.)
  if (isPostgres(trx) && !recount.length && locked.length === 1 && logged.length <= 50) {
    await executeByKey(trx, sql`insert into stats_delta (region_code, indicator, day, value)
      select v.region_code, v.indicator, v.day, cast(v.value as bigint)
      from (select pg_advisory_xact_lock_shared(hashtext(${`stats:${locked[0]}`}))) as l,
        (values ${sql.join(logged.map((r) => sql`(${r.region_code}, ${r.indicator}, ${r.day}, ${String(r.value)})`))}) as v (region_code, indicator, day, value)`);
    return;
  }
  if (isPostgres(trx)) await lockRegions(trx, locked, new Set(recount));
  for (const chunk of chunksOf(logged)) await executeByKey(trx, trx.insertInto('stats_delta').values(chunk));
}

/** Serializes the writers of own counts and totals (folds and recounts) on PostgreSQL; counted writes never take it. */
async function lockFigures(trx: Tx): Promise<void> {
  if (isPostgres(trx)) await executeByKey(trx, sql`select pg_advisory_xact_lock(hashtext('stats:figures'))`);
}

/** Log rows taken out at once by a fold. */
const FOLD_CHUNK = 5000;

/**
 * Folds logged differences into the figures, day by day in order, and deletes them from the log:
 * those of `regions` (whose locks the caller holds), or the whole log. Each row is taken out by the
 * statement that deletes it, so a row logged meanwhile stays for the next fold and no row is added
 * twice. A day before `today` is rare (a fold just after midnight); its differences also move the
 * later history rows already written.
 */
async function foldLogged(trx: Tx, regions: string[] | undefined, today: string): Promise<number> {
  const byDay = new Map<string, Map<string, number>>();
  let n = 0;
  const taken = ['region_code', 'indicator', 'day', 'value'] as const;
  const takeOf = (codes: string[]) => trx.deleteFrom('stats_delta').where('region_code', 'in', codes).returning(taken).execute();
  const takeOldest = () =>
    trx.deleteFrom('stats_delta').where('id', 'in', (eb) => eb.selectFrom('stats_delta').select('id').orderBy('id').limit(FOLD_CHUNK)).returning(taken).execute();
  const add = (rows: { region_code: string; indicator: string; day: string; value: number | string }[]) => {
    for (const r of rows) {
      const d = Number(r.value);
      if (d === 0) continue;
      const m = byDay.get(r.day) ?? byDay.set(r.day, new Map()).get(r.day)!;
      m.set(statKey(r.region_code, r.indicator), (m.get(statKey(r.region_code, r.indicator)) ?? 0) + d);
      n++;
    }
  };
  if (regions) for (const chunk of chunksOf(regions)) add(await takeOf(chunk));
  else {
    let rows;
    do add((rows = await takeOldest()));
    while (rows.length === FOLD_CHUNK);
  }
  for (const day of [...byDay.keys()].sort()) {
    const deltas = byDay.get(day)!;
    for (const own of chunksOf(keyedRows(inKeyOrder(deltas)))) {
      await trx.insertInto('stats_own').values(own).onConflict((oc) => oc.columns(['region_code', 'indicator']).doUpdateSet((eb) => ({ value: sql`stats_own.value + ${eb.ref('excluded.value')}` }))).execute();
    }
    const totals = await addToTotals(trx, deltas, day);
    if (day < today) {
      for (const [k, d] of totals) {
        const [region_code, indicator] = splitStatKey(k);
        await trx.updateTable('stats_history').set({ value: sql`value + ${d}` }).where('region_code', '=', region_code).where('indicator', '=', indicator).where('day', '>', day).execute();
      }
    }
  }
  return n;
}

export const statsRepository = {
  /** Queues regions for a later recount, in the caller's transaction. */
  async addPending(trx: Tx, codes: string[]): Promise<void> {
    for (const chunk of chunksOf([...new Set(codes)])) {
      await trx.insertInto('stats_pending').values(chunk.map((region_code) => ({ region_code }))).onConflict((oc) => oc.column('region_code').doNothing()).execute();
    }
  },

  /** Takes every queued region off the queue, in the caller's transaction. */
  async takePending(trx: Tx): Promise<string[]> {
    const rows = await trx.selectFrom('stats_pending').select('region_code').execute();
    if (rows.length) await trx.deleteFrom('stats_pending').execute();
    return rows.map((r) => r.region_code);
  },

  /**
   * Recounts the families for the changed regions and moves the difference into the totals of
   * those regions and all their ancestors, and into today's history rows. Differences counted by
   * the writer (`counted`, keyed region and indicator) go to the log of differences instead
   * (`foldDifferences` adds them in): a person edit then writes no row that edits in other villages
   * write too, such as the county's or the province's totals. On PostgreSQL the regions recounted
   * are locked first (exclusively, in a fixed order), so a concurrent writer's committed rows are in
   * the recount and no recount overwrites a difference logged meanwhile; writers that only log take
   * a region's lock shared. Recounts and folds then take one lock on the figures, in that order.
   */
  async applyChanges(trx: Tx, codes: string[], families: StatsFamily[], day: string, counted: Map<string, number> = new Map()): Promise<void> {
    const sorted = [...new Set(codes)].sort();
    const recounted = new Set(sorted);
    const logged = keyedRows([...counted].filter(([k, d]) => d !== 0 && !recounted.has(splitStatKey(k)[0]))).map((r) => ({ ...r, day }));
    await lockAndLog(trx, sorted, logged);
    if (!sorted.length) return;
    // The recount replaces the regions' own counts: first take in what their log holds.
    await lockFigures(trx);
    await foldLogged(trx, sorted, day);
    const newOwn = new Map<string, number>();
    for (const f of families) {
      const counts = await f.recount(trx, sorted);
      for (const code of sorted) for (const ind of f.indicators) newOwn.set(statKey(code, ind), counts.get(code)?.[ind] ?? 0);
    }
    const old = new Map<string, number>();
    for (const chunk of chunksOf(sorted)) {
      const rows = await trx.selectFrom('stats_own').select(['region_code', 'indicator', 'value']).where('region_code', 'in', chunk).execute();
      for (const r of rows) old.set(statKey(r.region_code, r.indicator), Number(r.value));
    }
    const deltas = new Map<string, number>();
    for (const [k, v] of newOwn) if (v !== (old.get(k) ?? 0)) deltas.set(k, v - (old.get(k) ?? 0));
    for (const chunk of chunksOf(keyedRows([...deltas.keys()].map((k) => [k, newOwn.get(k)!])))) {
      await trx.insertInto('stats_own').values(chunk).onConflict((oc) => oc.columns(['region_code', 'indicator']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
    }
    await addToTotals(trx, deltas, day);
  },

  /**
   * Adds the logged differences into the figures (own counts, totals of every ancestor, history of
   * the day each was counted) and empties the log. Returns how many differences it folded.
   */
  async foldDifferences(trx: Tx, today: string): Promise<number> {
    await lockFigures(trx);
    return foldLogged(trx, undefined, today);
  },

  /** Whether differences wait in the log. */
  async hasDifferences(db: Tx): Promise<boolean> {
    return (await db.selectFrom('stats_delta').select('id').limit(1).execute()).length > 0;
  },

  /** Counts every family from the records, for every region, rolled up the hierarchy. */
  async recountAll(trx: Tx, families: StatsFamily[]): Promise<{ own: OwnCounts; totals: Map<string, number> }> {
    const own: OwnCounts = new Map();
    const flat = new Map<string, number>();
    for (const f of families) {
      for (const [code, values] of await f.recount(trx)) {
        const rec = own.get(code) ?? own.set(code, {}).get(code)!;
        for (const [ind, v] of Object.entries(values)) {
          rec[ind] = v;
          if (v !== 0) flat.set(statKey(code, ind), v);
        }
      }
    }
    return { own, totals: rollUp(flat) };
  },

  async readAllTotals(trx: Tx): Promise<Map<string, number>> {
    const rows = await trx.selectFrom('stats_total').select(['region_code', 'indicator', 'value']).execute();
    return new Map(rows.filter((r) => Number(r.value) !== 0).map((r) => [statKey(r.region_code, r.indicator), Number(r.value)]));
  },

  /** Replaces all own counts and totals with a full recount, and writes today's history. */
  async replaceAll(trx: Tx, own: OwnCounts, totals: Map<string, number>, day: string): Promise<void> {
    await lockFigures(trx);
    await trx.deleteFrom('stats_own').execute();
    await trx.deleteFrom('stats_total').execute();
    // The recount covers what the log held.
    await trx.deleteFrom('stats_delta').execute();
    const ownRows = [...own].flatMap(([region_code, values]) => Object.entries(values).filter(([, v]) => v !== 0).map(([indicator, value]) => ({ region_code, indicator, value })));
    for (const chunk of chunksOf(ownRows)) await trx.insertInto('stats_own').values(chunk).execute();
    for (const chunk of chunksOf(keyedRows(totals))) await trx.insertInto('stats_total').values(chunk).execute();
    await trx.deleteFrom('stats_history').where('day', '=', day).execute();
    await sql`insert into stats_history (region_code, indicator, day, value) select region_code, indicator, ${day}, value from stats_total`.execute(trx);
  },

  async totals(db: Tx, code: string): Promise<Record<string, number>> {
    const rows = await db.selectFrom('stats_total').select(['indicator', 'value']).where('region_code', '=', code).execute();
    return Object.fromEntries(rows.map((r) => [r.indicator, Number(r.value)]));
  },

  /** Each indicator's total at the end of `day`: its latest history row on or before that day. */
  async totalsAsOf(db: Tx, code: string, day: string): Promise<Record<string, number>> {
    const { rows } = await sql<{ indicator: string; value: number }>`
      select h.indicator, h.value from stats_history h
      where h.region_code = ${code} and h.day = (
        select max(h2.day) from stats_history h2 where h2.region_code = h.region_code and h2.indicator = h.indicator and h2.day <= ${day})`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.indicator, Number(r.value)]));
  },

  /** Totals of every child region of `code`, by child. */
  async childTotals(db: Tx, code: string): Promise<{ code: string; name: string; values: Record<string, number> }[]> {
    const rows = await db
      .selectFrom('regions as r')
      .leftJoin('stats_total as t', 't.region_code', 'r.code')
      .select(['r.code', 'r.name', 't.indicator', 't.value'])
      .where('r.parent_code', '=', code)
      .orderBy('r.code')
      .execute();
    const out = new Map<string, { code: string; name: string; values: Record<string, number> }>();
    for (const r of rows) {
      const e = out.get(r.code) ?? out.set(r.code, { code: r.code, name: r.name, values: {} }).get(r.code)!;
      if (r.indicator) e.values[r.indicator] = Number(r.value);
    }
    return [...out.values()];
  },

  /** Totals of every child region of `code` at the end of `day`, from the daily history. */
  async childTotalsAsOf(db: Tx, code: string, day: string): Promise<{ code: string; name: string; values: Record<string, number> }[]> {
    const children = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', code).orderBy('code').execute();
    const out = new Map(children.map((c) => [c.code, { code: c.code, name: c.name, values: {} as Record<string, number> }]));
    const { rows } = await sql<{ region_code: string; indicator: string; value: number }>`
      select h.region_code, h.indicator, h.value from stats_history h
      join regions r on r.code = h.region_code
      where r.parent_code = ${code} and h.day = (
        select max(h2.day) from stats_history h2 where h2.region_code = h.region_code and h2.indicator = h.indicator and h2.day <= ${day})`.execute(db);
    for (const r of rows) {
      const e = out.get(r.region_code);
      if (e) e.values[r.indicator] = Number(r.value);
    }
    return [...out.values()];
  },

  /** Daily series of some indicators of a region between two days (inclusive), one row per day with a change. */
  async series(db: Tx, code: string, indicators: string[], from: string, to: string) {
    const rows = await db
      .selectFrom('stats_history')
      .select(['indicator', 'day', 'value'])
      .where('region_code', '=', code)
      .where('indicator', 'in', indicators)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({ indicator: r.indicator, day: r.day, value: Number(r.value) }));
  },
};
