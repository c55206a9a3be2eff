import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

/** The from and to of the audit trail: dates are days in China, `to` as a date takes in the whole day. */
describe.each(ENGINES)('audit trail period filter on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let admin: Client;

  /** Entries written at set times around midnight of 1 May 2026 in China (16:00 UTC). */
  const AT = {
    mayFirstMorning: '2026-04-30T16:00:00.000Z', // 1 May 00:00 in China
    mayFirstLast: '2026-05-01T15:59:59.999Z', // 1 May 23:59:59.999 in China
    maySecond: '2026-05-01T16:00:00.000Z', // 2 May 00:00 in China
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    await t.app.database.db
      .insertInto('audit_log')
      .values(Object.entries(AT).map(([name, at]) => ({ at, actor_id: 1, actor_name: 'admin', action: 'period.test', entity: 'period-test', entity_id: name, region_code: null, changes: null, ip: null })))
      .execute();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  async function names(query: string): Promise<string[]> {
    const r = await admin.get(`/api/v1/audit?entity=period-test&${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items.map((i: any) => i.entityId).sort();
  }

  it('takes in the whole day of a date given as to, and starts a date given as from at midnight in China', async () => {
    expect(await names('to=2026-05-01')).toEqual(['mayFirstLast', 'mayFirstMorning']);
    expect(await names('from=2026-05-01&to=2026-05-01')).toEqual(['mayFirstLast', 'mayFirstMorning']);
    expect(await names('from=2026-05-02')).toEqual(['maySecond']);
    expect(await names('to=2026-04-30')).toEqual([]);
    expect(await names('from=2026-05-03')).toEqual([]);
  });

  it('takes ISO date-times with an offset, and without one as China time', async () => {
    expect(await names(`from=${encodeURIComponent('2026-05-01T16:00:00Z')}`)).toEqual(['maySecond']);
    expect(await names(`to=${encodeURIComponent('2026-05-01T15:59:59.999Z')}`)).toEqual(['mayFirstLast', 'mayFirstMorning']);
    expect(await names(`from=${encodeURIComponent('2026-05-01T23:59:59.999+08:00')}&to=${encodeURIComponent('2026-05-02T00:00')}`)).toEqual(['mayFirstLast', 'maySecond']);
    expect(await names(`to=${encodeURIComponent('2026-05-01T00:00')}`)).toEqual(['mayFirstMorning']);
  });

  it('refuses text that is not a date or ISO date-time with a 400 naming the field', async () => {
    for (const [query, field] of [['from=yesterday', 'from'], ['to=2026-02-30', 'to'], ['from=2026-5-1', 'from'], ['to=2026-05-01%2008:30', 'to'], ['from=1714521600000', 'from'], ["to=2026-05-01'%20OR%20'1'='1", 'to']]) {
      const r = await admin.get(`/api/v1/audit?${query}`);
      expect(r.status, query).toBe(400);
      expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('validation_failed');
      expect(r.body.errors, query).toEqual([expect.objectContaining({ field, code: 'datetime_format', message: expect.stringContaining('YYYY-MM-DD'), messageZh: expect.any(String) })]);
    }
    const order = await admin.get('/api/v1/audit?from=2026-05-02&to=2026-05-01');
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'period_order' })]);
  });
});
