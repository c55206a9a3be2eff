import { householdsRepository } from '../../store/repositories/households.repository.ts';
import { STATS_FAMILIES } from '../../store/stats/families.ts';
import { recordCounts, statKey, type LedgerTable, type RowCounts } from '../../store/stats/family.ts';
import type { Tx } from '../context.ts';
import { countedChange } from '../region-changes.ts';

export interface CountedRecords {
  persons?: number[];
  households?: number[];
}

const ROW_FAMILIES = STATS_FAMILIES.filter((f) => f.rows);

const READS: Record<LedgerTable, Set<string>> = {
  persons: new Set(ROW_FAMILIES.flatMap((f) => f.rows!.reads.persons)),
  households: new Set(ROW_FAMILIES.flatMap((f) => f.rows!.reads.households)),
};

/** Whether changing these columns of a `table` record can move a figure kept by difference. */
export function movesFigures(table: LedgerTable, columns: string[]): boolean {
  return columns.some((c) => READS[table].has(c));
}

/**
 * Runs a write of persons and households that moves no figure (`movesFigures` said so for what it
 * changes): the regions its audit notes are not recounted, and nothing is counted.
 */
export function uncountedWrite<T>(trx: Tx, write: () => Promise<T>): Promise<T> {
  return countedChange(trx, write, async () => new Map());
}

function snapshot(trx: Tx, ids: CountedRecords): Promise<RowCounts[]> {
  return recordCounts(trx, ROW_FAMILIES.map((f) => ({ family: f, ids: ids[f.rows!.of] ?? [] })));
}

/**
 * Runs a write that changes only the persons and households named (and records no family counts
 * by region, such as referrals or trips) and keeps the figures by difference: what those records
 * contributed before and after, by the same expressions a recount uses, instead of recounting their
 * villages. The households are locked first, so a concurrent write to another member cannot slip
 * between the two counts (a household counts as verified only when all its members are).
 */
export async function countedWrite<T>(trx: Tx, ids: CountedRecords, write: () => Promise<T>): Promise<T> {
  const households = [...new Set(ids.households ?? [])].sort((a, b) => a - b);
  await householdsRepository.lockForChange(trx, households);
  const records = { persons: [...new Set(ids.persons ?? [])], households };
  const before = await snapshot(trx, records);
  return countedChange(trx, write, async () => {
    const after = await snapshot(trx, records);
    const deltas = new Map<string, number>();
    const add = (rows: RowCounts, sign: number) => {
      for (const { code, values } of rows.values()) for (const [ind, v] of Object.entries(values)) if (v) deltas.set(statKey(code, ind), (deltas.get(statKey(code, ind)) ?? 0) + sign * v);
    };
    before.forEach((rows) => add(rows, -1));
    after.forEach((rows) => add(rows, 1));
    return deltas;
  });
}
