import { householdFacts, type HouseholdFacts } from '../../domain/ledger/household.ts';
import { householdsRepository } from '../../store/repositories/households.repository.ts';
import type { Tx } from '../context.ts';

/** The columns of a person the derived facts of its household depend on. */
export const HOUSEHOLD_FACT_INPUTS: ReadonlySet<string> = new Set(['household_id', 'birth_date', 'employment_status', 'labor_capacity', 'deleted_at']);

const sameFacts = (a: HouseholdFacts, b: HouseholdFacts) =>
  a.members === b.members && a.workingAge === b.workingAge && a.employed === b.employed && a.zeroEmployment === b.zeroEmployment;

/**
 * Recomputes the derived facts (members, working-age, employed, zero-employment) of the given
 * households from their live members, in the caller's transaction, as of `on` (YYYY-MM-DD). A
 * household whose facts did not move is not written.
 */
export async function refreshHouseholdFacts(trx: Tx, householdIds: number[], on: string = new Date().toISOString().slice(0, 10)): Promise<void> {
  const ids = [...new Set(householdIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const current = await householdsRepository.factsWithMembers(trx, chunk);
    for (const id of chunk) {
      const h = current.get(id);
      if (!h) continue;
      const f = householdFacts(h.members, on);
      if (!sameFacts(f, h.stored)) await householdsRepository.setFacts(trx, id, f);
    }
  }
}
