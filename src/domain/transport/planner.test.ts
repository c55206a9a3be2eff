import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { planTrips, type TransportPlan, type TransportTraveler, type VehicleType } from './planner.ts';
import { buildCoverTable, coverVehicles } from './vehicle-cover.ts';
import { laminarBound } from './lower-bound.ts';
import type { GroupInstance } from './group-solver.ts';

/** Cheapest vehicle multiset seating k, by trying every count of every type. */
function bruteCover(vehicles: VehicleType[], k: number): number {
  let best = Infinity;
  const counts = new Array(vehicles.length).fill(0);
  const rec = (t: number, seats: number, cost: number) => {
    if (cost >= best) return;
    if (seats >= k) {
      best = cost;
      return;
    }
    if (t === vehicles.length) return;
    for (let x = 0; seats + (x - 1) * vehicles[t].capacity < k; x++) {
      counts[t] = x;
      rec(t + 1, seats + x * vehicles[t].capacity, cost + x * vehicles[t].cost);
    }
  };
  rec(0, 0, 0);
  return best;
}

/** Optimum by trying every day for every traveler. */
function bruteOptimum(travelers: TransportTraveler[], vehicles: VehicleType[]): number {
  const cover = (k: number) => (k === 0 ? 0 : bruteCover(vehicles, k));
  let best = Infinity;
  const day = new Array<number>(travelers.length);
  const rec = (i: number) => {
    if (i === travelers.length) {
      const loads = new Map<string, number>();
      travelers.forEach((t, j) => {
        const key = `${t.origin}|${t.destination}|${day[j]}`;
        loads.set(key, (loads.get(key) ?? 0) + 1);
      });
      let cost = 0;
      for (const k of loads.values()) cost += cover(k);
      best = Math.min(best, cost);
      return;
    }
    for (let d = travelers[i].earliest; d <= travelers[i].latest; d++) {
      day[i] = d;
      rec(i + 1);
    }
  };
  rec(0);
  return best;
}

/** Every rule a plan must keep, checked from the outside. */
function expectValid(plan: TransportPlan, travelers: TransportTraveler[], vehicles: VehicleType[]): void {
  const byType = new Map(vehicles.map((v) => [v.type, v]));
  const byId = new Map(travelers.map((t) => [t.id, t]));
  const seen = new Set<string | number>();
  let cost = 0;
  for (const trip of plan.trips) {
    const v = byType.get(trip.type);
    expect(v).toBeDefined();
    cost += v!.cost;
    expect(trip.travelers.length).toBeGreaterThan(0);
    expect(trip.travelers.length).toBeLessThanOrEqual(v!.capacity);
    for (const id of trip.travelers) {
      const t = byId.get(id)!;
      expect(t).toBeDefined();
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(trip.origin).toBe(t.origin);
      expect(trip.destination).toBe(t.destination);
      expect(trip.day).toBeGreaterThanOrEqual(t.earliest);
      expect(trip.day).toBeLessThanOrEqual(t.latest);
    }
  }
  expect(seen.size).toBe(travelers.length);
  expect(plan.cost).toBeCloseTo(cost, 6);
  expect(plan.lowerBound).toBeLessThanOrEqual(plan.cost + 1e-9);
}

const vehiclesArb = fc
  .uniqueArray(
    fc.record({ capacity: fc.integer({ min: 1, max: 6 }), cost: fc.integer({ min: 0, max: 30 }) }),
    { minLength: 1, maxLength: 3, selector: (v) => `${v.capacity}` },
  )
  .map((vs) => vs.map((v, i) => ({ type: `v${i}`, ...v })));

