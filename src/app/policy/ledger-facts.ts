import type { CompiledPolicy } from '../../domain/policy/rule.ts';
import type { FactRecord } from '../../domain/policy/simulate.ts';
import { ledgerFactsRepository } from '../../store/repositories/policy-facts.repository.ts';
import type { App } from '../context.ts';
import type { FactSource } from './simulate.ts';

/**
 * Facts the labor-force ledger holds about each person: the household's poverty category and
 * relocation flag, the home village, and for people on a public-welfare post its pay and place.
 * Facts of events the ledger does not record (a hire, a trip's cost) come from `assume` or are
 * counted as incomplete.
 */
export function ledgerFactSource(app: App, batchSize = 20_000): FactSource {
  return {
    name: 'labor-force ledger (persons and households)',
    async *batches(_policy: CompiledPolicy, region: string): AsyncIterable<FactRecord[]> {
      let after = 0;
      for (;;) {
        const rows = await ledgerFactsRepository.page(app.database.db, region, after, batchSize);
        if (!rows.length) return;
        after = rows[rows.length - 1].id;
        yield rows.map((r) => {
          const facts: Record<string, unknown> = { personCategory: r.category, personRelocated: r.relocated, homeRegion: r.villageCode };
          if (r.employmentStatus === 'public_welfare') {
            facts.postRegion = r.villageCode;
            if (r.monthlyIncomeYuan != null) facts.monthlyPay = r.monthlyIncomeYuan;
          }
          return { regionCode: r.villageCode, facts };
        });
        if (rows.length < batchSize) return;
      }
    },
  };
}
