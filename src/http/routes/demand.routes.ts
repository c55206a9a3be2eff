import type { Server } from '../types.ts';
import { campaignRoutes } from './campaigns.routes.ts';
import { demandReferenceRoutes } from './demand-reference.routes.ts';
import { employerRoutes } from './employers.routes.ts';
import { postingRoutes } from './postings.routes.ts';

/** The demand module: employers, postings and the public board, occupations and minimum wages, campaigns. */
export async function demandRoutes(server: Server) {
  for (const mod of [employerRoutes, postingRoutes, demandReferenceRoutes, campaignRoutes]) await mod(server);
}
