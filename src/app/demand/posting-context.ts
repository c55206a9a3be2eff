import { minimumWageFor, povertyLineMonthlyFen } from '../../domain/demand/minimum-wage.ts';
import type { PostingContext } from '../../domain/demand/posting-rules.ts';
import { minimumWagesRepository } from '../../store/repositories/minimum-wages.repository.ts';
import type { Tx } from '../context.ts';

/** Loads the minimum-wage setup and poverty line once, for any number of postings checked after. */
export async function postingContextLoader(db: Tx): Promise<(regionCode: string, startDate: string) => PostingContext> {
  const [setup, yearly] = await Promise.all([minimumWagesRepository.setup(db), minimumWagesRepository.povertyLineYuanPerYear(db)]);
  const poverty = povertyLineMonthlyFen(yearly);
  return (regionCode, startDate) => ({ minimumWageFen: minimumWageFor(setup, regionCode, startDate)?.monthlyFen ?? null, povertyLineMonthlyFen: poverty });
}
