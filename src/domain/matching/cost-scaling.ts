/**
 * Min-cost circulation by cost scaling with push-relabel (Goldberg's method), on a residual
 * graph kept in CSR arrays. Costs and prices are integers held in Float64 (exact below 2^53);
 * a circulation that is ε-optimal with ε < 1/(cycle length) on integer costs is optimal, so
 * callers multiply their costs by a factor larger than the number of nodes and the last phase
 * runs at ε = 1.
 */

/** A residual graph: slots first[v]..first[v+1]-1 leave node v; twin[s] is the reverse slot of s. */
export interface ResidualGraph {
  nNodes: number;
  first: Int32Array;
  head: Int32Array;
  /** Residual capacity of each slot; pushing along s moves capacity from s to twin[s]. */
  cap: Int32Array;
  cost: Float64Array;
  twin: Int32Array;
  /** cap[s] + cap[twin[s]], fixed: gives the reverse residual without touching the twin's cache line. */
  pairCap: Int32Array;
}

export interface CirculationStats {
  phases: number;
  pushes: number;
  relabels: number;
  priceUpdates: number;
}

/** Nodes with more slots than this keep residual slots first (see State.live). */
const PARTITION_DEGREE = 32;

/** Relabels per node between two global price updates. */
const UPDATE_FREQ = 0.5;

/**
 * Turns the circulation in `g` (zero flow is one) into a min-cost circulation, starting from
 * `initialPrice` when given; returns the prices that certify it. Slots of a node are reordered
 * while it runs (residual ones first), so callers must read results through head/cap, not
 * through slot positions.
 */
export function minCostCirculation(
  g: ResidualGraph,
  opts: {
    initialPrice?: Float64Array;
    alpha?: number;
    /** Called with the prices after each phase (the flow is then a circulation); true ends the scaling early. */
    proven?: (price: Float64Array, eps: number) => boolean;
  } = {},
): { price: Float64Array; stats: CirculationStats } {
  const n = g.nNodes;
  const s: State = {
    g,
    price: opts.initialPrice ?? new Float64Array(n),
    excess: new Int32Array(n),
    cur: new Int32Array(n),
    live: new Int32Array(n),
    partitioned: new Uint8Array(n),
    queue: new Int32Array(n + 1),
    dist: new Int32Array(n),
    bucket: new Int32Array(Math.max(16, n) + 1),
    next: new Int32Array(n),
    prev: new Int32Array(n),
    stats: { phases: 0, pushes: 0, relabels: 0, priceUpdates: 0 },
  };
  partitionResidual(s);
  let eps = Math.max(1, worstViolation(g, s.price));
  const alpha = opts.alpha ?? 10;
  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / alpha));
    refine(s, eps);
    s.stats.phases++;
    if (eps > 1 && opts.proven?.(s.price, eps)) break;
  }
  return { price: s.price, stats: s.stats };
}

interface State {
  g: ResidualGraph;
  price: Float64Array;
  excess: Int32Array;
  cur: Int32Array;
  /**
   * For nodes of high degree, slots first[v]..live[v]-1 have residual capacity and the rest
   * none, so scans skip the saturated majority (a posting's arcs from people it does not hold).
   * Other nodes keep their slots in place (live[v] = first[v+1]) and scans test cap instead:
   * moving a slot costs writes to its twin's far-away cache line on every push.
   */
  live: Int32Array;
  partitioned: Uint8Array;
  queue: Int32Array;
  dist: Int32Array;
  bucket: Int32Array;
  next: Int32Array;
  prev: Int32Array;
  stats: CirculationStats;
}

