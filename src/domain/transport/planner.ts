import { DomainError, type FieldIssue } from '../errors.ts';
import { buildCoverTable, coverVehicles, type CoverTable, type VehicleType } from './vehicle-cover.ts';
import { DEFAULT_BEAM, solveGroup, type GroupInstance } from './group-solver.ts';
import { laminarBound } from './lower-bound.ts';

export type { VehicleType } from './vehicle-cover.ts';

export type TravelerId = string | number;

/** A person who needs a ride; `earliest` and `latest` are day numbers (days since 1970-01-01). */
export interface TransportTraveler {
  id: TravelerId;
  origin: string;
  destination: string;
  earliest: number;
  latest: number;
}

/** One vehicle of one type on one day, from one origin to one destination. */
export interface PlannedTrip {
  type: string;
  day: number;
  origin: string;
  destination: string;
  travelers: TravelerId[];
}

export interface TransportPlan {
  trips: PlannedTrip[];
  cost: number;
  /** No plan can cost less than this. */
  lowerBound: number;
  groups: number;
  /** Groups whose cost is proven optimal (equal to their share of the bound). */
  provenGroups: number;
}

export interface PlanOptions {
  /** States kept per day in the group search; larger is slower and closer to optimal. */
  beam?: number;
}

/** Orders traveler ids: numbers numerically before strings by code point. */
export function compareIds(a: TravelerId, b: TravelerId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plans trips that carry every traveler inside their window at least total cost, with a lower bound. */
export function planTrips(travelers: readonly TransportTraveler[], vehicles: readonly VehicleType[], opts: PlanOptions = {}): TransportPlan {
  assertPlannable(travelers, vehicles);
  const { groups, table } = prepare(travelers, vehicles);

  const trips: PlannedTrip[] = [];
  let cost = 0;
  let lowerBound = 0;
  let provenGroups = 0;
  for (const members of groups.values()) {
    const r = planGroup(members, table, opts.beam ?? DEFAULT_BEAM);
    trips.push(...r.trips);
    cost += r.cost;
    lowerBound += r.lowerBound;
    if (r.lowerBound >= r.cost) provenGroups++;
  }
  trips.sort(compareTrips(vehicles));
  return { trips, cost, lowerBound, groups: groups.size, provenGroups };
}

/** The calendar relaxation's bound alone, summed over groups: what is known before any search. */
export function relaxationBound(travelers: readonly TransportTraveler[], vehicles: readonly VehicleType[]): number {
  assertPlannable(travelers, vehicles);
  const { groups, table } = prepare(travelers, vehicles);
  let bound = 0;
  for (const members of groups.values()) bound += laminarBound(groupInstance(members), table);
  return bound;
}

function prepare(travelers: readonly TransportTraveler[], vehicles: readonly VehicleType[]) {
  const groups = new Map<string, TransportTraveler[]>();
  for (const t of travelers) {
    const key = `${t.origin}\u0000${t.destination}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  let largest = 0;
  for (const g of groups.values()) largest = Math.max(largest, g.length);
  return { groups, table: buildCoverTable(vehicles, Math.max(largest, 1)) };
}

function groupInstance(members: TransportTraveler[]): GroupInstance {
  const deadlines = [...new Set(members.map((t) => t.latest))].sort((a, b) => a - b);
  const index = new Map(deadlines.map((d, i) => [d, i]));
  return {
    days: deadlines.length,
    release: Int32Array.from(members, (t) => firstAtLeast(deadlines, t.earliest)),
    deadline: Int32Array.from(members, (t) => index.get(t.latest)!),
  };
}

interface GroupPlan {
  trips: PlannedTrip[];
  cost: number;
  lowerBound: number;
}

function planGroup(members: TransportTraveler[], table: CoverTable, beam: number): GroupPlan {
  const n = members.length;
  const { origin, destination } = members[0];
  let maxEarliest = -Infinity;
  let minLatest = Infinity;
  for (const t of members) {
    maxEarliest = Math.max(maxEarliest, t.earliest);
    minLatest = Math.min(minLatest, t.latest);
  }
  if (maxEarliest <= minLatest) {
    // One day suits everyone, and c(n) bounds every plan (c is subadditive), so this is optimal.
    const trips = loadDay(members, maxEarliest, origin, destination, table);
    return { trips, cost: table.cost[n], lowerBound: table.cost[n] };
  }
  const inst = groupInstance(members);
  const schedule = solveGroup(inst, table, beam);

  // Replay earliest-deadline-first to name who rides on each day.
  const order = members.map((_, i) => i).sort((a, b) => inst.deadline[a] - inst.deadline[b] || compareIds(members[a].id, members[b].id));
  const byRelease: number[][] = Array.from({ length: inst.days }, () => []);
  for (const i of order) byRelease[inst.release[i]].push(i);
  let waiting: number[] = [];
  const loads = new Map<number, TransportTraveler[]>();
  for (let j = 0; j < inst.days; j++) {
    if (byRelease[j].length > 0) {
      waiting = mergeSorted(waiting, byRelease[j], (a, b) => inst.deadline[a] - inst.deadline[b] || compareIds(members[a].id, members[b].id));
    }
    const k = schedule.take[j];
    if (k === 0) continue;
    const riders = waiting.slice(0, k).map((i) => members[i]);
    waiting = waiting.slice(k);
    // Leave on the first day that suits all riders: same cost, people reach work sooner.
    let day = -Infinity;
    for (const t of riders) day = Math.max(day, t.earliest);
    const prev = loads.get(day);
    if (prev) prev.push(...riders);
    else loads.set(day, riders);
  }
  const trips: PlannedTrip[] = [];
  let cost = 0;
  for (const [day, riders] of loads) {
    trips.push(...loadDay(riders, day, origin, destination, table));
    cost += table.cost[riders.length];
  }
  const lowerBound = schedule.exact ? cost : Math.min(cost, laminarBound(inst, table));
  return { trips, cost, lowerBound };
}

/** Seats one day's riders (sorted by id) in the cheapest cover, largest vehicle first. */
function loadDay(riders: TransportTraveler[], day: number, origin: string, destination: string, table: CoverTable): PlannedTrip[] {
  const ids = riders.map((t) => t.id).sort(compareIds);
  const trips: PlannedTrip[] = [];
  let at = 0;
  for (const v of coverVehicles(table, ids.length)) {
    const vehicle = table.vehicles[v];
    const seated = ids.slice(at, at + vehicle.capacity);
    at += seated.length;
    if (seated.length > 0) trips.push({ type: vehicle.type, day, origin, destination, travelers: seated });
  }
  return trips;
}

function firstAtLeast(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: number[], b: number[], cmp: (x: number, y: number) => number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(cmp(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

function compareTrips(vehicles: readonly VehicleType[]) {
  const capacity = new Map(vehicles.map((v) => [v.type, v.capacity]));
  return (a: PlannedTrip, b: PlannedTrip) =>
    a.day - b.day ||
    cmpStr(a.origin, b.origin) ||
    cmpStr(a.destination, b.destination) ||
    capacity.get(b.type)! - capacity.get(a.type)! ||
    cmpStr(a.type, b.type) ||
    compareIds(a.travelers[0], b.travelers[0]);
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rules the planner itself relies on; the JSON layer reports the same rules with field paths. */
function assertPlannable(travelers: readonly TransportTraveler[], vehicles: readonly VehicleType[]): void {
  const issues: FieldIssue[] = [];
  if (vehicles.length === 0) issues.push({ field: 'vehicles', code: 'required', message: 'must list at least one vehicle type' });
  vehicles.forEach((v, i) => {
    if (!Number.isInteger(v.capacity) || v.capacity < 1) issues.push({ field: `vehicles[${i}].capacity`, code: 'min', message: 'must be a whole number of at least 1' });
    if (!Number.isFinite(v.cost) || v.cost < 0) issues.push({ field: `vehicles[${i}].cost`, code: 'min', message: 'must be a number of at least 0' });
  });
  const seen = new Set<string>();
  travelers.forEach((t, i) => {
    if (!Number.isInteger(t.earliest) || !Number.isInteger(t.latest)) issues.push({ field: `travelers[${i}]`, code: 'day', message: 'earliest and latest must be day numbers' });
    else if (t.earliest > t.latest) issues.push({ field: `travelers[${i}].latest`, code: 'window', message: 'must not be before earliest' });
    const key = `${typeof t.id}:${t.id}`;
    if (seen.has(key)) issues.push({ field: `travelers[${i}].id`, code: 'unique', message: `duplicate traveler id ${t.id}` });
    seen.add(key);
  });
  if (issues.length > 0) throw DomainError.invalid(issues.slice(0, 20));
}
