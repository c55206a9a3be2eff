/** Region levels of the NBS hierarchy, top down. */
export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Code length per level: 14 · 1402 · 140225 · 140225100 · 140225100218. */
const LENGTHS = [2, 4, 6, 9, 12];

export const REGION_LEVEL_NAMES: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县', en: 'county' },
  town: { zh: '乡镇', en: 'town' },
  village: { zh: '村', en: 'village' },
};

/** The level (1 = province … 5 = village) of a region code, or 0 when the code has no valid shape. */
export function regionDepth(code: string): number {
  if (!/^\d+$/.test(code)) return 0;
  const i = LENGTHS.indexOf(code.length);
  return i < 0 ? 0 : i + 1;
}

/** The level name of a region code; throws on a malformed code. */
export function regionLevel(code: string): RegionLevel {
  const d = regionDepth(code);
  if (d === 0) throw new RangeError(`"${code}" is not a region code (2, 4, 6, 9 or 12 digits)`);
  return REGION_LEVELS[d - 1];
}

export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && regionDepth(code) > 0;
}

/** Codes of the ancestors of a region, province first, not including the region itself. */
export function ancestorCodes(code: string): string[] {
  const d = regionDepth(code);
  const out: string[] = [];
  for (let i = 0; i < d - 1; i++) out.push(code.slice(0, LENGTHS[i]));
  return out;
}

/** The parent code, or null for a province. */
export function parentCode(code: string): string | null {
  const a = ancestorCodes(code);
  return a.length ? a[a.length - 1] : null;
}

/** Whether `code` lies in the subtree rooted at `scope` (a region is inside itself). */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope) && regionDepth(scope) > 0;
}

/** The code at a given depth (1–5) on the path of `code`, or null when `code` is shallower. */
export function codeAtDepth(code: string, depth: number): string | null {
  if (depth < 1 || depth > regionDepth(code)) return null;
  return code.slice(0, LENGTHS[depth - 1]);
}

/** Number of levels between a region and the deepest region containing both it and `other` (0 = same). */
export function levelsApart(a: string, b: string): number {
  const da = regionDepth(a);
  const db = regionDepth(b);
  let common = 0;
  for (let i = 1; i <= Math.min(da, db); i++) {
    if (a.slice(0, LENGTHS[i - 1]) === b.slice(0, LENGTHS[i - 1])) common = i;
    else break;
  }
  return Math.max(da, db) - common;
}
