import type { Actor } from '../../domain/access/actor.ts';
import type { App } from '../context.ts';

/**
 * Who is behind a session or token, remembered for a few seconds: every API request needs it, and
 * two queries per request were most of the work of a simple read. Logging out, revoking a token and
 * changing a password forget what this process remembered, after their transaction commits; another
 * server process sharing the database notices within `CREDENTIAL_CACHE_MS`.
 */
export const CREDENTIAL_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor | undefined;
  until: number;
}
const caches = new WeakMap<App, Map<string, Entry>>();

function cacheOf(app: App): Map<string, Entry> {
  let c = caches.get(app);
  if (!c) caches.set(app, (c = new Map()));
  return c;
}

/** The remembered answer for a credential hash, or runs `look` and remembers it (an unknown credential too, briefly). */
export async function rememberedActor(app: App, key: string, look: () => Promise<{ actor: Actor; expiresAt?: string } | undefined>): Promise<Actor | undefined> {
  const cache = cacheOf(app);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.actor;
  const found = await look();
  const expires = found?.expiresAt ? Date.parse(found.expiresAt) : Infinity;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { actor: found?.actor, until: Math.min(now + CREDENTIAL_CACHE_MS, expires) });
  return found?.actor;
}

/** Forgets every remembered credential of this process (after a logout, revocation or password change commits). */
export function forgetCredentials(app: App): void {
  caches.get(app)?.clear();
}
