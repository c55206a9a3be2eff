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

/** The smallest files of each accepted type, by their first bytes (enough for the type check). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-test-image')]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-test-image')]);

/** Attaches a PDF as evidence of a kind to a claim. */
export function attach(client: Client, claimId: number, kind: string, file: Buffer = PDF, contentType = 'application/pdf', name = `${kind}.pdf`): Promise<Response> {
  return client.post(`/api/v1/claims/${claimId}/evidence?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(name)}`, file, { 'content-type': contentType });
}
