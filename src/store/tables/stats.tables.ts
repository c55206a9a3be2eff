import type { Generated } from 'kysely';

export interface StatsValueTable {
  region_code: string;
  indicator: string;
  value: number;
}

export interface StatsHistoryTable extends StatsValueTable {
  day: string;
}

declare module '../schema.ts' {
  interface DB {
    stats_own: StatsValueTable;
    stats_total: StatsValueTable;
    stats_history: StatsHistoryTable;
    stats_pending: { region_code: string };
    stats_delta: StatsHistoryTable & { id: Generated<number> };
  }
}
