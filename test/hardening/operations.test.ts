import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

describe('health, readiness and metrics', () => {
  let t: TestApp;
  let server: Server;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    server = await buildServer(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('reports health and readiness', async () => {
    expect((await server.inject('/healthz')).json().status).toBe('ok');
    const ready = await server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', engine: 'sqlite' });
  });

  it('exposes request rates and latencies in Prometheus format', async () => {
    await server.inject('/api/v1/auth/me');
    const m = await server.inject('/metrics');
    expect(m.headers['content-type']).toMatch(/text\/plain/);
    expect(m.body).toMatch(/jiuye_http_requests_total\{method="GET",route="\/api\/v1\/auth\/me",status="401"\} 1/);
    expect(m.body).toMatch(/jiuye_http_request_duration_seconds_bucket/);
  });

  it('sends security headers', async () => {
    const r = await server.inject('/healthz');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('answers 503 when the database is gone', async () => {
    const other = await createTestApp('sqlite');
    const s = await buildServer(other.app);
    await other.app.database.close();
    const r = await s.inject('/readyz');
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('5');
    await s.close();
    await other.close().catch(() => {});
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After while the event loop is overloaded, and recovers', async () => {
    const t = await createTestApp('sqlite', { shedDelayMs: 200 });
    const server = await buildServer(t.app);
    await server.ready();
    try {
      // Hold the event loop the way a flood of CPU-heavy requests would.
      const until = Date.now() + 1500;
      while (Date.now() < until);
      await new Promise((r) => setTimeout(r, 50));
      let shed;
      for (let i = 0; i < 40 && !shed; i++) {
        const r = await server.inject('/api/v1/auth/me');
        if (r.statusCode === 503) shed = r;
        else await new Promise((res) => setTimeout(res, 50));
      }
      expect(shed?.headers['retry-after']).toBe('5');
      expect(shed?.json().code).toBe('overloaded');
      let recovered = false;
      for (let i = 0; i < 100 && !recovered; i++) {
        await new Promise((r) => setTimeout(r, 100));
        recovered = (await server.inject('/api/v1/auth/me')).statusCode === 401;
      }
      expect(recovered).toBe(true);
    } finally {
      await server.close();
      await t.close();
    }
  });
});

describe.each(ENGINES.filter((e) => e === 'postgres'))('load shedding on %s', (engine) => {
  it('answers 503 with Retry-After while a query has waited too long for a database connection, still serves what it admitted, and recovers', async () => {
    const t = await createTestApp(engine, { shedDelayMs: 200 });
    const server = await buildServer(t.app);
    await server.ready();
    const pool = t.app.database.pool!;
    // Every connection busy, as under a flood of slow queries: the event loop itself stays free.
    const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      const admitted = server.inject('/readyz');
      await new Promise((r) => setTimeout(r, 400));
      expect(t.app.database.connectionWaitMs()).toBeGreaterThan(200);
      const shed = await server.inject('/api/v1/auth/me');
      expect(shed.statusCode).toBe(503);
      expect(shed.headers['retry-after']).toBe('5');
      expect(shed.json()).toMatchObject({ code: 'overloaded' });
      expect(shed.json().detail ?? shed.json().title).toMatch(/database connection/);
      const metrics = await server.inject('/metrics');
      expect(Number(/^jiuye_db_connection_wait_seconds (\S+)$/m.exec(metrics.body)?.[1])).toBeGreaterThan(0.2);
      for (const c of held.splice(0)) c.release();
      expect((await admitted).statusCode).toBe(200);
      expect(t.app.database.connectionWaitMs()).toBe(0);
      expect((await server.inject('/api/v1/auth/me')).statusCode).toBe(401);
    } finally {
      for (const c of held) c.release();
      await server.close();
      await t.close();
    }
  });
});
