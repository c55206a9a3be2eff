import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import type { AccessFixture, Probe, Setup } from './fixture.ts';
import { COUNTY_A, COUNTY_B } from './fixture.ts';

/** A trip of county B (岚县) to Taiyuan with two of its people on the manifest. */
export const transportSetup: Setup = async (f) => {
  const h = await f.officerB.post('/api/v1/households', {
    householdNo: 'LX-T-0001', villageCode: '141127100200', category: 'lifted',
    members: [
      { relation: 'head', name: '岚县乘客甲', idNumber: makeIdNumber(COUNTY_B, '1980-02-03', 501), laborCapacity: 'full', employmentStatus: 'employed_province', availableFrom: '2020-03-10' },
      { relation: 'spouse', name: '岚县乘客乙', idNumber: makeIdNumber(COUNTY_B, '1982-02-03', 502), laborCapacity: 'full', employmentStatus: 'employed_province', availableFrom: '2020-03-10' },
    ],
  });
  if (h.status !== 201) throw new Error(`transport setup: ${JSON.stringify(h.body)}`);
  const [p1, p2] = h.body.members.map((m: { id: number }) => m.id);
  const t = await f.officerB.post('/api/v1/trips', {
    mode: 'minibus', capacity: 19, costFen: 150_000, pickups: [{ regionCode: COUNTY_B, time: '07:30' }],
    destination: { kind: 'city', regionCode: '1401' }, travelDate: '2020-03-12', passengers: [{ personId: p1 }, { personId: p2 }],
  });
  if (t.status !== 201) throw new Error(`transport setup: ${JSON.stringify(t.body)}`);
  f.ids.tripB = t.body.id;
  f.ids.tripPassengerB = t.body.passengers[0].id;
  f.ids.tripPersonB = p1;
  const boarding = await f.officerB.post(`/api/v1/trips/${t.body.id}/transitions`, { to: 'boarding' });
  if (boarding.status !== 200) throw new Error(`transport setup: ${JSON.stringify(boarding.body)}`);
};

async function tripB(f: AccessFixture) {
  return (await f.officerB.get(`/api/v1/trips/${f.ids.tripB}`)).body;
}

/** Officer A acts on county B's trip; leaked when anything of it changed. */
const onTrip = (act: (f: AccessFixture) => Promise<any>): Probe => ({
  kind: 'scoped',
  probe: async (f) => {
    const before = await tripB(f);
    const res = await act(f);
    const after = await tripB(f);
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    const shown = JSON.stringify(res.body ?? '').includes('岚县乘客');
    return { res, leaked: changed || shown };
  },
});

const passengerUrl = (f: AccessFixture, what: string) => `/api/v1/trips/${f.ids.tripB}/passengers/${f.ids.tripPassengerB}${what}`;

export const transportProbes: Record<string, Probe> = {
  'GET /api/v1/trips': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/trips?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/trips');
      const everywhere = await f.officerA.get('/api/v1/trips?destination=1401');
      return { res, leaked: [...own.body.items, ...(everywhere.body.items ?? [])].some((t: any) => t.id === f.ids.tripB) };
    },
  },
  'GET /api/v1/trips/report': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/trips/report?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/trips/report');
      return { res, leaked: own.body.total.trips > 0 || own.body.total.scheduled > 0 };
    },
  },
  'POST /api/v1/trips/plan': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/trips/plan', { region: COUNTY_B, from: '2020-03-10', commit: true });
      const own = await f.officerA.post('/api/v1/trips/plan', { region: COUNTY_A, from: '2020-03-10' });
      const trips = await f.officerB.get('/api/v1/trips');
      return { res, leaked: own.body.travelers > 0 || trips.body.items.length !== 1 };
    },
  },
  'POST /api/v1/trips': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/trips', {
        mode: 'car', capacity: 4, costFen: 50_000, originCounty: COUNTY_B, pickups: [{ regionCode: COUNTY_B, time: '08:00' }],
        destination: { kind: 'city', regionCode: '1401' }, travelDate: '2020-03-13', passengers: [{ personId: Number(f.ids.tripPersonB) }],
      });
      const trips = await f.officerB.get('/api/v1/trips');
      return { res, leaked: trips.body.items.length !== 1 };
    },
  },
  'GET /api/v1/trips/:id': onTrip((f) => f.officerA.get(`/api/v1/trips/${f.ids.tripB}`)),
  'PATCH /api/v1/trips/:id': onTrip(async (f) => f.officerA.patch(`/api/v1/trips/${f.ids.tripB}`, { version: (await tripB(f)).version, notes: 'intruder' })),
  'POST /api/v1/trips/:id/transitions': onTrip((f) => f.officerA.post(`/api/v1/trips/${f.ids.tripB}/transitions`, { to: 'cancelled', reason: 'intruder' })),
  'POST /api/v1/trips/:id/passengers': onTrip(async (f) => {
    const mine = await f.officerA.post('/api/v1/households', {
      householdNo: 'HY-T-0001', villageCode: '140225100010', category: 'none',
      members: [{ relation: 'head', name: '浑源乘客', idNumber: makeIdNumber(COUNTY_A, '1981-02-03', 503), laborCapacity: 'full', employmentStatus: 'seeking' }],
    });
    return f.officerA.post(`/api/v1/trips/${f.ids.tripB}/passengers`, { passengers: [{ personId: mine.body.members?.[0]?.id ?? 1 }] });
  }),
  'DELETE /api/v1/trips/:id/passengers/:passengerId': onTrip((f) => f.officerA.delete(passengerUrl(f, ''))),
  'POST /api/v1/trips/:id/passengers/:passengerId/check': onTrip((f) => f.officerA.post(passengerUrl(f, '/check'), { temperature: 36.5, healthCertificate: true, kitIssued: true })),
  'POST /api/v1/trips/:id/passengers/:passengerId/board': onTrip((f) => f.officerA.post(passengerUrl(f, '/board'), {})),
  'POST /api/v1/trips/:id/passengers/:passengerId/arrive': onTrip((f) => f.officerA.post(passengerUrl(f, '/arrive'), {})),
};
