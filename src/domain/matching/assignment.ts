import { DomainError, type FieldIssue } from '../errors.ts';
import { minCostCirculation, type ResidualGraph } from './cost-scaling.ts';
import { buildAssignmentNetwork, prepareArcs, type PreparedArcs } from './assignment-network.ts';

/** People, postings with capacities, and scored person→posting arcs, all as typed arrays. */
export interface AssignmentProblem {
  nPeople: number;
  nPostings: number;
  capacity: Int32Array;
  arcPerson: Int32Array;
  arcPosting: Int32Array;
  arcScore: Float64Array;
}

export interface AssignmentStats {
  /** Pushes plus relabels over all scaling phases. */
  iterations: number;
  phases: number;
  pushes: number;
  relabels: number;
  priceUpdates: number;
  ms: number;
  /** Arcs left after dropping scores ≤ 0 and keeping the best of duplicate pairs. */
  arcsUsed: number;
  /** Scores were multiplied by this and rounded; `exact` says the rounding lost nothing. */
  scoreScale: number;
  exact: boolean;
  /** Dual bound minus the total, in units of 1/scoreScale; below 1 proves the total optimal (checked independently of the solver's invariants). */
  dualGap: number;
  provenOptimal: boolean;
}

export interface AssignmentResult {
  total: number;
  /** Posting index per person, -1 when the person stays unassigned. */
  assignedPosting: Int32Array;
  stats: AssignmentStats;
}

/** Checks that the typed problem is well formed; throws a validation DomainError naming the first bad entries. */
export function validateAssignmentProblem(p: AssignmentProblem): void {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string, message: string): void => {
    if (issues.length < 20) issues.push({ field, code, message });
  };
  if (!Number.isInteger(p.nPeople) || p.nPeople < 0) add('nPeople', 'not_count', 'must be a non-negative integer');
  if (!Number.isInteger(p.nPostings) || p.nPostings < 0) add('nPostings', 'not_count', 'must be a non-negative integer');
  if (p.capacity.length !== p.nPostings) add('capacity', 'length', `must have ${p.nPostings} entries`);
  const nArcs = p.arcPerson.length;
  if (p.arcPosting.length !== nArcs || p.arcScore.length !== nArcs) add('arcs', 'length', 'arcPerson, arcPosting and arcScore must have equal lengths');
  if (issues.length) throw DomainError.invalid(issues);
  for (let j = 0; j < p.nPostings; j++) {
    if (p.capacity[j] < 0) add(`capacity[${j}]`, 'negative', 'must not be negative');
  }
  for (let e = 0; e < nArcs; e++) {
    const i = p.arcPerson[e];
    const j = p.arcPosting[e];
    if (i < 0 || i >= p.nPeople) add(`arcPerson[${e}]`, 'out_of_range', `person ${i} is not in 0..${p.nPeople - 1}`);
    if (j < 0 || j >= p.nPostings) add(`arcPosting[${e}]`, 'out_of_range', `posting ${j} is not in 0..${p.nPostings - 1}`);
    if (!Number.isFinite(p.arcScore[e])) add(`arcScore[${e}]`, 'not_finite', 'must be a finite number');
  }
  if (issues.length) throw DomainError.invalid(issues);
}

