import { z } from 'zod';
import { putWageTable, setCountyWageClass, setWageParameters, viewMinimumWages } from '../../app/demand/minimum-wages.ts';
import { listOccupations } from '../../app/demand/occupations.ts';
import { actorOf, type Server } from '../types.ts';

const occupation = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string().nullable(), parentCode: z.string().nullable(), level: z.number(), builtin: z.boolean(), childCount: z.number().optional() });
const table = z.object({ provinceCode: z.string(), effectiveFrom: z.string(), classesFen: z.array(z.number()), source: z.string() });

export async function demandReferenceRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/occupations', {
    config: { access: { action: 'occupation.read' } },
    schema: {
      tags: ['demand'],
      summary: 'Occupations of the 2022 classification: search by name or code prefix (q), or the children of a node (parent; the top level without it)',
      querystring: z.strictObject({ q: z.string().max(50).optional(), parent: z.string().regex(/^\d{1,2}(-\d{2}){0,3}$/).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
      response: { 200: z.object({ items: z.array(occupation) }) },
    },
  }, async (req) => listOccupations(app, actorOf(req), req.query));

  server.get('/api/v1/minimum-wages', {
    config: { access: { action: 'minimum_wage.read' } },
    schema: {
      tags: ['demand'],
      summary: 'Minimum-wage tables with effective dates, county classes, the default class and the poverty line; with county and date, the wage that applies',
      querystring: z.strictObject({ county: z.string().regex(/^\d{6,12}$/).optional(), date: z.string().max(10).optional() }),
      response: {
        200: z.object({
          tables: z.array(table),
          counties: z.array(z.object({ countyCode: z.string(), countyName: z.string().nullable(), wageClass: z.number(), updatedAt: z.string(), version: z.number() })),
          defaultClass: z.number(),
          povertyLineYuanPerYear: z.number(),
          povertyLineMonthlyFen: z.number(),
          applies: z.object({ monthlyFen: z.number(), wageClass: z.number(), effectiveFrom: z.string(), provinceCode: z.string() }).nullable().optional(),
        }),
      },
    },
  }, async (req) => viewMinimumWages(app, actorOf(req), req.query));

  server.put('/api/v1/minimum-wages/counties/:code', {
    config: { access: { action: 'minimum_wage.manage', resource: 'minimum_wage_county' } },
    schema: {
      tags: ['demand'],
      summary: 'Put a county in a minimum-wage class (null: back to the default class)',
      params: z.object({ code: z.string() }),
      body: z.strictObject({ wageClass: z.number().int().nullable() }),
      response: { 200: z.object({ countyCode: z.string(), wageClass: z.number().nullable() }) },
    },
  }, async (req) => setCountyWageClass(app, actorOf(req), req.params.code, req.body.wageClass));

  server.put('/api/v1/minimum-wages/parameters', {
    config: { access: { action: 'minimum_wage.manage' } },
    schema: {
      tags: ['demand'],
      summary: 'Set the default class of unlisted counties and the yearly poverty-line income (yuan)',
      body: z.strictObject({ defaultClass: z.number().int().optional(), povertyLineYuanPerYear: z.number().optional() }),
      response: { 200: z.object({ defaultClass: z.number(), povertyLineYuanPerYear: z.number() }) },
    },
  }, async (req) => setWageParameters(app, actorOf(req), req.body));

  server.put('/api/v1/minimum-wages/tables', {
    config: { access: { action: 'minimum_wage.manage' } },
    schema: {
      tags: ['demand'],
      summary: 'Add or replace a province’s minimum-wage table effective from a date (monthly fen, class 1 first)',
      body: z.strictObject({ provinceCode: z.string(), effectiveFrom: z.string(), classesFen: z.array(z.number().int()).max(9), source: z.string().max(200).optional() }),
      response: { 200: table },
    },
  }, async (req) => putWageTable(app, actorOf(req), req.body));
}
