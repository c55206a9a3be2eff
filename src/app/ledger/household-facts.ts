import { householdFacts } from '../../domain/ledger/household.ts';
import type { EmploymentStatus, LaborCapacity } from '../../domain/ledger/vocabulary.ts';
import { fromBool } from '../../store/codec.ts';
import type { Tx } from '../context.ts';

/** The columns of a person the derived facts of its household depend on. */
export const HOUSEHOLD_FACT_INPUTS: ReadonlySet<string> = new Set(['household_id', 'birth_date', 'employment_status', 'labor_capacity', 'deleted_at']);

/**
 * Recomputes the derived facts (members, working-age, employed, zero-employment) of the given
 * households from their live members, in the caller's transaction, as of `on` (YYYY-MM-DD).
 */
export async function refreshHouseholdFacts(trx: Tx, householdIds: number[], on: string = new Date().toISOString().slice(0, 10)): Promise<void> {
  const ids = [...new Set(householdIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const members = await trx
      .selectFrom('persons')
      .select(['household_id', 'birth_date', 'employment_status', 'labor_capacity'])
      .where('household_id', 'in', chunk)
      .where('deleted_at', 'is', null)
      .execute();
    const byHousehold = new Map<number, typeof members>();
    for (const m of members) {
      const k = Number(m.household_id);
      (byHousehold.get(k) ?? byHousehold.set(k, []).get(k)!).push(m);
    }
    for (const id of chunk) {
      const f = householdFacts(
        (byHousehold.get(id) ?? []).map((m) => ({ birthDate: m.birth_date, employmentStatus: m.employment_status as EmploymentStatus, laborCapacity: m.labor_capacity as LaborCapacity })),
        on,
      );
      await trx
        .updateTable('households')
        .set({ member_count: f.members, working_age_count: f.workingAge, employed_count: f.employed, zero_employment: fromBool(f.zeroEmployment) })
        .where('id', '=', id)
        .execute();
    }
  }
}
