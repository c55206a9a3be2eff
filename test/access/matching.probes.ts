import { createReferral, transitionReferral } from '../../src/app/matching/referrals.ts';
import { setReturnDate } from '../../src/app/matching/employments.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { seedEmployer, seedPerson, seedPosting } from '../matching/seed.ts';
import type { Probe, Setup } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

/** County B: a person looking for work, a posting managed there, a referral taken to a hire, the county's return date. */
export const matchingSetup: Setup = async (f) => {
  const app = f.server.jiuye;
  const employer = await seedEmployer(app, { regionCode: COUNTY_B });
  f.ids.matchPersonB = await seedPerson(app, { villageCode: '141127100003' });
  f.ids.matchPostingB = await seedPosting(app, employer, { regionCode: '141127100', scopeCode: COUNTY_B, openings: 3 });
  const hiredPerson = await seedPerson(app, { villageCode: '141127100003' });
  const r = await createReferral(app, SYSTEM_ACTOR, { personId: hiredPerson, postingId: Number(f.ids.matchPostingB) });
  await transitionReferral(app, SYSTEM_ACTOR, r.id, { to: 'hired', note: 'setup' });
  await transitionReferral(app, SYSTEM_ACTOR, r.id, { to: 'at_work', note: 'setup' });
  const open = await createReferral(app, SYSTEM_ACTOR, { personId: Number(f.ids.matchPersonB), postingId: Number(f.ids.matchPostingB) });
  f.ids.referralB = open.id;
  await setReturnDate(app, SYSTEM_ACTOR, COUNTY_B, { since: '2020-02-01' });
};

const referralB = async (f: Parameters<Setup>[0]) => (await f.officerB.get(`/api/v1/referrals/${f.ids.referralB}`)).body;

export const matchingProbes: Record<string, Probe> = {
  'GET /api/v1/persons/:id/recommendations': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/persons/${f.ids.matchPersonB}/recommendations`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/postings/:id/candidates': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/postings/${f.ids.matchPostingB}/candidates`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/referrals': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/referrals?region=${COUNTY_B}`);
      const all = await f.officerA.get('/api/v1/referrals?limit=500');
      return { res, leaked: all.body.items.some((r: any) => r.villageCode.startsWith(COUNTY_B)) };
    },
  },
  'POST /api/v1/referrals': {
    kind: 'scoped',
    probe: async (f) => {
      const before = await f.officerB.get(`/api/v1/referrals?personId=${f.ids.matchPersonB}`);
      const res = await f.officerA.post('/api/v1/referrals', { personId: f.ids.matchPersonB, postingId: f.ids.matchPostingB, source: 'application' });
      const after = await f.officerB.get(`/api/v1/referrals?personId=${f.ids.matchPersonB}`);
      return { res, leaked: after.body.items.length !== before.body.items.length };
    },
  },
  'GET /api/v1/referrals/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/referrals/${f.ids.referralB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'POST /api/v1/referrals/:id/transitions': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/referrals/${f.ids.referralB}/transitions`, { to: 'contacted', note: 'probe' });
      return { res, leaked: (await referralB(f)).status !== 'recommended' };
    },
  },
  'GET /api/v1/employments': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/employments?region=${COUNTY_B}`);
      const all = await f.officerA.get('/api/v1/employments?limit=500');
      return { res, leaked: all.body.items.some((e: any) => e.villageCode.startsWith(COUNTY_B)) };
    },
  },
  'GET /api/v1/employments/returned-to-work': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/employments/returned-to-work?region=${COUNTY_B}`);
      const all = await f.officerA.get('/api/v1/employments/returned-to-work');
      return { res, leaked: all.body.byCounty.some((c: any) => c.countyCode === COUNTY_B) };
    },
  },
  'GET /api/v1/return-to-work-dates/:county': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/return-to-work-dates/${COUNTY_B}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'PUT /api/v1/return-to-work-dates/:county': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.put(`/api/v1/return-to-work-dates/${COUNTY_B}`, { since: '2030-01-01' });
      const now = await f.officerB.get(`/api/v1/return-to-work-dates/${COUNTY_B}`);
      return { res, leaked: now.body.since !== '2020-02-01' };
    },
  },
};
