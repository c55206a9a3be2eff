import { splitStatKey } from '../store/stats/family.ts';
import type { Tx } from './context.ts';

/**
 * Which regions a transaction changed records in, so figures kept per region (statistics) can be
 * brought up to date inside the same transaction before it commits. Every audited write notes its
 * region automatically (see audit.ts); a write that moves a record between regions notes both.
 *
 * A write that knows exactly how it changed the figures (see `countedWrite` in app/stats) hands in
 * the differences instead, and its region notes are not taken: a recount of a large village costs
 * far more than the write itself.
 */
interface Pending {
  regions: Set<string>;
  /** `region\0indicator` → difference, from counted writes. */
  deltas: Map<string, number>;
  /** While above zero, region notes come from a counted write and are covered by its differences. */
  counting: number;
}
const pending = new WeakMap<object, Pending>();

/** What a transaction changed: regions whose figures must be recounted, and differences already counted elsewhere. */
export interface RegionChanges {
  recount: string[];
  /** Differences for regions outside `recount` (a recount covers everything in its region). */
  deltas: Map<string, number>;
}

export type RegionChangeHandler = (trx: Tx, changes: RegionChanges) => Promise<void>;
const handlers: RegionChangeHandler[] = [];

/** Registers work to run, in the writing transaction, for the regions it changed. */
export function onRegionsChanged(handler: RegionChangeHandler): void {
  handlers.push(handler);
}

function stateOf(trx: Tx): Pending {
  let s = pending.get(trx);
  if (!s) pending.set(trx, (s = { regions: new Set(), deltas: new Map(), counting: 0 }));
  return s;
}

export function noteRegionsChanged(trx: Tx, codes: (string | null | undefined)[]): void {
  const s = pending.get(trx);
  if (s && s.counting > 0) return;
  for (const c of codes) if (c) stateOf(trx).regions.add(c);
}

/**
 * Runs `write` as a counted write: the region notes it makes are dropped, and `count` (run after it)
 * returns the exact differences it made, keyed `region\0indicator`. Every change of counted figures
 * `write` makes must be in those differences.
 */
export async function countedChange<T>(trx: Tx, write: () => Promise<T>, count: () => Promise<Map<string, number>>): Promise<T> {
  const s = stateOf(trx);
  s.counting++;
  let result: T;
  try {
    result = await write();
  } finally {
    s.counting--;
  }
  for (const [k, d] of await count()) if (d !== 0) s.deltas.set(k, (s.deltas.get(k) ?? 0) + d);
  return result;
}

/** Runs the handlers for what `trx` changed; called by `inTransaction` before commit, and by bulk paths per batch. */
export async function flushRegionChanges(trx: Tx): Promise<void> {
  const s = pending.get(trx);
  if (!s || (s.regions.size === 0 && s.deltas.size === 0)) return;
  pending.delete(trx);
  const recount = [...s.regions].sort();
  const deltas = new Map<string, number>();
  for (const [k, d] of s.deltas) if (d !== 0 && !s.regions.has(splitStatKey(k)[0])) deltas.set(k, d);
  for (const h of handlers) await h(trx, { recount, deltas });
}

const deferHandlers: ((trx: Tx, codes: string[]) => Promise<void>)[] = [];

/** Registers where bulk loads queue the regions they changed, for a recount when the load ends. */
export function onRegionsDeferred(handler: (trx: Tx, codes: string[]) => Promise<void>): void {
  deferHandlers.push(handler);
}

/**
 * For bulk loads: queues the regions a batch changed in the batch's own transaction instead of
 * recounting them per batch (a county-wide load would otherwise recount the county every batch).
 */
export async function deferRegionChanges(trx: Tx, codes: string[]): Promise<void> {
  for (const h of deferHandlers) await h(trx, codes);
}
