import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { isPostgres } from '../engine.ts';
import { executeByKey, reusableQuery } from '../reusable-query.ts';

/** The key of one figure, a region's indicator, in maps of figures and differences. */
export const statKey = (code: string, indicator: string): string => `${code}\u0000${indicator}`;

/** The region and indicator of a figure's key. */
export function splitStatKey(key: string): [region: string, indicator: string] {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}

/** The ledger tables whose records a family can count one by one. */
export type LedgerTable = 'persons' | 'households';

/** Own counts per region code, indicator → value. */
export type OwnCounts = Map<string, Record<string, number>>;

/**
 * A family of indicators counted by one query over one kind of record. `codes` limits the count to
 * records attached to those region codes; without it, every region is counted (for rebuild and verify).
 */
export interface StatsFamily {
  name: string;
  indicators: string[];
  recount(trx: Tx, codes?: string[]): Promise<OwnCounts>;
  /**
   * What single records contribute, by the same expressions as `recount`: record id → its region
   * and values (a deleted record is absent). Families with it can be kept by differences.
   */
  rows?: {
    of: LedgerTable;
    /** The columns of each ledger table the figures read: a change to none of them moves no figure. */
    reads: Record<LedgerTable, string[]>;
    /** One row per record (`id`, `code` and the numeric columns) for the records `filter` keeps, which names `idColumn`. */
    query: (filter: RawBuilder<unknown>) => RawBuilder<Record<string, unknown>>;
    idColumn: string;
  };
}

/** Record id → the region it counts in and what it adds to each indicator. */
export type RowCounts = Map<number, { code: string; values: Record<string, number> }>;

/** Runs a grouped count query in chunks of codes and collects numeric columns other than `code`. */
export async function groupedCounts(trx: Tx, codes: string[] | undefined, query: (filter: RawBuilder<unknown>) => RawBuilder<Record<string, unknown>>, codeColumn: string): Promise<OwnCounts> {
  const out: OwnCounts = new Map();
  const chunks = codes ? Array.from({ length: Math.ceil(codes.length / 500) }, (_, i) => codes.slice(i * 500, i * 500 + 500)) : [undefined];
  for (const chunk of chunks) {
    const filter = chunk ? sql`${sql.ref(codeColumn)} in (${sql.join(chunk)})` : sql`1 = 1`;
    const { rows } = await query(filter).execute(trx);
    for (const r of rows) {
      const { code, ...values } = r as Record<string, unknown>;
      const rec: Record<string, number> = {};
      for (const [k, v] of Object.entries(values)) rec[k] = Number(v ?? 0);
      out.set(String(code), rec);
    }
  }
  return out;
}

type RecordQuery = NonNullable<StatsFamily['rows']>;

const idsIn = (q: RecordQuery, ids: number[]) => q.query(sql`${sql.ref(q.idColumn)} in (${sql.join(ids)})`);

function addRecord(out: RowCounts, r: Record<string, unknown>): void {
  const { id, code, ...values } = r;
  const rec: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) rec[k] = Number(v ?? 0);
  out.set(Number(id), { code: String(code), values: rec });
}

/** Up to this many ids a family, a count statement is compiled once per shape: compiling one costs about what running it does. */
const SHAPED_IDS = 8;
const shaped = new Map<string, ReturnType<typeof shapedQuery>>();

const shapedQuery = (build: (ids: number[]) => RawBuilder<Record<string, unknown>>) =>
  reusableQuery((db: Tx, ...ids: number[]) => ({ compile: () => build(ids).compile(db) }));

/** Runs the statement `build` makes for `ids`, built once per `shape` (which statement, how many ids) as a reusable query. */
function runShaped(trx: Tx, shape: string, ids: number[], build: (ids: number[]) => RawBuilder<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  let q = shaped.get(shape);
  if (!q) shaped.set(shape, (q = shapedQuery(build)));
  return q.all(trx, ...ids);
}

/** Runs a family's per-record count query for some ids. */
async function rowCounts(trx: Tx, f: StatsFamily, ids: number[]): Promise<RowCounts> {
  const q = f.rows!;
  const out: RowCounts = new Map();
  if (ids.length <= SHAPED_IDS) {
    for (const r of await runShaped(trx, `${f.name}:${ids.length}`, ids, (x) => idsIn(q, x))) addRecord(out, r);
    return out;
  }
  for (let i = 0; i < ids.length; i += 500) {
    const { rows } = await executeByKey(trx, idsIn(q, ids.slice(i, i + 500)));
    for (const r of rows) addRecord(out, r as Record<string, unknown>);
  }
  return out;
}

/**
 * What the records named contribute to each family that counts records one by one (`parts[i]` →
 * result `i`; a family with no ids gets an empty map). On PostgreSQL the usual few records of an
 * edit are counted by one statement for every family, each row as JSON: the counts are taken before
 * and after every counted write, and a round trip to the server costs more there than the count.
 */
export async function recordCounts(trx: Tx, parts: { family: StatsFamily; ids: number[] }[]): Promise<RowCounts[]> {
  const asked = parts.map((p, i) => ({ ...p, i })).filter((p) => p.ids.length);
  const out = parts.map((): RowCounts => new Map());
  if (isPostgres(trx) && asked.length > 1 && asked.every((p) => p.ids.length <= SHAPED_IDS)) {
    const union = (ids: number[]) => {
      let at = 0;
      const selects = asked.map((p) => sql`select ${sql.lit(p.i)} as part, to_jsonb(q) as r from (${idsIn(p.family.rows!, ids.slice(at, (at += p.ids.length)))}) q`);
      return sql<Record<string, unknown>>`${sql.join(selects, sql` union all `)}`;
    };
    const shape = asked.map((p) => `${p.i}/${p.family.name}:${p.ids.length}`).join(',');
    for (const { part, r } of await runShaped(trx, shape, asked.flatMap((p) => p.ids), union)) addRecord(out[Number(part)]!, r as Record<string, unknown>);
    return out;
  }
  for (const p of asked) out[p.i] = await rowCounts(trx, p.family, p.ids);
  return out;
}
