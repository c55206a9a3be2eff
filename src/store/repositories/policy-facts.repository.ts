import type { Tx } from '../../app/context.ts';
import { toBool } from '../codec.ts';
import { inRegion } from '../region-prefix.ts';

export interface PersonFactsRow {
  id: number;
  villageCode: string;
  category: string;
  relocated: boolean;
  employmentStatus: string;
  monthlyIncomeYuan: number | null;
}

/** Reads the Ledger module's persons and households for policy simulation (read only, keyset-paged). */
export const ledgerFactsRepository = {
  async page(db: Tx, within: string, afterId: number, limit: number): Promise<PersonFactsRow[]> {
    const rows = await db
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select(['p.id', 'p.village_code', 'h.category', 'h.relocated', 'p.employment_status', 'p.monthly_income_yuan'])
      .where('p.deleted_at', 'is', null)
      .where('h.deleted_at', 'is', null)
      .where('p.id', '>', afterId)
      .$if(within !== '', (q) => q.where((eb) => inRegion(eb, 'p.village_code', within)))
      .orderBy('p.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), villageCode: r.village_code, category: r.category, relocated: toBool(r.relocated), employmentStatus: r.employment_status, monthlyIncomeYuan: r.monthly_income_yuan == null ? null : Number(r.monthly_income_yuan) }));
  },
};
