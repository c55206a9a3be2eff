import type { Server } from '../types.ts';
import { trainingRoutes } from './training.routes.ts';
import { verificationRoutes } from './verification.routes.ts';

/** Field verification and training: registered together, as one module of the route table. */
export async function fieldTrainingRoutes(server: Server) {
  await verificationRoutes(server);
  await trainingRoutes(server);
}
