import { z } from 'zod';
import { addUser, listUsers } from '../../app/accounts/users.ts';
import { ROLES } from '../../domain/access/roles.ts';
import { actorOf, type Server } from '../types.ts';

const user = z.object({ id: z.number(), username: z.string(), displayName: z.string(), role: z.string(), regionCode: z.string(), employerId: z.number().nullable(), disabled: z.boolean(), createdAt: z.string() });

export async function userRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/users', {
    config: { access: { action: 'user.read' } },
    schema: { tags: ['accounts'], summary: 'Accounts within your region', querystring: z.strictObject({ region: z.string().regex(/^\d{2,12}$/).optional() }), response: { 200: z.object({ items: z.array(user) }) } },
  }, async (req) => ({ items: await listUsers(app, actorOf(req), { region: req.query.region }) }));

  server.post('/api/v1/users', {
    config: { access: { action: 'user.manage' } },
    schema: {
      tags: ['accounts'],
      summary: 'Create an account inside your region',
      body: z.strictObject({ username: z.string().max(40), password: z.string().max(200), role: z.enum(ROLES), regionCode: z.string().max(12), displayName: z.string().max(60).optional(), employerId: z.number().int().positive().nullable().optional() }),
      response: { 201: user },
    },
  }, async (req, reply) => reply.code(201).send(await addUser(app, actorOf(req), req.body)));
}
