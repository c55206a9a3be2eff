import { Client, type Response } from '../support/http.ts';

/** Facts that satisfy each policy of the default pack, for tests to vary one at a time. */
export const HIRE = { employerRegion: '141127100', employerSme: true, newRecruit: true, personCategory: 'lifted', personRelocated: false, hireDate: '2020-03-16' };
export const TRIP = { personCategory: 'monitored', homeRegion: '141127100200', workRegion: '610821', travelCost: 650.5, travelDate: '2020-03-10', claimsThisYear: 0 };
export const POST = { personCategory: 'lifted', monthlyPay: 600, insuranceCoverage: 300000, postRegion: '141127100', startDate: '2020-04-01' };

/**
 * A client that waits out the server's overload guard (503 `overloaded` with retry-after), which a
 * busy test machine can trip while other suites run; every other answer is returned as is.
 */
export class PatientClient extends Client {
  override async request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    for (let i = 0; ; i++) {
      const r = await super.request(method, url, payload, headers);
      if (r.status !== 503 || r.body?.code !== 'overloaded' || i >= 20) return r;
      await new Promise((res) => setTimeout(res, 500));
    }
  }
}
