import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD } from '../support/app.ts';
import { Client } from '../support/http.ts';

/** Villages of 浑源县 (140225) and one of 岚县 (141127), from the NBS codes the test app loads. */
export const VILLAGE_A1 = '140225101200';
export const VILLAGE_A2 = '140225101201';
export const VILLAGE_A3 = '140225100010';
export const VILLAGE_B = '141127100200';

let seq = 1;
/** A fresh valid ID number of county 140225 (odd sequence = male), born on `birthDate` (default: one in 1985). */
export function nextId(birthDate?: string, region = '140225'): string {
  seq += 2;
  const born = birthDate ?? new Date(Date.UTC(1985, 0, 1) + Math.floor(seq / 1000) * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber(region, born, seq % 1000);
}

let phoneSeq = 1000_0000;
export function nextPhone(): string {
  phoneSeq += 7;
  return `138${String(phoneSeq).padStart(8, '0')}`;
}

let householdSeq = 0;
export function nextHouseholdNo(prefix = 'HY'): string {
  householdSeq += 1;
  return `${prefix}-${process.pid}-${householdSeq}`;
}

export function person(extra: Record<string, unknown> = {}) {
  return { relation: 'head', name: '张建国', idNumber: nextId(), phone: nextPhone(), laborCapacity: 'full', employmentStatus: 'seeking', ...extra };
}

export function household(extra: Record<string, unknown> = {}) {
  return { householdNo: nextHouseholdNo(), villageCode: VILLAGE_A1, category: 'lifted', relocated: false, ...extra };
}

/** Administrator plus a county officer and a viewer of 140225, and an officer of 141127. */
export async function ledgerClients(server: Server) {
  const admin = new Client(server);
  await admin.login('admin', ADMIN_PASSWORD);
  const make = async (username: string, role: string, regionCode: string) => {
    const r = await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role, regionCode });
    if (r.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(r.body)}`);
    const c = new Client(server);
    await c.login(username, `${username}-pass-1`);
    return c;
  };
  return {
    admin,
    officer: await make('hy-ledger', 'county_officer', '140225'),
    viewer: await make('hy-viewer', 'viewer', '140225'),
    town: await make('hy-town', 'town_commissioner', '140225101'),
    verifier: await make('hy-verifier', 'field_verifier', '140225'),
    employer: await make('hy-employer', 'employer', '140225'),
    otherCounty: await make('lan-ledger', 'county_officer', '141127'),
  };
}
