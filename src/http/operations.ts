import underPressure from '@fastify/under-pressure';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import client from 'prom-client';
import { jobFigures } from '../app/ops/job-metrics.ts';
import { migrationNames } from '../store/migrate.ts';
import { problem, sendProblem } from './errors.ts';
import type { Server } from './types.ts';

/**
 * Health, readiness, Prometheus metrics and load shedding. Under overload the server answers 503
 * with Retry-After instead of queueing until it falls over.
 */
export async function installOperations(server: Server): Promise<void> {
  const app = server.jiuye;
  const overloaded = (req: FastifyRequest, reply: FastifyReply, why: string) =>
    void sendProblem(reply, problem(503, 'overloaded', `The server is overloaded (${why}); try again in a few seconds`, { instance: req.url, retryAfter: 5 }));
  await server.register(underPressure, {
    maxEventLoopDelay: app.config.shedDelayMs,
    retryAfter: 5,
    pressureHandler: (req, reply, type, value) => overloaded(req, reply, `${type}: ${value}`),
  });

  // Requests queued for a database connection leave the event loop free: shed on their wait too.
  server.addHook('onRequest', (req, reply, done) => {
    const waited = app.database.connectionWaitMs();
    if (app.config.shedDelayMs > 0 && waited > app.config.shedDelayMs && req.url.startsWith('/api/')) {
      overloaded(req, reply, `a query has waited ${Math.round(waited)} ms for a database connection`);
      return;
    }
    done();
  });

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'jiuye_' });
  const requests = new client.Counter({ name: 'jiuye_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new client.Histogram({
    name: 'jiuye_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'jiuye_db_connection_wait_seconds',
    help: 'How long the longest-waiting query has waited for a database connection (PostgreSQL)',
    registers: [registry],
    collect() {
      this.set(app.database.connectionWaitMs() / 1000);
    },
  });
  for (const [name, help, pick] of [
    ['jiuye_job_runs_total', 'Jobs run (imports, matching, planning) by kind', (f: any) => f.runs],
    ['jiuye_job_failures_total', 'Jobs that failed, by kind', (f: any) => f.failures],
    ['jiuye_job_rows_total', 'Rows processed by jobs, by kind', (f: any) => f.rows],
    ['jiuye_job_seconds_total', 'Seconds spent in jobs, by kind', (f: any) => f.seconds],
  ] as const) {
    new client.Gauge({
      name,
      help,
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [kind, f] of jobFigures()) this.set({ kind }, pick(f));
      },
    });
  }

  server.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  server.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));

  server.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(app.database.db);
      const { rows } = await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(app.database.db);
      const pending = migrationNames().length - Number(rows[0]?.n ?? 0);
      if (pending > 0) return sendProblem(reply, problem(503, 'not_ready', `${pending} migration(s) are not applied yet`, { instance: req.url, retryAfter: 5 }));
      return { status: 'ready', engine: app.database.caps.engine };
    } catch {
      return sendProblem(reply, problem(503, 'unavailable', 'The database is not reachable', { instance: req.url, retryAfter: 5 }));
    }
  });

  server.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
