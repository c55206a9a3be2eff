import { z } from 'zod';
import { listAudit } from '../../app/audit/audit-queries.ts';
import { idParam } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

export async function auditRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/audit', {
    config: { access: { action: 'audit.read' } },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail within your region, newest first; from and to take a date YYYY-MM-DD (a day in China; to takes in the whole day) or an ISO date-time',
      querystring: z.strictObject({
        entity: z.string().max(40).optional(),
        entityId: z.string().max(40).optional(),
        actorId: idParam.optional(),
        region: z.string().regex(/^\d{2,12}$/).optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.number(), at: z.string(), actorId: z.number(), actorName: z.string(), action: z.string(), entity: z.string(), entityId: z.string(), regionCode: z.string().nullable(), changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })), ip: z.string().nullable() })),
          nextCursor: z.string().nullable(),
        }),
      },
    },
  }, async (req) => listAudit(app, actorOf(req), req.query));
}
