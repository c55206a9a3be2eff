import { z } from 'zod';
import { createHousehold, deleteHousehold, getHousehold, listHouseholds, updateHousehold } from '../../app/ledger/households.ts';
import { idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';
import { deleted, householdDetail, householdFields, householdView, ledgerQuery, personFields, version, versionOf } from './ledger-schemas.ts';

const tags = ['ledger'];
const createBody = z.strictObject({ ...householdFields, members: z.array(z.strictObject(personFields)).max(50).optional() });
const updateBody = z.strictObject({ ...householdFields, version });

export async function householdRoutes(server: Server) {
  const app = server.jiuye;

  server.get('/api/v1/households', {
    config: { access: { action: 'household.read', resource: 'household' } },
    schema: {
      tags,
      summary: 'Search the households of your region, keyset-paged by id; person filters match households with such a member',
      querystring: ledgerQuery,
      response: { 200: z.object({ items: z.array(householdView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listHouseholds(app, actorOf(req), req.query));

  server.post('/api/v1/households', {
    config: { access: { action: 'household.write', resource: 'household' } },
    schema: { tags, summary: 'Create a household in a village of your region, with its members in the same transaction', body: createBody, response: { 201: householdDetail } },
  }, async (req, reply) => {
    const h = await createHousehold(app, actorOf(req), req.body);
    return reply.code(201).header('etag', `"${h.version}"`).send(h);
  });

  server.get('/api/v1/households/:id', {
    config: { access: { action: 'household.read', resource: 'household' } },
    schema: { tags, summary: 'One household with its members (masked) and category history; the ETag is its version', params: idParams, response: { 200: householdDetail } },
  }, async (req, reply) => {
    const h = await getHousehold(app, actorOf(req), req.params.id);
    return reply.header('etag', `"${h.version}"`).send(h);
  });

  for (const method of ['put', 'patch'] as const) {
    server[method]('/api/v1/households/:id', {
      config: { access: { action: 'household.write', resource: 'household' } },
      schema: {
        tags,
        summary: 'Change the fields given; members follow a new village or category; needs the version read (body or If-Match), a stale one gets 412',
        params: idParams,
        body: updateBody,
        response: { 200: householdDetail },
      },
    }, async (req, reply) => {
      const h = await updateHousehold(app, actorOf(req), req.params.id, { ...req.body, version: versionOf(req.body, req.headers['if-match']) });
      return reply.header('etag', `"${h.version}"`).send(h);
    });
  }

  server.delete('/api/v1/households/:id', {
    config: { access: { action: 'household.write', resource: 'household' } },
    schema: { tags, summary: 'Remove an empty household (kept for the audit trail; its number stays taken); If-Match is honoured', params: idParams, response: { 200: deleted } },
  }, async (req) => deleteHousehold(app, actorOf(req), req.params.id, versionOf(undefined, req.headers['if-match'])));
}
