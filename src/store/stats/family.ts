import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../app/context.ts';

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
}

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
