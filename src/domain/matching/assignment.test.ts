import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveAssignment, type AssignmentProblem } from './assignment.ts';
import { greedyAssignment } from './greedy.ts';
import { DomainError } from '../errors.ts';

interface Arc {
  person: number;
  posting: number;
  score: number;
}

function problemOf(nPeople: number, capacity: number[], arcs: Arc[]): AssignmentProblem {
  return {
    nPeople,
    nPostings: capacity.length,
    capacity: Int32Array.from(capacity),
    arcPerson: Int32Array.from(arcs.map((a) => a.person)),
    arcPosting: Int32Array.from(arcs.map((a) => a.posting)),
    arcScore: Float64Array.from(arcs.map((a) => a.score)),
  };
}

/** Tries every choice per person (none or one of its arcs); scores are compared in hundredths to stay exact. */
function bruteForce(nPeople: number, capacity: number[], arcs: Arc[]): number {
  const best = new Map<string, number>();
  for (const a of arcs) {
    const k = `${a.person},${a.posting}`;
    best.set(k, Math.max(best.get(k) ?? -Infinity, Math.round(a.score * 100)));
  }
  const options: Array<Array<[number, number]>> = Array.from({ length: nPeople }, () => []);
  for (const [k, w] of best) {
    const [i, j] = k.split(',').map(Number);
    if (w > 0) options[i].push([j, w]);
  }
  const left = [...capacity];
  const go = (i: number): number => {
    if (i === nPeople) return 0;
    let b = go(i + 1);
    for (const [j, w] of options[i]) {
      if (left[j] > 0) {
        left[j]--;
        b = Math.max(b, w + go(i + 1));
        left[j]++;
      }
    }
    return b;
  };
  return go(0) / 100;
}

/**
 * Independent exact solver for medium instances: successive shortest paths with Bellman-Ford on
 * s → person → posting → t, augmenting while a path still gains score. Integer hundredths.
 */
function successiveShortestPaths(nPeople: number, capacity: number[], arcs: Arc[]): number {
  const m = capacity.length;
  const s = nPeople + m;
  const t = s + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: t + 1 }, () => []);
  const add = (u: number, v: number, c: number, w: number): void => {
    out[u].push(to.length);
    to.push(v), cap.push(c), cost.push(w);
    out[v].push(to.length);
    to.push(u), cap.push(0), cost.push(-w);
  };
  for (let i = 0; i < nPeople; i++) add(s, i, 1, 0);
  for (const a of arcs) {
    const w = Math.round(a.score * 100);
    if (w > 0) add(a.person, nPeople + a.posting, 1, -w);
  }
  for (let j = 0; j < m; j++) add(nPeople + j, t, capacity[j], 0);
  let total = 0;
  for (;;) {
    const dist = new Array<number>(t + 1).fill(Infinity);
    const via = new Array<number>(t + 1).fill(-1);
    dist[s] = 0;
    for (let round = 0, changed = true; changed && round <= t; round++) {
      changed = false;
      for (let u = 0; u <= t; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of out[u]) {
          if (cap[e] > 0 && dist[u] + cost[e] < dist[to[e]]) {
            dist[to[e]] = dist[u] + cost[e];
            via[to[e]] = e;
            changed = true;
          }
        }
      }
    }
    if (!(dist[t] < 0)) break;
    for (let v = t; v !== s; v = to[via[v] ^ 1]) {
      cap[via[v]]--;
      cap[via[v] ^ 1]++;
    }
    total -= dist[t];
  }
  return total / 100;
}

function checkFeasible(p: AssignmentProblem, assigned: Int32Array): number {
  const used = new Int32Array(p.nPostings);
  const bestScore = new Map<string, number>();
  for (let e = 0; e < p.arcScore.length; e++) {
    const k = `${p.arcPerson[e]},${p.arcPosting[e]}`;
    bestScore.set(k, Math.max(bestScore.get(k) ?? -Infinity, p.arcScore[e]));
  }
  let total = 0;
  for (let i = 0; i < p.nPeople; i++) {
    const j = assigned[i];
    if (j === -1) continue;
    const s = bestScore.get(`${i},${j}`);
    expect(s, `person ${i} uses a missing arc to ${j}`).toBeDefined();
    expect(s!).toBeGreaterThan(0);
    used[j]++;
    total += s!;
  }
  for (let j = 0; j < p.nPostings; j++) expect(used[j]).toBeLessThanOrEqual(p.capacity[j]);
  return total;
}

