import type { Probe, Setup } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

export const foundationSetup: Setup = async (f) => {
  const user = await f.officerB.post('/api/v1/users', { username: 'b-town', password: 'b-town-pass-1', role: 'town_commissioner', regionCode: '141127100' });
  f.ids.userB = user.body.id;
  const token = await f.officerB.post('/api/v1/auth/tokens', { name: 'b script' });
  f.ids.tokenB = token.body.id;
};

export const foundationProbes: Record<string, Probe> = {
  'POST /api/v1/auth/login': { kind: 'public', why: 'logging in is how an account starts' },
  'GET /api/v1/regions': { kind: 'reference', why: 'the region hierarchy is public reference data (NBS codes), not a county record' },
  'GET /api/v1/regions/:code': { kind: 'reference', why: 'the region hierarchy is public reference data (NBS codes), not a county record' },
  'POST /api/v1/auth/logout': { kind: 'self', why: 'ends only the caller’s own session (the cookie names it)' },
  'GET /api/v1/auth/me': { kind: 'self', why: 'returns the caller’s own account', probe: async (f) => ({ leaked: (await f.officerA.get('/api/v1/auth/me')).body.user.regionCode === COUNTY_B }) },
  'POST /api/v1/auth/password': { kind: 'self', why: 'changes the caller’s own password; there is no account parameter' },
  'GET /api/v1/auth/tokens': { kind: 'self', why: 'lists the caller’s own tokens', probe: async (f) => ({ leaked: (await f.officerA.get('/api/v1/auth/tokens')).body.items.some((t: any) => t.id === f.ids.tokenB) }) },
  'POST /api/v1/auth/tokens': { kind: 'self', why: 'creates a token for the caller only; there is no account parameter' },
  'DELETE /api/v1/auth/tokens/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.delete(`/api/v1/auth/tokens/${f.ids.tokenB}`);
      const still = await f.officerB.get('/api/v1/auth/tokens');
      return { res, leaked: still.body.items.find((t: any) => t.id === f.ids.tokenB)?.revokedAt != null };
    },
  },
  'GET /api/v1/users': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/users?region=${COUNTY_B}`);
      const all = await f.officerA.get('/api/v1/users');
      return { res, leaked: all.body.items.some((u: any) => u.regionCode.startsWith(COUNTY_B)) };
    },
  },
  'POST /api/v1/users': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/users', { username: 'intruder', password: 'intruder-pass-1', role: 'town_commissioner', regionCode: '141127100' });
      const list = await f.admin.get('/api/v1/users');
      return { res, leaked: list.body.items.some((u: any) => u.username === 'intruder') };
    },
  },
  'GET /api/v1/audit': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/audit?region=${COUNTY_B}`);
      const own = await f.officerA.get(`/api/v1/audit?entity=user&entityId=${f.ids.userB}`);
      return { res, leaked: own.body.items.length > 0 };
    },
  },
};
