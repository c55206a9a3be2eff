import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD } from '../support/app.ts';
import { Client, type Response } from '../support/http.ts';

/** County A is where the probing officer works; county B holds the records it must not reach. */
export const COUNTY_A = '140225'; // 浑源县
export const COUNTY_B = '141127'; // 岚县

export interface AccessFixture {
  server: Server;
  admin: Client;
  /** County officer of county A. */
  officerA: Client;
  /** County officer of county B (owner of the records probed). */
  officerB: Client;
  /** Ids of records created in county B, by kind; modules add theirs in their setup. */
  ids: Record<string, number | string>;
}

export type Setup = (f: AccessFixture) => Promise<void>;

/**
 * How the access test probes one route. `scoped`: officer A tries county B's records; the probe
 * returns the response and says whether anything of county B leaked or changed.
 */
export type Probe =
  | { kind: 'public'; why: string }
  | { kind: 'reference'; why: string }
  | { kind: 'self'; why: string; probe?: (f: AccessFixture) => Promise<{ leaked: boolean }> }
  | { kind: 'scoped'; probe: (f: AccessFixture) => Promise<{ res: Response; leaked: boolean }> };

export async function baseFixture(server: Server): Promise<AccessFixture> {
  const admin = new Client(server);
  await admin.login('admin', ADMIN_PASSWORD);
  for (const [username, region] of [['officer-a', COUNTY_A], ['officer-b', COUNTY_B]]) {
    const r = await admin.post('/api/v1/users', { username, password: `${username}-pass-1`, role: 'county_officer', regionCode: region });
    if (r.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(r.body)}`);
  }
  const officerA = new Client(server);
  await officerA.login('officer-a', 'officer-a-pass-1');
  const officerB = new Client(server);
  await officerB.login('officer-b', 'officer-b-pass-1');
  return { server, admin, officerA, officerB, ids: {} };
}
