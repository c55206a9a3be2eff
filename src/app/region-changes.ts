import type { Tx } from './context.ts';

/**
 * Which regions a transaction changed records in, so figures kept per region (statistics) can be
 * brought up to date inside the same transaction before it commits. Every audited write notes its
 * region automatically (see audit.ts); a write that moves a record between regions notes both.
 */
const pending = new WeakMap<object, Set<string>>();

export type RegionChangeHandler = (trx: Tx, regionCodes: string[]) => Promise<void>;
const handlers: RegionChangeHandler[] = [];

/** Registers work to run, in the writing transaction, for the regions it changed. */
export function onRegionsChanged(handler: RegionChangeHandler): void {
  handlers.push(handler);
}

export function noteRegionsChanged(trx: Tx, codes: (string | null | undefined)[]): void {
  let set = pending.get(trx);
  for (const c of codes) {
    if (!c) continue;
    if (!set) pending.set(trx, (set = new Set()));
    set.add(c);
  }
}

/** Runs the handlers for what `trx` changed; called by `inTransaction` before commit, and by bulk paths per batch. */
export async function flushRegionChanges(trx: Tx): Promise<void> {
  const set = pending.get(trx);
  if (!set || set.size === 0) return;
  pending.delete(trx);
  const codes = [...set].sort();
  for (const h of handlers) await h(trx, codes);
}

const deferHandlers: RegionChangeHandler[] = [];

/** Registers where bulk loads queue the regions they changed, for a recount when the load ends. */
export function onRegionsDeferred(handler: RegionChangeHandler): void {
  deferHandlers.push(handler);
}

/**
 * For bulk loads: queues the regions a batch changed in the batch's own transaction instead of
 * recounting them per batch (a county-wide load would otherwise recount the county every batch).
 */
export async function deferRegionChanges(trx: Tx, codes: string[]): Promise<void> {
  for (const h of deferHandlers) await h(trx, codes);
}
