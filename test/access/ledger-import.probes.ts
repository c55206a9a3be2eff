import { generateDemoRows } from '../../src/app/ledger/demo/generate.ts';
import { templateHeader } from '../../src/app/ledger/import/template.ts';
import { upload, waitForJob } from '../ledger-import/upload.ts';
import type { AccessFixture, Probe, Setup } from './fixture.ts';
import { COUNTY_B } from './fixture.ts';

/** A small ledger file of county B's real villages. */
async function countyBFile(f: AccessFixture, seed: number): Promise<string> {
  const villages = (await f.server.jiuye.database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${COUNTY_B}%`).orderBy('code').limit(5).execute()).map((r) => r.code);
  const rows = [...generateDemoRows({ villages, county: COUNTY_B, countyName: '岚县', households: 3, seed })];
  return [templateHeader(), ...rows].map((r) => r.join(',')).join('\n');
}

async function personsInB(f: AccessFixture): Promise<number> {
  const r = await f.server.jiuye.database.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).where('village_code', 'like', `${COUNTY_B}%`).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const ledgerImportSetup: Setup = async (f) => {
  const r = await upload(f.officerB, 'b-ledger.csv', `${await countyBFile(f, 41)}\nbad-row,,,,,`);
  if (r.status !== 202) throw new Error(`county B could not upload its ledger: ${r.status} ${JSON.stringify(r.body)}`);
  const done = await waitForJob(f.officerB, r.body.id);
  if (done.body.status !== 'done' || !done.body.hasErrorReport) throw new Error(`county B's import did not finish as expected: ${JSON.stringify(done.body)}`);
  f.ids.importJobB = r.body.id;
};

export const ledgerImportProbes: Record<string, Probe> = {
  'POST /api/v1/imports/ledger': {
    kind: 'self',
    why: 'an upload writes only inside the uploader’s region: rows of other regions are rejected one by one as out_of_scope',
    probe: async (f) => {
      const before = await personsInB(f);
      const r = await upload(f.officerA, 'a-tries-b.csv', await countyBFile(f, 42));
      const done = r.status === 202 ? await waitForJob(f.officerA, r.body.id) : undefined;
      return { leaked: (await personsInB(f)) !== before || (done?.body.accepted ?? 0) > 0 };
    },
  },
  'GET /api/v1/imports/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/imports/${f.ids.importJobB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/imports/:id/errors': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/imports/${f.ids.importJobB}/errors`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/exports/ledger': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/exports/ledger?region=${COUNTY_B}&format=csv`);
      const own = await f.officerA.get('/api/v1/exports/ledger?format=csv');
      return { res, leaked: res.status === 200 || String(own.body).includes(COUNTY_B + '1') };
    },
  },
};
