import type { Server } from '../types.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { demandRoutes } from './demand.routes.ts';
import { fieldTrainingRoutes } from './field-training.routes.ts';
import { householdRoutes } from './households.routes.ts';
import { ledgerImportRoutes } from './ledger-import.routes.ts';
import { matchingRoutes } from './matching.routes.ts';
import { personRoutes } from './persons.routes.ts';
import { policyEvidenceRoutes } from './policy-evidence.routes.ts';
import { policyRoutes } from './policy.routes.ts';
import { regionRoutes } from './regions.routes.ts';
import { statsRoutes } from './stats.routes.ts';
import { transportRoutes } from './transport.routes.ts';
import { userRoutes } from './users.routes.ts';

/** Every route module of the API; each module registers its own routes with their access rules. */
export const ROUTE_MODULES: ((server: Server) => Promise<void>)[] = [authRoutes, regionRoutes, userRoutes, auditRoutes, householdRoutes, personRoutes, ledgerImportRoutes, demandRoutes, matchingRoutes, statsRoutes, policyRoutes, policyEvidenceRoutes, fieldTrainingRoutes, transportRoutes];
