import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../domain/access/actor.ts';
import type { Action } from '../domain/access/policy.ts';
import type { App } from '../app/context.ts';

/** A Fastify instance whose schemas are zod schemas. */
export type Server = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Route metadata read by the auth hook and by the route-table access test. */
export interface RouteAccess {
  /** The permission the route needs; `public` routes need no account. */
  action: Action | 'public';
  /** What the route touches, for the access test: which kind of record its :id names. */
  resource?: string;
}

export interface RouteInfo {
  method: string;
  url: string;
  access?: RouteAccess;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    credential?: { kind: 'session' | 'token'; secret: string };
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    jiuye: App;
    routeTable: RouteInfo[];
  }
}

/** The actor of an authenticated route (the auth hook has already refused anonymous requests). */
export function actorOf(req: { actor?: Actor }): Actor {
  if (!req.actor) throw new Error('route reached without an actor: its access config is missing');
  return req.actor;
}
