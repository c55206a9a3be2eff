import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import type { AccessFixture, Probe, Setup } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

const VILLAGE_B = '141127100200';
const B_ID_NUMBER = makeIdNumber(COUNTY_B, '1983-04-05', 123);
const B_PHONE = '13912345678';

export const ledgerSetup: Setup = async (f) => {
  const r = await f.officerB.post('/api/v1/households', {
    householdNo: 'LX-B-0001', villageCode: VILLAGE_B, category: 'lifted',
    members: [{ relation: 'head', name: '岚县户主', idNumber: B_ID_NUMBER, phone: B_PHONE, laborCapacity: 'full', employmentStatus: 'seeking' }],
  });
  if (r.status !== 201) throw new Error(`could not create county B's household: ${JSON.stringify(r.body)}`);
  f.ids.householdB = r.body.id;
  f.ids.personB = r.body.members[0].id;
};

const hasB = (items: any[] | undefined) => (items ?? []).some((x) => String(x.villageCode ?? '').startsWith(COUNTY_B));

/** Everything officer A could use to find county B's people: by region, by ID number, by phone, by name. */
async function searchLeaks(f: AccessFixture, resource: 'households' | 'persons'): Promise<boolean> {
  const urls = ['', `?idNumber=${B_ID_NUMBER}`, `?phone=${B_PHONE}`, `?name=${encodeURIComponent('岚县')}`, '?region=14'].map((q) => `/api/v1/${resource}${q}`);
  for (const url of urls) {
    const r = await f.officerA.get(url);
    if (r.status === 200 && hasB(r.body.items)) return true;
  }
  return false;
}

async function householdB(f: AccessFixture) {
  return (await f.officerB.get(`/api/v1/households/${f.ids.householdB}`)).body;
}

async function personB(f: AccessFixture) {
  return (await f.officerB.get(`/api/v1/persons/${f.ids.personB}`)).body;
}

const write = (method: 'put' | 'patch'): Probe => ({
  kind: 'scoped',
  probe: async (f) => {
    const before = await householdB(f);
    const res = await f.officerA[method](`/api/v1/households/${f.ids.householdB}`, { version: before.version, address: 'intruder', villageCode: '140225101200' });
    const after = await householdB(f);
    return { res, leaked: after.version !== before.version || after.address === 'intruder' };
  },
});

const writePerson = (method: 'put' | 'patch'): Probe => ({
  kind: 'scoped',
  probe: async (f) => {
    const before = await personB(f);
    const res = await f.officerA[method](`/api/v1/persons/${f.ids.personB}`, { version: before.version, name: 'intruder' });
    const after = await personB(f);
    return { res, leaked: after.version !== before.version || after.name === 'intruder' || JSON.stringify(res.body).includes(B_ID_NUMBER) };
  },
});

export const ledgerProbes: Record<string, Probe> = {
  'GET /api/v1/households': {
    kind: 'scoped',
    probe: async (f) => ({ res: await f.officerA.get(`/api/v1/households?region=${COUNTY_B}`), leaked: await searchLeaks(f, 'households') }),
  },
  'POST /api/v1/households': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/households', { householdNo: 'LX-INTRUDER', villageCode: VILLAGE_B, category: 'none' });
      const list = await f.admin.get('/api/v1/households?householdNo=LX-INTRUDER');
      return { res, leaked: list.body.items.length > 0 };
    },
  },
  'GET /api/v1/households/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/households/${f.ids.householdB}`);
      return { res, leaked: JSON.stringify(res.body).includes('LX-B-0001') };
    },
  },
  'PUT /api/v1/households/:id': write('put'),
  'PATCH /api/v1/households/:id': write('patch'),
  'DELETE /api/v1/households/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.delete(`/api/v1/households/${f.ids.householdB}`);
      return { res, leaked: (await f.officerB.get(`/api/v1/households/${f.ids.householdB}`)).status !== 200 };
    },
  },
  'GET /api/v1/persons': {
    kind: 'scoped',
    probe: async (f) => ({ res: await f.officerA.get(`/api/v1/persons?region=${COUNTY_B}`), leaked: await searchLeaks(f, 'persons') }),
  },
  'POST /api/v1/persons': {
    kind: 'scoped',
    probe: async (f) => {
      const before = await householdB(f);
      const res = await f.officerA.post('/api/v1/persons', { householdId: f.ids.householdB, relation: 'child', name: 'intruder', idNumber: makeIdNumber(COUNTY_B, '2001-01-01', 5), laborCapacity: 'full', employmentStatus: 'seeking' });
      const after = await householdB(f);
      return { res, leaked: after.memberCount !== before.memberCount };
    },
  },
  'GET /api/v1/persons/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/persons/${f.ids.personB}`);
      return { res, leaked: JSON.stringify(res.body).includes('岚县户主') };
    },
  },
  'PUT /api/v1/persons/:id': writePerson('put'),
  'PATCH /api/v1/persons/:id': writePerson('patch'),
  'DELETE /api/v1/persons/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.delete(`/api/v1/persons/${f.ids.personB}`);
      return { res, leaked: (await f.officerB.get(`/api/v1/persons/${f.ids.personB}`)).status !== 200 };
    },
  },
  'POST /api/v1/persons/:id/reveal': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/persons/${f.ids.personB}/reveal`);
      const text = JSON.stringify(res.body);
      return { res, leaked: text.includes(B_ID_NUMBER) || text.includes(B_PHONE) };
    },
  },
};
