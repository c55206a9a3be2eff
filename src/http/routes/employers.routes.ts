import { z } from 'zod';
import { createEmployer, employerStats, getEmployer, listEmployers, updateEmployer } from '../../app/demand/employers.ts';
import { OPERATING_STATUSES } from '../../domain/demand/vocabulary.ts';
import { idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

const region = z.string().regex(/^\d{2,12}$/);
const date = z.string().max(10);

const employerFields = {
  name: z.string().max(200),
  creditCode: z.string().max(40),
  regionCode: z.string().max(12),
  scopeCode: region.optional(),
  address: z.string().max(300).optional(),
  industry: z.string().max(100).optional(),
  isSme: z.boolean().optional(),
  contactName: z.string().max(60).optional(),
  contactPhone: z.string().max(30).optional(),
  operatingStatus: z.enum(OPERATING_STATUSES).optional(),
  statusDate: date.nullable().optional(),
  employeesTotal: z.number().int().min(0).max(10_000_000).optional(),
  poorEmployees: z.number().int().min(0).max(10_000_000).optional(),
  isWorkshop: z.boolean().optional(),
  workshopRecognizedOn: date.nullable().optional(),
};

export const employerView = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  scopeCode: z.string(),
  address: z.string(),
  industry: z.string(),
  isSme: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
  operatingStatus: z.string(),
  statusDate: z.string().nullable(),
  employeesTotal: z.number(),
  poorEmployees: z.number(),
  isWorkshop: z.boolean(),
  workshopRecognizedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const rateRow = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  operating: z.number(),
  resumed: z.number(),
  suspended: z.number(),
  registered: z.number(),
  operatingRate: z.number().nullable(),
  resumptionRate: z.number().nullable(),
});


export async function employerRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/employers', {
    config: { access: { action: 'employer.read' } },
    schema: {
      tags: ['demand'],
      summary: 'Employers managed within your region (an employer account sees its own company); contact phones masked',
      querystring: z.strictObject({
        region: region.optional(),
        q: z.string().max(100).optional(),
        operatingStatus: z.enum(OPERATING_STATUSES).optional(),
        isWorkshop: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(employerView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listEmployers(app, actorOf(req), req.query));

  server.get('/api/v1/employers/stats', {
    config: { access: { action: 'employer.stats' } },
    schema: {
      tags: ['demand'],
      summary: 'Operating rate ((operating + resumed) ÷ registered) and resumption rate (resumed ÷ (resumed + suspended)) by child region',
      querystring: z.strictObject({ region: region.optional() }),
      response: { 200: z.object({ region: z.string(), total: rateRow, byRegion: z.array(rateRow) }) },
    },
  }, async (req) => employerStats(app, actorOf(req), req.query));

  server.post('/api/v1/employers', {
    config: { access: { action: 'employer.create' } },
    schema: { tags: ['demand'], summary: 'Register an employer (credit code checked by GB 32100-2015)', body: z.strictObject(employerFields), response: { 201: employerView } },
  }, async (req, reply) => reply.code(201).send(await createEmployer(app, actorOf(req), req.body)));

  server.get('/api/v1/employers/:id', {
    config: { access: { action: 'employer.read', resource: 'employer' } },
    schema: { tags: ['demand'], summary: 'One employer', params: idParams, response: { 200: employerView } },
  }, async (req) => getEmployer(app, actorOf(req), req.params.id));

  server.patch('/api/v1/employers/:id', {
    config: { access: { action: 'employer.update', resource: 'employer' } },
    schema: {
      tags: ['demand'],
      summary: 'Change an employer; send the version you read (a stale version answers 412 version_conflict)',
      params: idParams,
      body: z.strictObject({ ...Object.fromEntries(Object.entries(employerFields).map(([k, v]) => [k, v.optional()])), version: z.number().int().positive() }),
      response: { 200: employerView },
    },
  }, async (req) => updateEmployer(app, actorOf(req), req.params.id, req.body as any));
}
