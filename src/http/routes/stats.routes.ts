import { z } from 'zod';
import { childStats, indicatorDefinitions, regionStats, statsSeries } from '../../app/stats/stats-queries.ts';
import { statsReport } from '../../app/stats/stats-report.ts';
import { actorOf, type Server } from '../types.ts';

const region = z.object({ code: z.string(), name: z.string(), level: z.string() });
const values = z.record(z.string(), z.number());
const pct = z.record(z.string(), z.number().nullable());
const code = z.string().regex(/^\d{2,12}$/);
const day = z.string().max(10);

export async function statsRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/stats', {
    config: { access: { action: 'stats.read' } },
    schema: {
      tags: ['statistics'],
      summary: 'Every indicator of a region (default: your own), now or as of the end of a past date',
      querystring: z.strictObject({ region: code.optional(), date: day.optional() }),
      response: { 200: z.object({ region, date: z.string(), values, ratios: pct }) },
    },
  }, async (req) => regionStats(app, actorOf(req), req.query));

  server.get('/api/v1/stats/children', {
    config: { access: { action: 'stats.read' } },
    schema: {
      tags: ['statistics'],
      summary: 'The indicators of each child region of a region, now or as of the end of a past date',
      querystring: z.strictObject({ region: code.optional(), date: day.optional() }),
      response: { 200: z.object({ region, children: z.array(z.object({ code: z.string(), name: z.string(), values, ratios: pct })) }) },
    },
  }, async (req) => childStats(app, actorOf(req), req.query));

  server.get('/api/v1/stats/series', {
    config: { access: { action: 'stats.read' } },
    schema: {
      tags: ['statistics'],
      summary: 'Daily values of indicators of a region over a period',
      querystring: z.strictObject({ region: code.optional(), indicators: z.string().max(500), from: day, to: day }),
      response: { 200: z.object({ region, points: z.array(z.object({ indicator: z.string(), day: z.string(), value: z.number() })) }) },
    },
  }, async (req) => statsSeries(app, actorOf(req), { ...req.query, indicators: req.query.indicators.split(',').map((s) => s.trim()).filter(Boolean) }));

  server.get('/api/v1/stats/report.xlsx', {
    config: { access: { action: 'stats.read' } },
    schema: {
      tags: ['statistics'],
      summary: 'The report of a region as an .xlsx workbook: one row per child region, every indicator as a column, a totals row',
      querystring: z.strictObject({ region: code.optional(), date: day.optional() }),
    },
  }, async (req, reply) => {
    const x = await statsReport(app, actorOf(req), req.query);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${x.filename}"`)
      .send(x.body);
  });

  server.get('/api/v1/stats/indicators', {
    config: { access: { action: 'stats.read' } },
    schema: {
      tags: ['statistics'],
      summary: 'The definition of every indicator, in Chinese and English',
      response: { 200: z.object({ items: z.array(z.object({ key: z.string(), unit: z.string(), zh: z.string(), en: z.string(), definitionZh: z.string(), definitionEn: z.string() })) }) },
    },
  }, async () => ({ items: indicatorDefinitions() }));
}