const scoreArb = fc.oneof(
  fc.integer({ min: -5, max: 12 }),
  fc.integer({ min: -500, max: 1200 }).map((x) => x / 100),
  fc.constantFrom(0, 5, 5, 7.5, 10),
);

const instanceArb = fc
  .record({
    nPeople: fc.integer({ min: 0, max: 7 }),
    capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 4 }),
  })
  .chain(({ nPeople, capacity }) =>
    fc.record({
      nPeople: fc.constant(nPeople),
      capacity: fc.constant(capacity),
      arcs:
        nPeople === 0 || capacity.length === 0
          ? fc.constant([] as Arc[])
          : fc.array(
              fc.record({
                person: fc.integer({ min: 0, max: nPeople - 1 }),
                posting: fc.integer({ min: 0, max: capacity.length - 1 }),
                score: scoreArb,
              }),
              { maxLength: 20 },
            ),
    }),
  );

describe('solveAssignment', () => {
  it('matches brute force on small random instances and respects every constraint', () => {
    fc.assert(
      fc.property(instanceArb, ({ nPeople, capacity, arcs }) => {
        const p = problemOf(nPeople, capacity, arcs);
        const r = solveAssignment(p);
        const expected = bruteForce(nPeople, capacity, arcs);
        expect(r.total).toBeCloseTo(expected, 9);
        expect(checkFeasible(p, r.assignedPosting)).toBeCloseTo(expected, 9);
        expect(r.stats.provenOptimal).toBe(true);
        expect(r.stats.exact).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('matches an independent successive-shortest-path solver on medium random instances', () => {
    const medium = fc.record({
      nPeople: fc.integer({ min: 20, max: 80 }),
      capacity: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 12 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(medium, ({ nPeople, capacity, seed }) => {
        let x = seed | 1;
        const rnd = (k: number): number => {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          return (x >>> 0) % k;
        };
        const arcs: Arc[] = [];
        for (let i = 0; i < nPeople; i++) {
          const deg = rnd(5);
          // Few distinct scores make many ties, the hard case for scaling.
          for (let k = 0; k < deg; k++) arcs.push({ person: i, posting: rnd(capacity.length), score: (rnd(9) - 1) * 2.5 + rnd(3) * 0.01 });
        }
        const p = problemOf(nPeople, capacity, arcs);
        const r = solveAssignment(p);
        expect(r.total).toBeCloseTo(successiveShortestPaths(nPeople, capacity, arcs), 9);
        expect(checkFeasible(p, r.assignedPosting)).toBeCloseTo(r.total, 9);
        expect(r.stats.provenOptimal).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('is never worse than greedy', () => {
    fc.assert(
      fc.property(instanceArb, ({ nPeople, capacity, arcs }) => {
        const p = problemOf(nPeople, capacity, arcs);
        expect(solveAssignment(p).total).toBeGreaterThanOrEqual(greedyAssignment(p).total - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('beats greedy where greedy takes the locally best arc', () => {
    // Greedy gives p0 the 10, leaving p1 nothing; the optimum is 9 + 8.
    const p = problemOf(2, [1, 1], [
      { person: 0, posting: 0, score: 10 },
      { person: 0, posting: 1, score: 9 },
      { person: 1, posting: 0, score: 8 },
    ]);
    expect(greedyAssignment(p).total).toBe(10);
    const r = solveAssignment(p);
    expect(r.total).toBe(17);
    expect([...r.assignedPosting]).toEqual([1, 0]);
  });

  it('handles no people, no postings and no arcs', () => {
    expect(solveAssignment(problemOf(0, [], [])).total).toBe(0);
    const r = solveAssignment(problemOf(3, [2], []));
    expect(r.total).toBe(0);
    expect([...r.assignedPosting]).toEqual([-1, -1, -1]);
  });

  it('never uses arcs of score zero or below', () => {
    const r = solveAssignment(
      problemOf(2, [2], [
        { person: 0, posting: 0, score: -3 },
        { person: 1, posting: 0, score: 0 },
      ]),
    );
    expect(r.total).toBe(0);
    expect([...r.assignedPosting]).toEqual([-1, -1]);
  });

  it('leaves postings of capacity 0 empty', () => {
    const r = solveAssignment(
      problemOf(2, [0, 1], [
        { person: 0, posting: 0, score: 50 },
        { person: 1, posting: 0, score: 40 },
        { person: 1, posting: 1, score: 1 },
      ]),
    );
    expect(r.total).toBe(1);
    expect([...r.assignedPosting]).toEqual([-1, 1]);
  });

  it('keeps the best score of duplicate arcs', () => {
    const r = solveAssignment(
      problemOf(1, [1], [
        { person: 0, posting: 0, score: 2 },
        { person: 0, posting: 0, score: 7.25 },
        { person: 0, posting: 0, score: 3 },
      ]),
    );
    expect(r.total).toBe(7.25);
  });

  it('is exact with six-decimal scores that differ in the last digit', () => {
    const r = solveAssignment(
      problemOf(2, [1, 1], [
        { person: 0, posting: 0, score: 1.000001 },
        { person: 0, posting: 1, score: 1 },
        { person: 1, posting: 0, score: 1.000001 },
        { person: 1, posting: 1, score: 1.000002 },
      ]),
    );
    expect(r.total).toBeCloseTo(2.000003, 9);
    expect([...r.assignedPosting]).toEqual([0, 1]);
  });

  it('rounds scores finer than 1e-6 and says so, still reporting the original scores', () => {
    const r = solveAssignment(
      problemOf(2, [1], [
        { person: 0, posting: 0, score: 1 / 3 },
        { person: 1, posting: 0, score: 2 / 3 },
      ]),
    );
    expect(r.stats.exact).toBe(false);
    expect(r.total).toBe(2 / 3);
  });

  it('keeps integer arithmetic exact for very large scores by scaling them down', () => {
    const r = solveAssignment(
      problemOf(3, [1, 1], [
        { person: 0, posting: 0, score: 4e14 },
        { person: 1, posting: 0, score: 3e14 },
        { person: 1, posting: 1, score: 2e14 },
        { person: 2, posting: 1, score: 1e14 },
      ]),
    );
    expect(r.total).toBe(6e14);
    expect(r.stats.scoreScale).toBeLessThan(1);
  });

  it('fills capacity when everyone wants the same posting', () => {
    const arcs: Arc[] = [];
    for (let i = 0; i < 50; i++) arcs.push({ person: i, posting: 0, score: 10 }, { person: i, posting: 1, score: 1 + (i % 7) * 0.5 });
    const p = problemOf(50, [10, 5], arcs);
    const r = solveAssignment(p);
    // Posting 0 takes any 10 people; posting 1 takes the 5 best of the other 40 (scores 4.0).
    expect(r.total).toBeCloseTo(100 + 5 * 4, 9);
    expect(checkFeasible(p, r.assignedPosting)).toBeCloseTo(r.total, 9);
  });

  it('rejects out-of-range arcs and non-finite scores with the field named', () => {
    const bad = problemOf(1, [1], [{ person: 0, posting: 3, score: 1 }]);
    expect(() => solveAssignment(bad)).toThrowError(/arcPosting\[0\]/);
    const nan = problemOf(1, [1], [{ person: 0, posting: 0, score: Number.NaN }]);
    expect(() => solveAssignment(nan)).toThrow(DomainError);
    const neg = problemOf(1, [-1], []);
    expect(() => solveAssignment(neg)).toThrowError(/capacity\[0\]/);
  });
});
