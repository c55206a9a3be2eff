import type { Server } from '../types.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { regionRoutes } from './regions.routes.ts';
import { userRoutes } from './users.routes.ts';

/** Every route module of the API; each module registers its own routes with their access rules. */
export const ROUTE_MODULES: ((server: Server) => Promise<void>)[] = [authRoutes, regionRoutes, userRoutes, auditRoutes];
