import { solveAssignment, type AssignmentStats } from './assignment.ts';
import type { PersonFacts, PostingFacts } from './facts.ts';
import { greedyAssignment } from './greedy.ts';
import { PostingIndex } from './posting-index.ts';

export interface GraphInput {
  people: PersonFacts[];
  postings: PostingFacts[];
  /** Places each posting may still take in this run, by position in `postings`. */
  capacity: Int32Array;
  on: string;
  /** Each person keeps their best arcs only, which keeps the graph sparse on dense regions. */
  maxArcsPerPerson: number;
}

export interface GraphSolution {
  nArcs: number;
  arcPerson: Int32Array;
  arcPosting: Int32Array;
  arcScore: Float64Array;
  assignedPosting: Int32Array;
  total: number;
  greedyTotal: number;
  graphMs: number;
  solveMs: number;
  stats: AssignmentStats;
}

/**
 * Builds the candidate graph (an arc for every fitting person–posting pair, scored) with the
 * posting index, then solves the maximum-score assignment exactly. Pure: runs as well in a worker.
 */
export function buildAndSolve(input: GraphInput): GraphSolution {
  const t0 = performance.now();
  const { people, postings, capacity } = input;
  const position = new Map<number, number>();
  postings.forEach((p, j) => position.set(p.id, j));
  const index = PostingIndex.build(postings.filter((_, j) => capacity[j] > 0));
  let arcPerson = new Int32Array(1024);
  let arcPosting = new Int32Array(1024);
  let arcScore = new Float64Array(1024);
  let n = 0;
  for (let i = 0; i < people.length; i++) {
    for (const c of index.topK(people[i], input.on, input.maxArcsPerPerson)) {
      if (n === arcPerson.length) {
        const grow = <T extends Int32Array | Float64Array>(a: T): T => {
          const b = new (a.constructor as any)(a.length * 2) as T;
          b.set(a);
          return b;
        };
        arcPerson = grow(arcPerson);
        arcPosting = grow(arcPosting);
        arcScore = grow(arcScore);
      }
      arcPerson[n] = i;
      arcPosting[n] = position.get(c.postingId)!;
      arcScore[n] = c.score;
      n++;
    }
  }
  arcPerson = arcPerson.slice(0, n);
  arcPosting = arcPosting.slice(0, n);
  arcScore = arcScore.slice(0, n);
  const t1 = performance.now();
  const problem = { nPeople: people.length, nPostings: postings.length, capacity, arcPerson, arcPosting, arcScore };
  const result = solveAssignment(problem);
  const t2 = performance.now();
  const greedy = greedyAssignment(problem);
  return { nArcs: n, arcPerson, arcPosting, arcScore, assignedPosting: result.assignedPosting, total: result.total, greedyTotal: greedy.total, graphMs: t1 - t0, solveMs: t2 - t1, stats: result.stats };
}
