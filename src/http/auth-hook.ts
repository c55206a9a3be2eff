import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorFromSession, actorFromToken } from '../app/accounts/auth.ts';
import { authorize } from '../domain/access/policy.ts';
import { DomainError } from '../domain/errors.ts';
import type { Server } from './types.ts';

export const SESSION_COOKIE = 'jiuye_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every /api route declares `config.access`; this hook is the only place that turns a request into
 * an actor and refuses what the role may not do. Record-level scope is checked by the use case with
 * the same policy module. A route without `access` is refused, so forgetting it cannot open a hole.
 */
export function installAuth(server: Server): void {
  server.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.routeOptions.url ?? '';
    if (!url.startsWith('/api/v1/')) return;
    const access = req.routeOptions.config?.access;
    if (!access) throw new DomainError('forbidden', `Route ${url} declares no access rule`);
    const app = server.jiuye;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (bearer) {
      req.actor = await actorFromToken(app, bearer);
      if (req.actor) req.credential = { kind: 'token', secret: bearer };
    } else if (cookie) {
      req.actor = await actorFromSession(app, cookie);
      if (req.actor) {
        req.credential = { kind: 'session', secret: cookie };
        // Cookies ride along on cross-site requests; a state change must come from our own pages.
        if (UNSAFE.has(req.method) && !sameOrigin(req)) throw new DomainError('csrf_rejected', 'Cross-site request refused: send it from the Jiuye pages or use an API token');
      } else if (access.action !== 'public') {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (access.action === 'public') return;
    if (!req.actor) throw new DomainError('unauthenticated', bearer ? 'The API token is unknown or revoked' : 'Log in first: the session is missing, ended or expired');
    authorize(req.actor, access.action);
  });
}

function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return req.headers['x-requested-with'] === 'jiuye';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
