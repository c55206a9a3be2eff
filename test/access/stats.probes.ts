import type { Probe } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

export const statsProbes: Record<string, Probe> = {
  'GET /api/v1/stats': { kind: 'scoped', probe: async (f) => ({ res: await f.officerA.get(`/api/v1/stats?region=${COUNTY_B}`), leaked: false }) },
  'GET /api/v1/stats/children': { kind: 'scoped', probe: async (f) => ({ res: await f.officerA.get(`/api/v1/stats/children?region=${COUNTY_B}`), leaked: false }) },
  'GET /api/v1/stats/series': { kind: 'scoped', probe: async (f) => ({ res: await f.officerA.get(`/api/v1/stats/series?region=${COUNTY_B}&indicators=laborers&from=2020-01-01&to=2030-01-01`), leaked: false }) },
  'GET /api/v1/stats/report.xlsx': { kind: 'scoped', probe: async (f) => ({ res: await f.officerA.get(`/api/v1/stats/report.xlsx?region=${COUNTY_B}`), leaked: false }) },
  'GET /api/v1/stats/indicators': { kind: 'reference', why: 'indicator definitions are the same for every region' },
};