const travelersArb = fc
  .array(
    fc.record({
      origin: fc.constantFrom('140105', '141125'),
      destination: fc.constantFrom('1101', '3205'),
      earliest: fc.integer({ min: 0, max: 3 }),
      span: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 0, maxLength: 7 },
  )
  .map((ts) =>
    ts.map((t, i) => ({
      id: `t${i}`,
      origin: t.origin,
      destination: t.destination,
      earliest: 18_330 + t.earliest,
      latest: 18_330 + Math.min(3, t.earliest + t.span),
    })),
  );

describe('vehicle cover', () => {
  it('matches a brute-force covering knapsack', () => {
    fc.assert(
      fc.property(vehiclesArb, (vehicles) => {
        const table = buildCoverTable(vehicles, 20);
        for (let k = 1; k <= 20; k++) {
          expect(table.cost[k]).toBe(bruteCover(vehicles, k));
          const used = coverVehicles(table, k);
          expect(used.reduce((s, t) => s + vehicles[t].capacity, 0)).toBeGreaterThanOrEqual(k);
          expect(used.reduce((s, t) => s + vehicles[t].cost, 0)).toBe(table.cost[k]);
        }
      }),
    );
  });

  it('lists the most seats each price buys', () => {
    const table = buildCoverTable([{ type: 'car', capacity: 4, cost: 500 }, { type: 'coach', capacity: 45, cost: 3000 }], 50);
    expect(table.cost[5]).toBe(1000);
    expect(table.cost[24]).toBe(3000);
    expect([...table.levels].slice(0, 6)).toEqual([4, 8, 12, 16, 20, 45]);
  });
});

describe('planTrips against brute force', () => {
  it('finds the proven optimum on small instances', () => {
    fc.assert(
      fc.property(travelersArb, vehiclesArb, (travelers, vehicles) => {
        const plan = planTrips(travelers, vehicles);
        expectValid(plan, travelers, vehicles);
        const optimum = bruteOptimum(travelers, vehicles);
        expect(plan.cost).toBe(optimum);
        expect(plan.lowerBound).toBe(optimum);
        expect(plan.provenGroups).toBe(plan.groups);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every rule and a valid bound when the search is cut to one state a day', () => {
    fc.assert(
      fc.property(travelersArb, vehiclesArb, (travelers, vehicles) => {
        const plan = planTrips(travelers, vehicles, { beam: 1 });
        expectValid(plan, travelers, vehicles);
        const optimum = bruteOptimum(travelers, vehicles);
        expect(plan.cost).toBeGreaterThanOrEqual(optimum);
        expect(plan.lowerBound).toBeLessThanOrEqual(optimum);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets the calendar bound pass the optimum of a group', () => {
    fc.assert(
      fc.property(travelersArb, vehiclesArb, (all, vehicles) => {
        const travelers = all.filter((t) => t.origin === '140105' && t.destination === '1101');
        if (travelers.length === 0) return;
        const deadlines = [...new Set(travelers.map((t) => t.latest))].sort((a, b) => a - b);
        const inst: GroupInstance = {
          days: deadlines.length,
          release: Int32Array.from(travelers, (t) => deadlines.findIndex((d) => d >= t.earliest)),
          deadline: Int32Array.from(travelers, (t) => deadlines.indexOf(t.latest)),
        };
        const bound = laminarBound(inst, buildCoverTable(vehicles, travelers.length));
        expect(bound).toBeLessThanOrEqual(bruteOptimum(travelers, vehicles));
      }),
      { numRuns: 300 },
    );
  });
});

describe('planTrips', () => {
  const fleet: VehicleType[] = [
    { type: 'coach', capacity: 45, cost: 3000 },
    { type: 'minibus', capacity: 19, cost: 1500 },
    { type: 'car', capacity: 4, cost: 500 },
  ];
  const person = (id: string, earliest: number, latest: number, destination = '1101'): TransportTraveler => ({
    id,
    origin: '140105',
    destination,
    earliest,
    latest,
  });

  it('puts a group that shares a day on that day, at c(n)', () => {
    const travelers = Array.from({ length: 50 }, (_, i) => person(`p${String(i).padStart(2, '0')}`, 10 + (i % 3), 12 + (i % 4)));
    const plan = planTrips(travelers, fleet);
    expectValid(plan, travelers, fleet);
    expect(new Set(plan.trips.map((t) => t.day))).toEqual(new Set([12]));
    expect(plan.cost).toBe(3000 + 1000);
    expect(plan.lowerBound).toBe(plan.cost);
  });

  it('seats the flexible travelers on days that must run anyway', () => {
    // Days 1 and 2 each have someone who can go on no other day; b and d fit beside them.
    const travelers = [person('a', 1, 1), person('b', 1, 2), person('c', 2, 2), person('d', 2, 3)];
    const plan = planTrips(travelers, fleet);
    expectValid(plan, travelers, fleet);
    expect(plan.cost).toBe(1000);
  });

  it('keeps origins and destinations apart', () => {
    const travelers = [person('a', 1, 1), person('b', 1, 1, '3205'), { ...person('c', 1, 1), origin: '141125' }];
    const plan = planTrips(travelers, fleet);
    expect(plan.trips).toHaveLength(3);
    expect(plan.groups).toBe(3);
  });

  it('sorts its output and gives the same plan for the same input in any order', () => {
    const travelers = Array.from({ length: 30 }, (_, i) => person(`p${i}`, i % 5, (i % 5) + (i % 3), i % 2 ? '1101' : '1201'));
    const a = planTrips(travelers, fleet);
    const b = planTrips([...travelers].reverse(), fleet);
    expect(b).toEqual(a);
    const keys = a.trips.map((t) => [t.day, t.origin, t.destination]);
    expect(keys).toEqual([...keys].sort((x, y) => (x[0] as number) - (y[0] as number) || String(x[1]).localeCompare(String(y[1])) || String(x[2]).localeCompare(String(y[2]))));
  });

  it('returns an empty plan for nobody', () => {
    expect(planTrips([], fleet)).toEqual({ trips: [], cost: 0, lowerBound: 0, groups: 0, provenGroups: 0 });
  });

  it('rejects a window that ends before it starts, and a repeated id', () => {
    try {
      planTrips([person('a', 5, 4), person('a', 1, 1)], fleet);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      if (!isDomainError(e)) return;
      expect(e.issues.map((i) => i.field)).toEqual(['travelers[0].latest', 'travelers[1].id']);
    }
  });

  it('rejects an empty fleet', () => {
    expect(() => planTrips([person('a', 1, 1)], [])).toThrow(/vehicles: must list at least one vehicle type/);
  });

  it('plans a large group with long windows within its bound', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const travelers = Array.from({ length: 800 }, (_, i) => {
      const e = Math.floor(rand() * 30);
      return person(`p${i}`, e, e + Math.floor(rand() * 10));
    });
    const plan = planTrips(travelers, fleet);
    expectValid(plan, travelers, fleet);
    expect(plan.cost).toBeLessThanOrEqual(plan.lowerBound * 1.02);
  });
});