/** Exchanges two slots of one node, keeping twins pointing at each other. */
function swapSlots(g: ResidualGraph, a: number, b: number): void {
  if (a === b) return;
  const { head, cap, cost, twin, pairCap } = g;
  const ta = twin[a];
  const tb = twin[b];
  let x = head[a];
  head[a] = head[b];
  head[b] = x;
  x = cap[a];
  cap[a] = cap[b];
  cap[b] = x;
  x = pairCap[a];
  pairCap[a] = pairCap[b];
  pairCap[b] = x;
  twin[a] = tb;
  twin[b] = ta;
  twin[ta] = b;
  twin[tb] = a;
  const c = cost[a];
  cost[a] = cost[b];
  cost[b] = c;
}

function partitionResidual(s: State): void {
  const { g, live, partitioned } = s;
  const { nNodes: n, first, cap } = g;
  for (let v = 0; v < n; v++) {
    if (first[v + 1] - first[v] <= PARTITION_DEGREE) {
      live[v] = first[v + 1];
      continue;
    }
    partitioned[v] = 1;
    let k = first[v];
    for (let t = first[v]; t < first[v + 1]; t++) {
      if (cap[t] > 0) swapSlots(g, t, k++);
    }
    live[v] = k;
  }
}

/** Moves `d` units along slot `a` (which leaves `v`); keeps both live partitions in order. Returns true when another slot took a's place. */
function push(s: State, v: number, a: number, d: number): boolean {
  const { g, live, partitioned } = s;
  const { cap, twin, head } = g;
  const t = twin[a];
  const w = head[a];
  const before = cap[t];
  cap[t] = before + d;
  if (before === 0 && partitioned[w] === 1) swapSlots(g, t, live[w]++);
  cap[a] -= d;
  if (cap[a] === 0 && partitioned[v] === 1) {
    swapSlots(g, a, --live[v]);
    return true;
  }
  return false;
}

/** The smallest ε for which the current flow and prices are ε-optimal. */
function worstViolation(g: ResidualGraph, price: Float64Array): number {
  const { nNodes: n, first, head, cap, cost } = g;
  let worst = 0;
  for (let v = 0; v < n; v++) {
    const pv = price[v];
    for (let s = first[v]; s < first[v + 1]; s++) {
      if (cap[s] > 0) {
        const rc = cost[s] + pv - price[head[s]];
        if (-rc > worst) worst = -rc;
      }
    }
  }
  return worst;
}

/**
 * Global price update: Dial's shortest paths from the deficit nodes backwards, with arc length
 * floor(reduced cost / ε) + 1, then every node's price drops by ε × its distance. ε-optimality is
 * kept and every excess gets an admissible path to a deficit, which cuts the long runs of small
 * relabels that ties in scores cause. Stops once every excess node has its distance.
 */
function priceUpdate(s: State, eps: number): void {
  const { g, price, excess, cur, dist, bucket, next, prev } = s;
  const { nNodes: n, first, head, cap, cost, pairCap } = g;
  const limit = bucket.length - 1;
  const UNSEEN = -1;
  const DONE = -2;
  bucket.fill(-1);
  let remaining = 0;
  for (let v = 0; v < n; v++) {
    const ex = excess[v];
    if (ex > 0) remaining++;
    if (ex < 0) {
      dist[v] = 0;
      prev[v] = -1;
      next[v] = bucket[0];
      if (bucket[0] >= 0) prev[bucket[0]] = v;
      bucket[0] = v;
    } else {
      dist[v] = UNSEEN;
    }
  }
  // dist[v] >= 0 while v sits in a bucket; DONE once scanned (its distance then lives in `next`).
  let level = 0;
  while (remaining > 0 && level <= limit) {
    const w = bucket[level];
    if (w < 0) {
      level++;
      continue;
    }
    bucket[level] = next[w];
    if (next[w] >= 0) prev[next[w]] = -1;
    dist[w] = DONE;
    next[w] = level;
    if (excess[w] > 0) remaining--;
    const pw = price[w];
    const end = first[w + 1];
    for (let a = first[w]; a < end; a++) {
      // The twin of a is the arc v→w, with cost −cost[a].
      if (pairCap[a] - cap[a] <= 0) continue;
      const v = head[a];
      const dv = dist[v];
      if (dv === DONE) continue;
      const nd = level + Math.floor((price[v] - pw - cost[a]) / eps) + 1;
      if (nd > limit || (dv !== UNSEEN && nd >= dv)) continue;
      if (dv !== UNSEEN) {
        const pv = prev[v];
        const nv = next[v];
        if (pv >= 0) next[pv] = nv;
        else bucket[dv] = nv;
        if (nv >= 0) prev[nv] = pv;
      }
      dist[v] = nd;
      prev[v] = -1;
      next[v] = bucket[nd];
      if (bucket[nd] >= 0) prev[bucket[nd]] = v;
      bucket[nd] = v;
    }
  }
  // Nodes never reached are at least `level` away; lowering them by that much keeps ε-optimality.
  const top = Math.min(level, limit);
  for (let v = 0; v < n; v++) {
    const d = dist[v] === DONE ? next[v] : top;
    if (d > 0) price[v] -= eps * d;
    cur[v] = first[v];
  }
  s.stats.priceUpdates++;
}

