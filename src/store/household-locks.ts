import type { Tx } from '../app/context.ts';

const held = new WeakMap<object, Set<number>>();

/** The households whose rows a transaction has locked so far (PostgreSQL), so none is locked twice. */
export function lockedHouseholds(trx: Tx): Set<number> {
  let s = held.get(trx);
  if (!s) held.set(trx, (s = new Set()));
  return s;
}
