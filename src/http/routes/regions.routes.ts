import { z } from 'zod';
import { getRegion, listRootRegions, searchRegions } from '../../app/regions/region-queries.ts';
import { actorOf, type Server } from '../types.ts';

const region = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() });

export async function regionRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/regions', {
    config: { access: { action: 'region.read' } },
    schema: {
      tags: ['regions'],
      summary: 'Search regions by name (prefix or part), pinyin initials or code; without q, the provinces loaded',
      querystring: z.strictObject({ q: z.string().max(50).optional(), within: z.string().regex(/^\d{2,12}$/).optional(), limit: z.coerce.number().int().min(1).max(100).optional() }),
      response: { 200: z.object({ items: z.array(region.extend({ path: z.string().optional() })) }) },
    },
  }, async (req) => {
    const { q, within, limit } = req.query;
    return { items: q ? await searchRegions(app, actorOf(req), q, { within, limit }) : await listRootRegions(app, actorOf(req)) };
  });

  server.get('/api/v1/regions/:code', {
    config: { access: { action: 'region.read', resource: 'region' } },
    schema: {
      tags: ['regions'],
      summary: 'One region with its ancestors (province first) and its children',
      params: z.object({ code: z.string() }),
      response: { 200: region.extend({ ancestors: z.array(region), children: z.array(region.extend({ childCount: z.number() })) }) },
    },
  }, async (req) => getRegion(app, actorOf(req), req.params.code));
}
