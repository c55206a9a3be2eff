/** A vehicle type of the fleet; any number of vehicles of each type may be hired. */
export interface VehicleType {
  type: string;
  capacity: number;
  cost: number;
}

/**
 * The cheapest way to seat k people, for every k up to a limit: an unbounded covering knapsack
 * over the fleet. `cost[k]` is the least cost of a multiset of vehicles with total capacity ≥ k.
 */
export interface CoverTable {
  readonly vehicles: readonly VehicleType[];
  readonly maxSeats: number;
  readonly cost: Float64Array;
  /** The vehicle index that the optimal cover of k takes first; -1 for k = 0. */
  readonly first: Int32Array;
  /**
   * Seat counts k where c(k + 1) > c(k), ascending, ending with maxSeats: for each price level the
   * most people it carries. A day never needs to pay for a level without filling it.
   */
  readonly levels: Int32Array;
}

/** Builds the cover table for 0..maxSeats people (O(maxSeats × types)). */
export function buildCoverTable(vehicles: readonly VehicleType[], maxSeats: number): CoverTable {
  if (vehicles.length === 0) throw new Error('buildCoverTable: the fleet is empty');
  const n = Math.max(0, Math.floor(maxSeats));
  const cost = new Float64Array(n + 1);
  const first = new Int32Array(n + 1);
  first[0] = -1;
  for (let k = 1; k <= n; k++) {
    let best = Infinity;
    let arg = -1;
    for (let t = 0; t < vehicles.length; t++) {
      const v = vehicles[t];
      const rest = k - v.capacity;
      const c = v.cost + (rest > 0 ? cost[rest] : 0);
      // Ties go to the larger vehicle, then to fleet order, so plans use fewer vehicles.
      if (c < best || (c === best && arg >= 0 && v.capacity > vehicles[arg].capacity)) {
        best = c;
        arg = t;
      }
    }
    cost[k] = best;
    first[k] = arg;
  }
  const levels: number[] = [];
  for (let k = 1; k <= n; k++) {
    if (k === n || cost[k + 1] > cost[k]) levels.push(k);
  }
  return { vehicles, maxSeats: n, cost, first, levels: Int32Array.from(levels) };
}

/** The vehicle indices of the cheapest cover of k people, largest capacity first. */
export function coverVehicles(table: CoverTable, k: number): number[] {
  const out: number[] = [];
  let rest = k;
  while (rest > 0) {
    const t = table.first[rest];
    out.push(t);
    rest -= table.vehicles[t].capacity;
  }
  return out.sort((a, b) => table.vehicles[b].capacity - table.vehicles[a].capacity || a - b);
}

/** Index into `levels` of the smallest level ≥ k (levels.length when none). */
export function levelAtLeast(levels: Int32Array, k: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
