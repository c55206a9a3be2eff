import { creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';
import type { Probe, Setup } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

function code(n: number): string {
  const body = `91${COUNTY_B}MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

const posting = (employerId: unknown) => ({ employerId, title: '保洁员', occupationCode: '4-09-08-01', postType: 'regular', openings: 3, payMinFen: 200000, payMaxFen: 250000, startDate: '2024-03-01', status: 'open' });

export const demandSetup: Setup = async (f) => {
  const e = await f.officerB.post('/api/v1/employers', { name: '岚县某合作社', creditCode: code(1), regionCode: COUNTY_B, operatingStatus: 'operating', employeesTotal: 12, poorEmployees: 4 });
  if (e.status !== 201) throw new Error(`demand setup: ${JSON.stringify(e.body)}`);
  f.ids.employerB = e.body.id;
  const p = await f.officerB.post('/api/v1/postings', posting(e.body.id));
  if (p.status !== 201) throw new Error(`demand setup: ${JSON.stringify(p.body)}`);
  f.ids.postingB = p.body.id;
  const c = await f.officerB.post('/api/v1/campaigns', { name: '岚县春风行动', regionCode: COUNTY_B, startsOn: '2024-02-01', endsOn: '2024-03-31' });
  if (c.status !== 201) throw new Error(`demand setup: ${JSON.stringify(c.body)}`);
  f.ids.campaignB = c.body.id;
  const ev = await f.officerB.post(`/api/v1/campaigns/${c.body.id}/events`, { kind: 'onsite_fair', name: '岚县专场招聘会', regionCode: COUNTY_B, heldOn: '2024-02-15', postingIds: [p.body.id] });
  if (ev.status !== 201) throw new Error(`demand setup: ${JSON.stringify(ev.body)}`);
  f.ids.eventB = ev.body.id;
};

const eventUrl = (f: Parameters<Setup>[0]) => `/api/v1/campaigns/${f.ids.campaignB}/events/${f.ids.eventB}`;
const eventNow = async (f: Parameters<Setup>[0]) => (await f.officerB.get(eventUrl(f))).body;

const employerUnchanged = async (f: Parameters<Setup>[0]) => (await f.officerB.get(`/api/v1/employers/${f.ids.employerB}`)).body;
const postingNow = async (f: Parameters<Setup>[0]) => (await f.officerB.get(`/api/v1/postings/${f.ids.postingB}`)).body;

export const demandProbes: Record<string, Probe> = {
  'GET /api/v1/public/postings': { kind: 'public', why: 'the public job board lists open postings without personal data, for anyone' },
  'GET /api/v1/occupations': { kind: 'reference', why: 'the occupational classification is national reference data' },
  'GET /api/v1/minimum-wages': { kind: 'reference', why: 'minimum-wage tables and county classes are published reference data' },
  'GET /api/v1/employers': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/employers?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/employers');
      return { res, leaked: own.body.items.some((e: any) => e.id === f.ids.employerB) };
    },
  },
  'GET /api/v1/employers/stats': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/employers/stats?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/employers/stats');
      return { res, leaked: own.body.total.registered > 0 };
    },
  },
  'POST /api/v1/employers': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/employers', { name: '越界企业', creditCode: code(2), regionCode: COUNTY_B, scopeCode: COUNTY_B });
      const list = await f.officerB.get('/api/v1/employers');
      return { res, leaked: list.body.items.some((e: any) => e.name === '越界企业') };
    },
  },
  'GET /api/v1/employers/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/employers/${f.ids.employerB}`);
      return { res, leaked: JSON.stringify(res.body).includes('岚县某合作社') };
    },
  },
  'PATCH /api/v1/employers/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(`/api/v1/employers/${f.ids.employerB}`, { name: 'taken over', version: 1 });
      return { res, leaked: (await employerUnchanged(f)).name !== '岚县某合作社' };
    },
  },
  'GET /api/v1/postings': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/postings?region=${COUNTY_B}`);
      const own = await f.officerA.get(`/api/v1/postings?employerId=${f.ids.employerB}`);
      return { res, leaked: own.body.items.length > 0 };
    },
  },
  'POST /api/v1/postings': {
    kind: 'scoped',
    probe: async (f) => {
      const before = (await f.officerB.get(`/api/v1/postings?employerId=${f.ids.employerB}`)).body.items.length;
      const res = await f.officerA.post('/api/v1/postings', posting(f.ids.employerB));
      const after = (await f.officerB.get(`/api/v1/postings?employerId=${f.ids.employerB}`)).body.items.length;
      return { res, leaked: after !== before };
    },
  },
  'GET /api/v1/postings/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/postings/${f.ids.postingB}`);
      return { res, leaked: res.body?.id === f.ids.postingB };
    },
  },
  'PATCH /api/v1/postings/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(`/api/v1/postings/${f.ids.postingB}`, { status: 'closed', version: 1 });
      return { res, leaked: (await postingNow(f)).status !== 'open' };
    },
  },
  'PUT /api/v1/minimum-wages/counties/:code': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.put(`/api/v1/minimum-wages/counties/${COUNTY_B}`, { wageClass: 1 });
      const view = await f.admin.get('/api/v1/minimum-wages');
      return { res, leaked: view.body.counties.some((c: any) => c.countyCode === COUNTY_B) };
    },
  },
  'PUT /api/v1/minimum-wages/parameters': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.put('/api/v1/minimum-wages/parameters', { defaultClass: 1 });
      return { res, leaked: (await f.admin.get('/api/v1/minimum-wages')).body.defaultClass !== 3 };
    },
  },
  'PUT /api/v1/minimum-wages/tables': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.put('/api/v1/minimum-wages/tables', { provinceCode: '14', effectiveFrom: '2099-01-01', classesFen: [1] });
      return { res, leaked: (await f.admin.get('/api/v1/minimum-wages')).body.tables.length !== 3 };
    },
  },
  'GET /api/v1/campaigns': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/campaigns?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/campaigns');
      return { res, leaked: own.body.items.some((c: any) => c.id === f.ids.campaignB) };
    },
  },
  'POST /api/v1/campaigns': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/campaigns', { name: '越界活动', regionCode: COUNTY_B, startsOn: '2024-02-01', endsOn: '2024-02-02' });
      return { res, leaked: (await f.officerB.get('/api/v1/campaigns')).body.items.some((c: any) => c.name === '越界活动') };
    },
  },
  'GET /api/v1/campaigns/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/campaigns/${f.ids.campaignB}`);
      return { res, leaked: JSON.stringify(res.body).includes('岚县春风行动') };
    },
  },
  'PATCH /api/v1/campaigns/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(`/api/v1/campaigns/${f.ids.campaignB}`, { name: 'taken over', version: 1 });
      return { res, leaked: (await f.officerB.get(`/api/v1/campaigns/${f.ids.campaignB}`)).body.name !== '岚县春风行动' };
    },
  },
  'POST /api/v1/campaigns/:id/events': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/campaigns/${f.ids.campaignB}/events`, { kind: 'caravan', name: '越界大篷车', regionCode: COUNTY_B, heldOn: '2024-02-20' });
      return { res, leaked: (await f.officerB.get(`/api/v1/campaigns/${f.ids.campaignB}`)).body.events.length !== 1 };
    },
  },
  'GET /api/v1/campaigns/:id/events/:eventId': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(eventUrl(f));
      return { res, leaked: JSON.stringify(res.body).includes('岚县专场招聘会') };
    },
  },
  'PATCH /api/v1/campaigns/:id/events/:eventId': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(eventUrl(f), { place: 'elsewhere', version: 1 });
      return { res, leaked: (await eventNow(f)).event.place === 'elsewhere' };
    },
  },
  'GET /api/v1/campaigns/:id/events/:eventId/people': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`${eventUrl(f)}/people?q=${encodeURIComponent('张')}`);
      return { res, leaked: Array.isArray(res.body?.items) && res.body.items.length > 0 };
    },
  },
  'POST /api/v1/campaigns/:id/events/:eventId/attendance': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`${eventUrl(f)}/attendance`, { personId: 1 });
      return { res, leaked: (await eventNow(f)).attendance.length > 0 };
    },
  },
  'POST /api/v1/campaigns/:id/events/:eventId/intentions': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`${eventUrl(f)}/intentions`, { personId: 1, postingId: Number(f.ids.postingB) });
      return { res, leaked: (await eventNow(f)).intentions.length > 0 };
    },
  },
};
