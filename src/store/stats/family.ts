import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../app/context.ts';
import { executeByKey } from '../reusable-query.ts';

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
    count(trx: Tx, ids: number[]): Promise<RowCounts>;
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

/** Runs a per-record count query (one row per record: `id`, `code` and the numeric columns) for some ids. */
export async function rowCounts(trx: Tx, ids: number[], query: (filter: RawBuilder<unknown>) => RawBuilder<Record<string, unknown>>, idColumn: string): Promise<RowCounts> {
  const out: RowCounts = new Map();
  for (let i = 0; i < ids.length; i += 500) {
    const { rows } = await executeByKey(trx, query(sql`${sql.ref(idColumn)} in (${sql.join(ids.slice(i, i + 500))})`));
    for (const r of rows) {
      const { id, code, ...values } = r as Record<string, unknown>;
      const rec: Record<string, number> = {};
      for (const [k, v] of Object.entries(values)) rec[k] = Number(v ?? 0);
      out.set(Number(id), { code: String(code), values: rec });
    }
  }
  return out;
}
