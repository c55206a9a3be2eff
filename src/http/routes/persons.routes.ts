import { z } from 'zod';
import { listPersonStamps, listStampedPersons, revealPerson, shownPersons } from '../../app/ledger/person-queries.ts';
import { createPerson, deletePerson, getPerson, updatePerson } from '../../app/ledger/persons.ts';
import { idParams } from '../params.ts';
import { keptPage, RenderedRows } from '../rendered-rows.ts';
import { responseWriter } from '../serializer.ts';
import { actorOf, type Server } from '../types.ts';
import { deleted, ledgerQuery, personFields, personView, version, versionOf } from './ledger-schemas.ts';

const tags = ['ledger'];
const createBody = z.strictObject({ householdId: z.number().int().positive(), ...personFields });
const updateBody = z.strictObject({ householdId: z.number().int().positive().optional(), version, ...personFields });

export async function personRoutes(server: Server) {
  const app = server.jiuye;
  const rendered = new RenderedRows(app.config.listCacheRows);
  const writePerson = responseWriter(personView, { method: 'GET', url: '/api/v1/persons' });

  server.get('/api/v1/persons', {
    config: { access: { action: 'person.read', resource: 'person' } },
    schema: {
      tags,
      summary: 'Search the people of the ledger in your region (ID numbers and phones masked), keyset-paged by id',
      querystring: ledgerQuery,
      response: { 200: z.object({ items: z.array(personView), nextCursor: z.string().nullable() }) },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const body = await keptPage(rendered, writePerson, {
      stamps: () => listPersonStamps(app, actor, req.query),
      shown: (ids) => shownPersons(app, actor, ids),
      whole: () => listStampedPersons(app, actor, req.query),
    });
    // Written already: Fastify sends a Buffer as it is, past the schema's serializer.
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  server.post('/api/v1/persons', {
    config: { access: { action: 'person.write', resource: 'person' } },
    schema: { tags, summary: 'Add a person to a household of your region', body: createBody, response: { 201: personView } },
  }, async (req, reply) => {
    const p = await createPerson(app, actorOf(req), req.body);
    return reply.code(201).header('etag', `"${p.version}"`).send(p);
  });

  server.get('/api/v1/persons/:id', {
    config: { access: { action: 'person.read', resource: 'person' } },
    schema: { tags, summary: 'One person (masked); the ETag is its version', params: idParams, response: { 200: personView } },
  }, async (req, reply) => {
    const p = await getPerson(app, actorOf(req), req.params.id);
    return reply.header('etag', `"${p.version}"`).send(p);
  });

  for (const method of ['put', 'patch'] as const) {
    server[method]('/api/v1/persons/:id', {
      config: { access: { action: 'person.write', resource: 'person' } },
      schema: {
        tags,
        summary: 'Change the fields given (absent fields keep their value); needs the version read, in the body or If-Match; a stale version gets 412',
        params: idParams,
        body: updateBody,
        response: { 200: personView },
      },
    }, async (req, reply) => {
      const p = await updatePerson(app, actorOf(req), req.params.id, { ...req.body, version: versionOf(req.body, req.headers['if-match']) });
      return reply.header('etag', `"${p.version}"`).send(p);
    });
  }

  server.delete('/api/v1/persons/:id', {
    config: { access: { action: 'person.delete', resource: 'person' } },
    schema: { tags, summary: 'Remove a person from the ledger (kept for the audit trail); If-Match is honoured', params: idParams, response: { 200: deleted } },
  }, async (req) => deletePerson(app, actorOf(req), req.params.id, versionOf(undefined, req.headers['if-match'])));

  server.post('/api/v1/persons/:id/reveal', {
    config: { access: { action: 'person.reveal', resource: 'person' } },
    schema: {
      tags,
      summary: 'The full ID number and phone of one person; each request is recorded in the audit trail',
      params: idParams,
      response: { 200: z.object({ id: z.number(), idNumber: z.string(), phone: z.string().nullable() }) },
    },
  }, async (req, reply) => reply.header('cache-control', 'no-store').send(await revealPerson(app, actorOf(req), req.params.id, { ip: req.ip })));
}
