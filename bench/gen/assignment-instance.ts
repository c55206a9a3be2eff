import type { AssignmentProblem } from '../../src/domain/matching/assignment.ts';

export interface AssignmentInstanceOptions {
  nPeople: number;
  nPostings: number;
  /** Distinct postings drawn per person (fewer when the neighbourhood has fewer). */
  arcsPerPerson: number;
  seed: number;
}

/** sfc32: small, fast and good enough for synthetic data; the same seed gives the same instance. */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let k = 0; k < 16; k++) next();
  return next;
}

const OCCUPATIONS = 12;
const GROUP = 3;

/**
 * People and postings scattered over a grid of ~10 postings a cell; each person draws distinct
 * postings from the 3×3 cells around home. Score = nearness 0–40 (0.1 steps) + occupation fit 0/15/30 + pay
 * 0–20 (0.5 steps) + person priority 0/2.5/5/10, so ties are common, as in real matching scores.
 */
export function generateAssignmentInstance(o: AssignmentInstanceOptions): AssignmentProblem {
  const r = rng(o.seed);
  const g = Math.max(1, Math.round(Math.sqrt(o.nPostings / 10)));
  const cells = g * g;
  const px = new Float64Array(o.nPostings);
  const py = new Float64Array(o.nPostings);
  const pOcc = new Int32Array(o.nPostings);
  const pPay = new Float64Array(o.nPostings);
  const capacity = new Int32Array(o.nPostings);
  const cellCount = new Int32Array(cells + 1);
  const pCell = new Int32Array(o.nPostings);
  for (let j = 0; j < o.nPostings; j++) {
    px[j] = r() * g;
    py[j] = r() * g;
    pOcc[j] = Math.floor(r() * OCCUPATIONS);
    pPay[j] = Math.round(r() * 40) / 2;
    capacity[j] = 1 + Math.floor(r() * 10);
    pCell[j] = Math.floor(py[j]) * g + Math.floor(px[j]);
    cellCount[pCell[j] + 1]++;
  }
  for (let c = 0; c < cells; c++) cellCount[c + 1] += cellCount[c];
  const cellPostings = new Int32Array(o.nPostings);
  const fill = cellCount.slice(0, cells);
  for (let j = 0; j < o.nPostings; j++) cellPostings[fill[pCell[j]]++] = j;

  const maxArcs = o.nPeople * o.arcsPerPerson;
  const arcPerson = new Int32Array(maxArcs);
  const arcPosting = new Int32Array(maxArcs);
  const arcScore = new Float64Array(maxArcs);
  const takenBy = new Int32Array(o.nPostings).fill(-1);
  const near = new Int32Array(9);
  const priorities = [0, 0, 0, 2.5, 5, 10];
  let e = 0;
  for (let i = 0; i < o.nPeople; i++) {
    const x = r() * g;
    const y = r() * g;
    const occ = Math.floor(r() * OCCUPATIONS);
    const priority = priorities[Math.floor(r() * priorities.length)];
    const cx = Math.floor(x);
    const cy = Math.floor(y);
    let nc = 0;
    let pool = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const ax = cx + dx;
        const ay = cy + dy;
        if (ax < 0 || ay < 0 || ax >= g || ay >= g) continue;
        const c = ay * g + ax;
        near[nc++] = c;
        pool += cellCount[c + 1] - cellCount[c];
      }
    }
    const want = Math.min(o.arcsPerPerson, pool > 0 ? pool : o.nPostings);
    for (let k = 0; k < want; k++) {
      let j: number;
      do {
        if (pool === 0) {
          j = Math.floor(r() * o.nPostings);
        } else {
          let pick = Math.floor(r() * pool);
          let c = 0;
          while (pick >= cellCount[near[c] + 1] - cellCount[near[c]]) {
            pick -= cellCount[near[c] + 1] - cellCount[near[c]];
            c++;
          }
          j = cellPostings[cellCount[near[c]] + pick];
        }
      } while (takenBy[j] === i);
      takenBy[j] = i;
      const d = Math.hypot(px[j] - x, py[j] - y);
      const nearness = Math.round(Math.max(0, 40 * (1 - d / 3)) * 10) / 10;
      const fit = pOcc[j] === occ ? 30 : Math.floor(pOcc[j] / GROUP) === Math.floor(occ / GROUP) ? 15 : 0;
      arcPerson[e] = i;
      arcPosting[e] = j;
      arcScore[e] = Math.round((nearness + fit + pPay[j] + priority) * 100) / 100;
      e++;
    }
  }
  return {
    nPeople: o.nPeople,
    nPostings: o.nPostings,
    capacity,
    arcPerson: arcPerson.subarray(0, e),
    arcPosting: arcPosting.subarray(0, e),
    arcScore: arcScore.subarray(0, e),
  };
}