function refine(s: State, eps: number): void {
  const { g, price, excess, cur, live, queue } = s;
  const { nNodes: n, first, head, cap, cost } = g;
  // Saturating only the arcs that break the new ε keeps the rest of the flow: the pseudoflow is
  // ε-optimal, which is all push-relabel needs, and far less of the assignment is undone.
  for (let v = 0; v < n; v++) {
    const pv = price[v] + eps;
    for (let a = first[v]; a < live[v]; ) {
      const w = head[a];
      if (cap[a] > 0 && cost[a] + pv - price[w] < 0) {
        const r = cap[a];
        excess[v] -= r;
        excess[w] += r;
        if (push(s, v, a, r)) continue;
      }
      a++;
    }
  }
  const qn = n + 1;
  let qh = 0;
  let qt = 0;
  for (let v = 0; v < n; v++) {
    cur[v] = first[v];
    if (excess[v] > 0) queue[qt++] = v;
  }
  if (qt === 0) return;
  let pushes = 0;
  let relabels = 0;
  let nextUpdate = Math.ceil(n * UPDATE_FREQ);
  while (qh !== qt) {
    if (relabels >= nextUpdate) {
      priceUpdate(s, eps);
      nextUpdate = relabels + Math.ceil(n * UPDATE_FREQ);
    }
    const v = queue[qh];
    qh = qh + 1 === qn ? 0 : qh + 1;
    let ex = excess[v];
    while (ex > 0) {
      const pv = price[v];
      let a = cur[v];
      while (a < live[v]) {
        const w = head[a];
        const r = cap[a];
        if (r > 0 && cost[a] + pv - price[w] < 0) {
          const d = r < ex ? r : ex;
          ex -= d;
          const before = excess[w];
          excess[w] = before + d;
          pushes++;
          if (before <= 0 && before + d > 0) {
            queue[qt] = w;
            qt = qt + 1 === qn ? 0 : qt + 1;
          }
          // Either ex is now 0 (stay on a: it may still be admissible) or the slot was saturated,
          // and a is looked at again: it now holds another slot, or fails the cap test.
          push(s, v, a, d);
          if (ex === 0) break;
        } else {
          a++;
        }
      }
      if (ex === 0) {
        cur[v] = a;
        break;
      }
      // No admissible arc left: lower the price just enough to make the best residual arc admissible.
      let best = -Infinity;
      const end = live[v];
      for (let t = first[v]; t < end; t++) {
        if (cap[t] === 0) continue;
        const val = price[head[t]] - cost[t];
        if (val > best) best = val;
      }
      if (best === -Infinity) throw new Error('cost scaling: node with excess has no residual arc');
      price[v] = best - eps;
      cur[v] = first[v];
      relabels++;
    }
    excess[v] = ex;
  }
  s.stats.pushes += pushes;
  s.stats.relabels += relabels;
}
