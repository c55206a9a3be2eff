import type { App } from '../../src/app/context.ts';
import { contentHash, personColumns } from '../../src/app/ledger/person-record.ts';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import type { PersonData } from '../../src/domain/ledger/person.ts';
import { nowIso } from '../../src/store/codec.ts';
import { ADMIN_PASSWORD } from '../support/app.ts';
import type { Client } from '../support/http.ts';

let sequence = 100;

/** The first `n` villages of a county, as loaded from the NBS codes. */
export async function villagesOf(app: App, county: string, n: number): Promise<string[]> {
  const rows = await app.database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${county}%`).orderBy('code').limit(n).execute();
  return rows.map((r) => r.code);
}

export interface SeededHousehold {
  householdId: number;
  personIds: number[];
}

/**
 * Households of working-age people written straight into the ledger tables (through the ledger's
 * own column helper), so these tests do not depend on the ledger's HTTP validation.
 */
export async function seedHouseholds(app: App, village: string, count: number, person: Partial<PersonData> = {}): Promise<SeededHousehold[]> {
  const out: SeededHousehold[] = [];
  const db = app.database.db;
  for (let i = 0; i < count; i++) {
    const now = nowIso();
    const h = await db
      .insertInto('households')
      .values({ household_no: `${village}${String(sequence++).padStart(5, '0')}`, village_code: village, address: `${i + 1}号`, category: 'lifted', monitored_subtype: null, relocated: 0, income_per_capita_yuan: 6000, member_count: 2, working_age_count: 2, employed_count: 0, zero_employment: 1, version: 1, created_at: now, updated_at: now, deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [j, relation] of (['head', 'spouse'] as const).entries()) {
      const birth = j === 0 ? '1980-05-01' : '1983-07-15';
      const data: PersonData = {
        relation,
        name: `${relation === 'head' ? '王' : '李'}${sequence}`,
        idNumber: makeIdNumber(village.slice(0, 6), birth, (sequence++ % 450) * 2 + (j === 0 ? 1 : 2)),
        gender: j === 0 ? 'male' : 'female',
        birthDate: birth,
        phone: null,
        education: 'junior',
        laborCapacity: 'full',
        skills: [],
        employmentStatus: 'seeking',
        employerName: null,
        monthlyIncome: null,
        trainingWish: null,
        jobWishTypes: [],
        availableFrom: null,
        preferredScope: 'county',
        minMonthlyPay: 2500,
        ...person,
      };
      const cols = personColumns(app.secrets, data, village, contentHash(data, {} as any));
      const p = await db
        .insertInto('persons')
        .values({ ...cols, household_id: Number(h.id), verification_status: 'unverified', verified_at: null, verified_by: null, version: 1, created_at: now, updated_at: now, deleted_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(Number(p.id));
    }
    out.push({ householdId: Number(h.id), personIds: ids });
  }
  return out;
}

/** Creates an account through the API (as the administrator) and returns its id. */
export async function addAccount(admin: Client, username: string, role: string, regionCode: string): Promise<number> {
  const r = await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role, regionCode });
  if (r.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(r.body)}`);
  return r.body.id;
}

export const password = (username: string) => `${username}-pass-1`;
export { ADMIN_PASSWORD };

/**
 * Retries a request the server shed with 503 (its load shedding trips while start-up work and
 * password hashing keep the event loop busy), so these tests see answers, not the load.
 */
export function patient(c: Client): Client {
  const send = c.request.bind(c);
  c.request = async (...args: Parameters<Client['request']>) => {
    for (let i = 0; ; i++) {
      const r = await send(...args);
      if (r.status !== 503 || i >= 80) return r;
      await new Promise((done) => setTimeout(done, 250));
    }
  };
  return c;
}
