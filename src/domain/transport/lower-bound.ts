import { levelAtLeast, type CoverTable } from './vehicle-cover.ts';
import type { GroupInstance } from './group-solver.ts';

/** Pareto front of (seats, cost): cost ascending, seats strictly ascending. */
interface Staircase {
  seats: number[];
  cost: number[];
}

/**
 * A lower bound on one group's cost that sees the calendar, not only the head count.
 *
 * Relax the group to "day d gets K_d seats" with one constraint per interval of a laminar family
 * (every single day, plus the nodes of a binary tree over the days): the days of an interval must
 * seat at least the travelers whose whole window lies inside it. The real plan satisfies these,
 * and the cost of a day is c(K_d), so the minimum of the relaxation is a valid bound. A laminar
 * family makes the minimum a tree of (min, +) convolutions of staircases, computed exactly. It
 * never falls below c(n), which is the root's own constraint.
 */
export function laminarBound(inst: GroupInstance, table: CoverTable): number {
  const m = inst.days;
  const n = inst.release.length;
  if (n === 0) return 0;
  const c = table.cost;
  const levels = table.levels;
  const inside = (a: number, b: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (inst.release[i] >= a && inst.deadline[i] <= b) k++;
    return k;
  };
  const leaf = (j: number): Staircase => {
    const need = inside(j, j);
    const out: Staircase = { seats: [], cost: [] };
    if (need === 0) {
      out.seats.push(0);
      out.cost.push(0);
    }
    for (let li = levelAtLeast(levels, Math.max(need, 1)); li < levels.length; li++) {
      const k = Math.min(levels[li], n);
      out.seats.push(k);
      out.cost.push(c[k]);
      if (k >= n) break;
    }
    return out;
  };
  const build = (a: number, b: number, split: (a: number, b: number) => number): Staircase => {
    if (a === b) return leaf(a);
    const mid = split(a, b);
    return convolve(build(a, mid, split), build(mid + 1, b, split), inside(a, b), n);
  };
  let best = c[n];
  const splits = [(a: number, b: number) => (a + b) >> 1, (a: number, b: number) => ((a + b + 1) >> 1) - 1];
  // A second tree tightens the bound a little; on long horizons it is not worth its time.
  for (const split of m > 2 && m <= 60 ? splits : splits.slice(0, 1)) {
    const root = build(0, m - 1, split);
    if (root.cost.length > 0 && root.cost[0] > best) best = root.cost[0];
  }
  return best;
}

/** (min, +) convolution of two staircases, keeping only fronts that seat at least `need`. */
function convolve(x: Staircase, y: Staircase, need: number, cap: number): Staircase {
  // Cheapest cost per exact seat count, then a sweep from the top turns it into "at least s seats".
  const best = new Float64Array(cap + 1).fill(Infinity);
  for (let i = 0; i < x.seats.length; i++) {
    for (let j = 0; j < y.seats.length; j++) {
      const s = Math.min(cap, x.seats[i] + y.seats[j]);
      const c = x.cost[i] + y.cost[j];
      if (c < best[s]) best[s] = c;
    }
  }
  const seats: number[] = [];
  const cost: number[] = [];
  let floor = Infinity;
  for (let s = cap; s >= need; s--) {
    if (best[s] < floor) {
      floor = best[s];
      seats.push(s);
      cost.push(floor);
    }
  }
  return { seats: seats.reverse(), cost: cost.reverse() };
}
