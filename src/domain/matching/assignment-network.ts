import type { AssignmentProblem } from './assignment.ts';
import type { ResidualGraph } from './cost-scaling.ts';

/** Positive-score arcs grouped by person, one per (person, posting), with scores as integers, people and postings renumbered. */
export interface PreparedArcs {
  personStart: Int32Array;
  posting: Int32Array;
  /** Integer score: round(score × scale). */
  w: Float64Array;
  /** Index of the kept arc in the caller's arrays. */
  source: Int32Array;
  scale: number;
  exact: boolean;
  maxW: number;
  /** Internal numbering → the caller's person and posting indices. */
  personOld: Int32Array;
  postingOld: Int32Array;
  /** Capacities in the internal numbering. */
  capacity: Int32Array;
}

/** Headroom left under 2^53 for prices that drift below the scaled costs during scaling. */
const MAX_SCALED_COST = 2 ** 49;
const MAX_DECIMALS = 6;

/** Scales scores to integers without loss (up to 6 decimals), drops scores ≤ 0 and keeps the best score of duplicate pairs. */
export function prepareArcs(p: AssignmentProblem): PreparedArcs {
  const { nPeople: n, nPostings: m, arcPerson, arcPosting, arcScore, capacity } = p;
  const nArcs = arcScore.length;
  let decimals = 0;
  let exact = true;
  let maxScore = 0;
  let positive = 0;
  for (let e = 0; e < nArcs; e++) {
    const s = arcScore[e];
    if (!(s > 0)) continue;
    positive++;
    if (s > maxScore) maxScore = s;
    while (true) {
      const x = s * 10 ** decimals;
      if (Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, x)) break;
      if (decimals === MAX_DECIMALS) {
        exact = false;
        break;
      }
      decimals++;
    }
  }
  let capSum = 0;
  for (let j = 0; j < m; j++) capSum += capacity[j];
  const factorBound = costFactorFor(n, Math.min(capSum, positive));
  let scale = 10 ** decimals;
  if (maxScore * scale * factorBound > MAX_SCALED_COST) {
    scale = MAX_SCALED_COST / (maxScore * factorBound);
    exact = false;
  }

  const start = new Int32Array(n + 1);
  for (let e = 0; e < nArcs; e++) {
    if (Math.round(arcScore[e] * scale) > 0) start[arcPerson[e] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const total = start[n];
  const source = new Int32Array(total);
  const fill = start.slice(0, n);
  for (let e = 0; e < nArcs; e++) {
    if (Math.round(arcScore[e] * scale) > 0) source[fill[arcPerson[e]]++] = e;
  }
  // Compacting in place is safe: the write index never passes the read index.
  const posting = new Int32Array(total);
  const w = new Float64Array(total);
  const lastPerson = new Int32Array(m).fill(-1);
  const where = new Int32Array(m);
  let out = 0;
  let maxW = 0;
  for (let i = 0; i < n; i++) {
    const from = start[i];
    const to = start[i + 1];
    start[i] = out;
    for (let k = from; k < to; k++) {
      const e = source[k];
      const j = arcPosting[e];
      const ww = Math.round(arcScore[e] * scale);
      if (lastPerson[j] === i) {
        const o = where[j];
        if (ww > w[o]) {
          w[o] = ww;
          source[o] = e;
        }
      } else {
        lastPerson[j] = i;
        where[j] = out;
        posting[out] = j;
        w[out] = ww;
        source[out] = e;
        out++;
      }
      if (ww > maxW) maxW = ww;
    }
  }
  start[n] = out;
  return renumberForLocality(n, m, capacity, {
    personStart: start,
    posting: posting.subarray(0, out),
    w: w.subarray(0, out),
    source: source.subarray(0, out),
    scale,
    exact,
    maxW,
    personOld: new Int32Array(0),
    postingOld: new Int32Array(0),
    capacity,
  });
}

/**
 * Renumbers people and postings in breadth-first order over the arcs. Real instances are
 * geographic, so BFS keeps neighbours' ids close and the solver's price and slot reads stay in
 * cache; on the 10^6-person benchmark this matters more than any constant-factor tuning.
 */
function renumberForLocality(n: number, m: number, capacity: Int32Array, a: PreparedArcs): PreparedArcs {
  const { personStart, posting } = a;
  const nArcs = posting.length;
  const postStart = new Int32Array(m + 1);
  for (let e = 0; e < nArcs; e++) postStart[posting[e] + 1]++;
  for (let j = 0; j < m; j++) postStart[j + 1] += postStart[j];
  const postPeople = new Int32Array(nArcs);
  const fill = postStart.slice(0, m);
  for (let i = 0; i < n; i++) for (let e = personStart[i]; e < personStart[i + 1]; e++) postPeople[fill[posting[e]]++] = i;

  const personOld = new Int32Array(n);
  const postingOld = new Int32Array(m);
  const personNew = new Int32Array(n).fill(-1);
  const postingNew = new Int32Array(m).fill(-1);
  let np = 0;
  let nj = 0;
  // The queue holds people as i and postings as n + j; each enters once.
  const queue = new Int32Array(n + m);
  for (let root = 0; root < n; root++) {
    if (personNew[root] >= 0) continue;
    let qh = 0;
    let qt = 0;
    personNew[root] = np;
    personOld[np++] = root;
    queue[qt++] = root;
    while (qh < qt) {
      const x = queue[qh++];
      if (x < n) {
        for (let e = personStart[x]; e < personStart[x + 1]; e++) {
          const j = posting[e];
          if (postingNew[j] < 0) {
            postingNew[j] = nj;
            postingOld[nj++] = j;
            queue[qt++] = n + j;
          }
        }
      } else {
        const j = x - n;
        for (let k = postStart[j]; k < postStart[j + 1]; k++) {
          const i = postPeople[k];
          if (personNew[i] < 0) {
            personNew[i] = np;
            personOld[np++] = i;
            queue[qt++] = i;
          }
        }
      }
    }
  }
  for (let j = 0; j < m; j++) {
    if (postingNew[j] < 0) {
      postingNew[j] = nj;
      postingOld[nj++] = j;
    }
  }
  const start = new Int32Array(n + 1);
  const newPosting = new Int32Array(nArcs);
  const w = new Float64Array(nArcs);
  const source = new Int32Array(nArcs);
  let out = 0;
  for (let k = 0; k < n; k++) {
    const i = personOld[k];
    start[k] = out;
    for (let e = personStart[i]; e < personStart[i + 1]; e++, out++) {
      newPosting[out] = postingNew[posting[e]];
      w[out] = a.w[e];
      source[out] = a.source[e];
    }
  }
  start[n] = out;
  const cap = new Int32Array(m);
  for (let k = 0; k < m; k++) cap[k] = capacity[postingOld[k]];
  return { ...a, personStart: start, posting: newPosting, w, source, personOld, postingOld, capacity: cap };
}

/**
 * Cost multiplier that makes ε = 1 final: above the node count (so ε-optimal means optimal) and
 * above 3·people + capacity (so the duality-gap certificate closes below one score unit).
 */
function costFactorFor(nPeople: number, usableCapacity: number): number {
  return 3 * nPeople + usableCapacity + 2;
}

/**
 * The circulation network: hub → person (cap 1), person → posting (cap 1, cost −score), posting →
 * hub (cap = capacity). A person left unassigned is a unit that never leaves the hub.
 * Node order: people, postings, hub.
 */
export function buildAssignmentNetwork(
  n: number,
  m: number,
  capacity: Int32Array,
  arcs: PreparedArcs,
): { graph: ResidualGraph; capEff: Int32Array; costFactor: number } {
  const { personStart, posting, w } = arcs;
  const nArcs = posting.length;
  const hub = n + m;
  const nNodes = n + m + 1;
  const deg = new Int32Array(m);
  for (let e = 0; e < nArcs; e++) deg[posting[e]]++;
  // Capacity beyond the number of arcs into a posting can never be used.
  const capEff = new Int32Array(m);
  let capSum = 0;
  for (let j = 0; j < m; j++) {
    capEff[j] = Math.min(capacity[j], deg[j]);
    capSum += capEff[j];
  }
  const factor = costFactorFor(n, capSum);

  const first = new Int32Array(nNodes + 1);
  for (let i = 0; i < n; i++) first[i + 1] = first[i] + (personStart[i + 1] - personStart[i]) + 1;
  for (let j = 0; j < m; j++) first[n + j + 1] = first[n + j] + deg[j] + 1;
  first[hub + 1] = first[hub] + n + m;
  const nSlots = first[nNodes];
  const head = new Int32Array(nSlots);
  const cap = new Int32Array(nSlots);
  const cost = new Float64Array(nSlots);
  const twin = new Int32Array(nSlots);
  const pairCap = new Int32Array(nSlots).fill(1);
  const next = first.slice(n, n + m);
  const hubFirst = first[hub];
  for (let i = 0; i < n; i++) {
    let a = first[i];
    for (let e = personStart[i]; e < personStart[i + 1]; e++, a++) {
      const j = posting[e];
      const b = next[j]++;
      const c = w[e] * factor;
      head[a] = n + j;
      cap[a] = 1;
      cost[a] = -c;
      twin[a] = b;
      head[b] = i;
      cost[b] = c;
      twin[b] = a;
    }
    const h = hubFirst + i;
    head[a] = hub;
    twin[a] = h;
    head[h] = i;
    cap[h] = 1;
    twin[h] = a;
  }
  for (let j = 0; j < m; j++) {
    const a = first[n + j + 1] - 1;
    const h = hubFirst + n + j;
    head[a] = hub;
    cap[a] = capEff[j];
    twin[a] = h;
    head[h] = n + j;
    twin[h] = a;
    pairCap[a] = capEff[j];
    pairCap[h] = capEff[j];
  }
  return { graph: { nNodes, first, head, cap, cost, twin, pairCap }, capEff, costFactor: factor };
}