/** Maximum-score assignment: each person to at most one posting, each posting up to its capacity, only arcs of positive score; exact (min-cost flow by cost scaling). */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const t0 = performance.now();
  validateAssignmentProblem(problem);
  const { nPeople: n, nPostings: m } = problem;
  const arcs = prepareArcs(problem);
  const net = buildAssignmentNetwork(n, m, arcs.capacity, arcs);
  const factor = net.costFactor;
  // Pricing each person at its best score leaves only the hub→person arcs out of line at the
  // start, so the first phase moves one unit per person instead of one per arc.
  const start = new Float64Array(net.graph.nNodes);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let e = arcs.personStart[i]; e < arcs.personStart[i + 1]; e++) if (arcs.w[e] > best) best = arcs.w[e];
    start[i] = best * factor;
  }
  const assignedPosting = new Int32Array(n);
  let dualGap = Infinity;
  const certify = (price: Float64Array): boolean => {
    const totalW = readAssignment(n, m, net.graph, arcs, assignedPosting);
    dualGap = dualityGap(n, m, arcs, net.capEff, price, factor, totalW);
    return dualGap < 1;
  };
  // Below one score unit of ε the flow is often already optimal; the certificate says when, and
  // the remaining phases (which only tighten prices) are skipped.
  const { price, stats: flowStats } = minCostCirculation(net.graph, {
    initialPrice: start,
    proven: (p, eps) => eps < factor && certify(p),
  });
  let maxPrice = 0;
  for (let v = 0; v < price.length; v++) maxPrice = Math.max(maxPrice, Math.abs(price[v]));
  const proven = certify(price) && maxPrice < 2 ** 52;

  // The certificate bounds the score of any assignment; this checks the one found is one.
  const load = new Int32Array(m);
  for (let i = 0; i < n; i++) if (assignedPosting[i] >= 0) load[assignedPosting[i]]++;
  for (let j = 0; j < m; j++) {
    if (load[j] > arcs.capacity[j]) throw new Error(`assignment solver: posting ${arcs.postingOld[j]} over capacity`);
  }
  let totalW = 0;
  let totalRaw = 0;
  const result = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const j = assignedPosting[i];
    if (j < 0) continue;
    const e = arcIndex(arcs, i, j);
    totalW += arcs.w[e];
    totalRaw += problem.arcScore[arcs.source[e]];
    result[arcs.personOld[i]] = arcs.postingOld[j];
  }
  return {
    total: arcs.exact ? totalW / arcs.scale : totalRaw,
    assignedPosting: result,
    stats: {
      iterations: flowStats.pushes + flowStats.relabels,
      phases: flowStats.phases,
      pushes: flowStats.pushes,
      relabels: flowStats.relabels,
      priceUpdates: flowStats.priceUpdates,
      ms: performance.now() - t0,
      arcsUsed: arcs.w.length,
      scoreScale: arcs.scale,
      exact: arcs.exact,
      dualGap,
      provenOptimal: proven,
    },
  };
}

function arcIndex(arcs: PreparedArcs, i: number, j: number): number {
  let e = arcs.personStart[i];
  while (arcs.posting[e] !== j) e++;
  return e;
}

/** Reads the assignment off the flow into `out` and returns its integer score. */
function readAssignment(n: number, m: number, g: ResidualGraph, arcs: PreparedArcs, out: Int32Array): number {
  const { first, head, cap } = g;
  const hub = n + m;
  let totalW = 0;
  out.fill(-1);
  for (let i = 0; i < n; i++) {
    for (let s = first[i]; s < first[i + 1]; s++) {
      // A person→posting slot without residual capacity carries the person's one unit.
      if (cap[s] === 0 && head[s] !== hub) {
        out[i] = head[s] - n;
        totalW += arcs.w[arcIndex(arcs, i, out[i])];
        break;
      }
    }
  }
  return totalW;
}

/**
 * Reads LP duals off the final node prices (posting price = hub price − node price, clamped at 0;
 * person profit = best arc score minus price, clamped at 0) and returns dual objective − primal
 * total in score units. Any non-negative posting prices give an upper bound, so a gap below one
 * score unit proves the integer-valued total optimal without trusting the solver.
 */
function dualityGap(
  n: number,
  m: number,
  arcs: PreparedArcs,
  capEff: Int32Array,
  price: Float64Array,
  factor: number,
  totalW: number,
): number {
  const hub = n + m;
  const ph = price[hub];
  const v = new Float64Array(m);
  // The bound can pass 2^53 on large instances, so whole multiples of `factor` and remainders are summed apart.
  let q = 0;
  let r = 0;
  const add = (x: number): void => {
    const k = Math.floor(x / factor);
    q += k;
    r += x - k * factor;
  };
  for (let j = 0; j < m; j++) {
    const vj = ph - price[n + j];
    v[j] = vj > 0 ? vj : 0;
    if (v[j] > 0) add(v[j] * capEff[j]);
  }
  const { personStart, posting, w } = arcs;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let e = personStart[i]; e < personStart[i + 1]; e++) {
      const val = w[e] * factor - v[posting[e]];
      if (val > best) best = val;
    }
    if (best > 0) add(best);
  }
  return q - totalW + r / factor;
}
