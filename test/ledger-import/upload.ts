import crypto from 'node:crypto';
import type { Client, Response } from '../support/http.ts';

/** A multipart/form-data body with one file field, as a browser's upload form sends it. */
export function multipart(fileName: string, content: Buffer | string): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----jiuye${crypto.randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(client: Client, fileName: string, content: Buffer | string, query = ''): Promise<Response> {
  const m = multipart(fileName, content);
  return client.post(`/api/v1/imports/ledger${query}`, m.body, m.headers);
}

/** Polls an import job until it has finished. */
export async function waitForJob(client: Client, id: number, timeoutMs = 60_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.get(`/api/v1/imports/${id}`);
    if (r.status !== 200 || ['done', 'failed'].includes(r.body.status)) return r;
    if (Date.now() > until) throw new Error(`import job ${id} still ${r.body.status}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
