import type { Database } from '../../src/store/database.ts';
import { bulkUpsert, type BulkTable } from '../../src/store/bulk.ts';
import { BUILTIN_OCCUPATIONS } from '../../src/domain/occupations/catalog.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';
import { POST_TYPES } from '../../src/domain/demand/vocabulary.ts';

/**
 * Synthetic demand at province scale: `employers` employers and `postings` postings (a share of
 * them open), placed in the loaded regions (villages, towns, counties of the province) and in a few
 * cities of other provinces, written through the same bulk path as the imports.
 */
export interface JobBoardDataOptions {
  employers: number;
  postings: number;
  /** Share of postings that are open (the rest draft/filled/closed). */
  openShare: number;
  seed: number;
}

function rng(seed: number) {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTSIDE = ['440305', '440306', '320583', '370211', '610116', '610881'];
const col = (name: string, pgType: string) => ({ name, pgType });

const EMPLOYERS: BulkTable = {
  table: 'employers',
  columns: [col('name', 'text'), col('credit_code', 'text'), col('region_code', 'text'), col('scope_code', 'text'), col('operating_status', 'text'), col('employees_total', 'int'), col('poor_employees', 'int'), col('created_at', 'text'), col('updated_at', 'text')],
  key: ['credit_code'],
};
const POSTINGS: BulkTable = {
  table: 'postings',
  columns: [
    col('id', 'bigint'), col('employer_id', 'bigint'), col('title', 'text'), col('occupation_code', 'text'), col('post_type', 'text'), col('openings', 'int'), col('filled', 'int'), col('pay_min_fen', 'bigint'), col('pay_max_fen', 'bigint'),
    col('region_code', 'text'), col('province_code', 'text'), col('city_code', 'text'), col('county_code', 'text'), col('town_code', 'text'), col('scope_code', 'text'), col('start_date', 'text'), col('requirements', 'jsonb'),
    col('board', 'boolean'), col('lodging', 'boolean'), col('weak_labor_ok', 'boolean'), col('status', 'text'), col('created_at', 'text'), col('updated_at', 'text'),
  ],
  key: ['id'],
};

export async function generateJobBoardData(database: Database, regionCodes: string[], o: JobBoardDataOptions, progress?: (done: number) => void): Promise<void> {
  const rand = rng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const now = new Date().toISOString();
  const counties = regionCodes.filter((c) => c.length === 6);
  const employerRegion: string[] = [];
  const employerScope: string[] = [];
  let rows: unknown[][] = [];
  for (let i = 0; i < o.employers; i++) {
    const outside = rand() < 0.1;
    const region = outside ? pick(OUTSIDE) : pick(counties);
    const scope = outside ? pick(counties) : region;
    employerRegion.push(region);
    employerScope.push(scope);
    let body = `91${region}`;
    while (body.length < 17) body += CREDIT_CODE_ALPHABET[Math.floor(rand() * 31)];
    rows.push([`企业${i + 1}`, body + creditCodeCheckChar(body), region, scope, pick(['operating', 'operating', 'resumed', 'suspended']), 100, 10, now, now]);
    if (rows.length === 20_000) {
      await bulkUpsert(database, EMPLOYERS, rows);
      rows = [];
    }
  }
  await bulkUpsert(database, EMPLOYERS, rows);
  const occupations = BUILTIN_OCCUPATIONS.map((x) => x.code);
  const deepByCounty = new Map<string, string[]>();
  for (const c of regionCodes) if (c.length >= 9) deepByCounty.set(c.slice(0, 6), [...(deepByCounty.get(c.slice(0, 6)) ?? []), c]);
  const statuses = ['draft', 'filled', 'closed'];
  rows = [];
  for (let i = 0; i < o.postings; i++) {
    const e = Math.floor(rand() * o.employers);
    const outside = employerRegion[e].slice(0, 2) !== employerScope[e].slice(0, 2);
    const inside = deepByCounty.get(employerRegion[e]);
    const region = outside || !inside || rand() < 0.3 ? employerRegion[e] : pick(inside);
    const type = rand() < 0.6 ? 'regular' : pick(POST_TYPES);
    const payMin = 150000 + Math.floor(rand() * 60) * 10000;
    rows.push([
      i + 1, e + 1, `岗位${i + 1}`, pick(occupations), type, 1 + Math.floor(rand() * 30), 0, payMin, payMin + Math.floor(rand() * 30) * 10000,
      region, region.slice(0, 2), region.slice(0, 4), region.length >= 6 ? region.slice(0, 6) : null, region.length >= 9 ? region.slice(0, 9) : null, employerScope[e], '2026-03-01', '{"ageMin":18,"ageMax":55}',
      rand() < 0.5 ? 1 : 0, rand() < 0.3 ? 1 : 0, rand() < 0.1 ? 1 : 0, rand() < o.openShare ? 'open' : pick(statuses), now, now,
    ]);
    if (rows.length === 20_000) {
      await bulkUpsert(database, POSTINGS, rows);
      rows = [];
      progress?.(i + 1);
    }
  }
  await bulkUpsert(database, POSTINGS, rows);
}
