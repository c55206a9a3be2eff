import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { ancestorCodes, isRegionCode, REGION_LEVELS } from '../../domain/regions/region-code.ts';
import { regionsRepository, type RegionRow } from '../../store/repositories/regions.repository.ts';
import type { App } from '../context.ts';

export interface RegionView {
  code: string;
  name: string;
  level: (typeof REGION_LEVELS)[number];
  parentCode: string | null;
}

export function presentRegion(r: RegionRow): RegionView {
  return { code: r.code, name: r.name, level: REGION_LEVELS[r.level - 1], parentCode: r.parentCode };
}

/** A region with its ancestors (province first) and its children. Regions above the actor's scope are readable as context only. */
export async function getRegion(app: App, actor: Actor, code: string) {
  authorize(actor, 'region.read');
  if (!isRegionCode(code)) throw DomainError.invalid([{ field: 'code', code: 'region_code_format', message: 'must have 2, 4, 6, 9 or 12 digits' }]);
  const db = app.database.db;
  const region = await regionsRepository.find(db, code);
  if (!region) throw DomainError.notFound('Region', code);
  const [ancestors, children] = await Promise.all([regionsRepository.findMany(db, ancestorCodes(code)), regionsRepository.children(db, code)]);
  return {
    ...presentRegion(region),
    ancestors: ancestors.map(presentRegion),
    children: children.map((c) => ({ ...presentRegion(c), childCount: Number(c.childCount) })),
  };
}

/** Top-level regions loaded (usually the configured province). */
export async function listRootRegions(app: App, actor: Actor) {
  authorize(actor, 'region.read');
  return (await regionsRepository.roots(app.database.db)).map(presentRegion);
}

/** Search by name (prefix or part), pinyin initials or exact code, with the path of each hit. */
export async function searchRegions(app: App, actor: Actor, q: string, opts: { within?: string; limit?: number } = {}) {
  authorize(actor, 'region.read');
  const query = q.trim();
  if (!query) return [];
  const within = opts.within ? scopeRegion({ ...actor, regionCode: '' }, opts.within) : '';
  const rows = await regionsRepository.search(app.database.db, query, within, Math.min(opts.limit ?? 20, 100));
  const paths = await regionsRepository.findMany(app.database.db, [...new Set(rows.flatMap((r) => ancestorCodes(r.code)))]);
  const names = new Map(paths.map((p) => [p.code, p.name]));
  return rows.map((r) => ({ ...presentRegion(r), path: [...ancestorCodes(r.code).map((c) => names.get(c) ?? c), r.name].join(' / ') }));
}
