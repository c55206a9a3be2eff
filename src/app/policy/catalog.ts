import { DomainError } from '../../domain/errors.ts';
import { compilePolicy, type CompiledPolicy, type PolicyRule } from '../../domain/policy/rule.ts';
import type { Database } from '../../store/database.ts';
import { policiesRepository } from '../../store/repositories/policies.repository.ts';
import type { App, Tx } from '../context.ts';

// A saved version never changes, so its compiled form can be kept for the life of the process.
const compiled = new WeakMap<Database, Map<string, CompiledPolicy>>();

function cacheOf(database: Database): Map<string, CompiledPolicy> {
  let m = compiled.get(database);
  if (!m) compiled.set(database, (m = new Map()));
  return m;
}

/**
 * The compiled rule of a policy at a version (the current one when not given). Unknown policy or
 * version: a not-found error naming it.
 */
export async function loadPolicy(app: App, id: string, version?: number, db: Tx = app.database.db): Promise<CompiledPolicy> {
  let v = version;
  if (v === undefined) {
    const p = await policiesRepository.find(db, id);
    if (!p) throw unknownPolicy(id);
    v = p.currentVersion;
  }
  const key = `${id}@${v}`;
  const cache = cacheOf(app.database);
  const hit = cache.get(key);
  if (hit) return hit;
  const row = await policiesRepository.version(db, id, v);
  if (!row) throw version === undefined ? unknownPolicy(id) : new DomainError('not_found', `Policy ${id} has no version ${version}`, { details: { what: 'policy version', id, version } });
  const c = compilePolicy(row.rule as PolicyRule, v);
  cache.set(key, c);
  return c;
}

export function unknownPolicy(id: string): DomainError {
  return new DomainError('not_found', `Unknown policy ${id}: no policy with that id exists`, { details: { what: 'policy', id } });
}
