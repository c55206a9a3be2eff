import { sql, type RawBuilder } from 'kysely';
import { groupedCounts, type StatsFamily } from './family.ts';

const count = (cond: string) => sql.raw(`sum(case when ${cond} then 1 else 0 end)`);

/** One query text for both uses: grouped by village for a recount, by record for a counted write. */
export const personsQuery = (key: 'village' | 'record') => (filter: RawBuilder<unknown>) => sql<Record<string, unknown>>`
  select ${sql.raw(key === 'village' ? 'p.village_code as code' : 'p.id as id, p.village_code as code')},
    count(*) as laborers,
    ${count(`h.category = 'lifted'`)} as laborers_lifted,
    ${count(`h.category = 'monitored'`)} as laborers_monitored,
    ${count(`h.category = 'none'`)} as laborers_none,
    ${count('h.relocated')} as laborers_relocated,
    ${count(`p.employment_status = 'seeking'`)} as willing_to_work,
    ${count('p.training_wish is not null')} as willing_to_train,
    ${count(`p.employment_status in ('employed_county', 'employed_province', 'employed_outside', 'public_welfare', 'self_employed')`)} as at_work,
    ${count(`p.employment_status = 'employed_county'`)} as at_work_county,
    ${count(`p.employment_status = 'employed_province'`)} as at_work_province,
    ${count(`p.employment_status = 'employed_outside'`)} as at_work_outside,
    ${count(`p.employment_status = 'public_welfare'`)} as at_work_public_welfare,
    ${count(`p.employment_status = 'self_employed'`)} as at_work_self_employed,
    ${count(`p.verification_status <> 'unverified'`)} as persons_verified
  from persons p join households h on h.id = p.household_id
  where p.deleted_at is null and ${filter}
  group by ${sql.raw(key === 'village' ? 'p.village_code' : 'p.id, p.village_code')}`;

export const personsFamily: StatsFamily = {
  name: 'persons',
  indicators: ['laborers', 'laborers_lifted', 'laborers_monitored', 'laborers_none', 'laborers_relocated', 'willing_to_work', 'willing_to_train', 'at_work', 'at_work_county', 'at_work_province', 'at_work_outside', 'at_work_public_welfare', 'at_work_self_employed', 'persons_verified'],
  recount: (trx, codes) => groupedCounts(trx, codes, personsQuery('village'), 'p.village_code'),
  rows: {
    of: 'persons',
    reads: {
      persons: ['id', 'household_id', 'village_code', 'deleted_at', 'employment_status', 'training_wish', 'verification_status'],
      households: ['id', 'category', 'relocated'],
    },
    query: personsQuery('record'),
    idColumn: 'p.id',
  },
};

export const householdsQuery = (key: 'village' | 'record') => (filter: RawBuilder<unknown>) => sql<Record<string, unknown>>`
  select ${sql.raw(key === 'village' ? 'h.village_code as code' : 'h.id as id, h.village_code as code')},
    count(*) as households,
    ${count(`h.member_count > 0 and not exists (select 1 from persons p where p.household_id = h.id and p.deleted_at is null and p.verification_status = 'unverified')`)} as households_verified,
    ${count('h.zero_employment')} as households_zero_employment
  from households h
  where h.deleted_at is null and ${filter}
  group by ${sql.raw(key === 'village' ? 'h.village_code' : 'h.id, h.village_code')}`;

export const householdsFamily: StatsFamily = {
  name: 'households',
  indicators: ['households', 'households_verified', 'households_zero_employment'],
  recount: (trx, codes) => groupedCounts(trx, codes, householdsQuery('village'), 'h.village_code'),
  rows: {
    of: 'households',
    reads: {
      persons: ['household_id', 'deleted_at', 'verification_status'],
      households: ['id', 'village_code', 'deleted_at', 'member_count', 'zero_employment'],
    },
    query: householdsQuery('record'),
    idColumn: 'h.id',
  },
};
