import { minimumWageFor } from '../../domain/demand/minimum-wage.ts';
import { minimumWagesRepository } from '../../store/repositories/minimum-wages.repository.ts';
import type { Tx } from '../context.ts';

/** Where a policy finds the local monthly minimum wage when the caller does not give it. */
export interface MinimumWageSource {
  /** Monthly minimum wage in fen for a region on a date, or undefined when no table covers it. */
  monthlyFen(regionCode: string, date: string): number | undefined;
}

/** The Demand module's minimum-wage table (provincial tables by class, county classes, default class), read once. */
export async function demandMinimumWages(db: Tx): Promise<MinimumWageSource> {
  const setup = await minimumWagesRepository.setup(db);
  return { monthlyFen: (region, date) => minimumWageFor(setup, region, date)?.monthlyFen };
}
