import { levelAtLeast, type CoverTable } from './vehicle-cover.ts';

/**
 * One (origin, destination) group, reduced to indices over its distinct deadline days.
 * Travelling only on deadline days loses nothing: a day's load can always move forward to the
 * earliest deadline among its riders, and merging loads never costs more (c is subadditive).
 */
export interface GroupInstance {
  /** Number of distinct deadline days. */
  days: number;
  /** Per traveler: first deadline day on or after the traveler's earliest date. */
  release: Int32Array;
  /** Per traveler: index of the traveler's own latest date. */
  deadline: Int32Array;
}

/** How many travelers leave on each deadline day, earliest deadlines first. */
export interface GroupSchedule {
  take: Int32Array;
  cost: number;
  /** True when no state was dropped, so the cost is the proven optimum. */
  exact: boolean;
}

interface Node {
  counts: Int32Array;
  total: number;
  cost: number;
  parent: Node | null;
  take: number;
}

/** Default beam width: layers up to this size are kept whole, so most groups are solved exactly. */
export const DEFAULT_BEAM = 600;

/** A narrow first pass: cheap, and its cost prunes most of the full search. */
const SCOUT_BEAM = 6;

/**
 * Work (transitions × days still ahead) one group may spend before its layers shrink to the scout
 * width. Groups of a two-week campaign stay far below it; a year of wide windows stays at seconds.
 */
const WORK_BUDGET = 20_000_000;

/**
 * Dynamic program over deadline days. The state is the multiset of deadlines still waiting; each
 * day pays for one price level of the cover table and fills it with the waiting travelers whose
 * deadlines come first (an exchange argument shows earliest-deadline-first loses nothing, and
 * filling paid seats never hurts later days). Equal states merge, and a state whose cost plus
 * c(everyone still to carry) cannot beat the best plan known is dropped: both keep the optimum.
 * When a layer still grows past `beam` it keeps the most promising states, and the result is a
 * heuristic rather than a proof.
 */
export function solveGroup(inst: GroupInstance, table: CoverTable, beam = DEFAULT_BEAM): GroupSchedule {
  const prep = prepare(inst);
  const scout = search(inst, prep, table, Math.min(SCOUT_BEAM, beam), Infinity);
  const full = search(inst, prep, table, beam, scout.end!.cost);
  const best = full.end ?? scout.end!;
  const m = inst.days;
  const take = new Int32Array(m);
  let node: Node | null = best;
  for (let j = m - 1; j >= 0 && node; j--) {
    take[j] = node.take;
    node = node.parent;
  }
  return { take, cost: best.cost, exact: !full.truncated };
}

interface Prepared {
  /** Releases per day as flat (deadline, count) pairs. */
  relByDay: number[][];
  relCount: Int32Array;
  /** Travelers released after day j. */
  later: Int32Array;
}

function prepare(inst: GroupInstance): Prepared {
  const m = inst.days;
  const n = inst.release.length;
  const relByDay: number[][] = Array.from({ length: m }, () => []);
  const relCount = new Int32Array(m);
  const tally = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = inst.release[i] * m + inst.deadline[i];
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  for (const [key, cnt] of [...tally.entries()].sort((a, b) => a[0] - b[0])) {
    const j = Math.floor(key / m);
    relByDay[j].push(key - j * m, cnt);
    relCount[j] += cnt;
  }
  const later = new Int32Array(m);
  for (let j = m - 2; j >= 0; j--) later[j] = later[j + 1] + relCount[j + 1];
  return { relByDay, relCount, later };
}

function search(inst: GroupInstance, prep: Prepared, table: CoverTable, beam: number, incumbent: number): { end: Node | null; truncated: boolean } {
  const m = inst.days;
  const c = table.cost;
  const levels = table.levels;
  const { relByDay, relCount, later } = prep;
  // Float costs summed in another order may differ in the last bit; such a tie is no improvement.
  const cutoff = Number.isFinite(incumbent) ? incumbent - 1e-9 * Math.max(1, Math.abs(incumbent)) : Infinity;
  let truncated = false;
  let work = 0;
  let layer: Node[] = [{ counts: new Int32Array(m), total: 0, cost: 0, parent: null, take: 0 }];
  for (let j = 0; j < m && layer.length > 0; j++) {
    const next = new Map<string, Node>();
    const rel = relByDay[j];
    const rest = later[j];
    for (const node of layer) {
      const base = node.counts.slice();
      for (let r = 0; r < rel.length; r += 2) base[rel[r]] += rel[r + 1];
      const pending = node.total + relCount[j];
      const must = base[j];
      // li = -1 stands for waiting (take nobody), allowed only when nobody's deadline is today.
      for (let li = must === 0 ? -1 : levelAtLeast(levels, must); li < levels.length; li++) {
        const take = li < 0 ? 0 : Math.min(levels[li], pending);
        const cost = node.cost + c[take];
        work += m - j;
        if (cost + c[pending - take + rest] < cutoff) {
          const counts = base.slice();
          let left = take;
          for (let d = j; left > 0 && d < m; d++) {
            const t = Math.min(left, counts[d]);
            counts[d] -= t;
            left -= t;
          }
          let last = m - 1;
          while (last > j && counts[last] === 0) last--;
          let key = '';
          for (let d = j + 1; d <= last; d++) key += counts[d] + ',';
          const seen = next.get(key);
          if (seen === undefined || cost < seen.cost) next.set(key, { counts, total: pending - take, cost, parent: node, take });
        }
        if (take >= pending) break;
      }
    }
    layer = [...next.values()];
    if (work > WORK_BUDGET) beam = Math.min(beam, SCOUT_BEAM);
    if (layer.length > beam) {
      truncated = true;
      const score = (x: Node) => x.cost + c[x.total + rest];
      layer = layer
        .map((x, i) => ({ x, s: score(x), i }))
        .sort((a, b) => a.s - b.s || a.x.cost - b.x.cost || a.i - b.i)
        .slice(0, beam)
        .map((e) => e.x);
    }
  }
  return { end: layer[0] ?? null, truncated };
}
