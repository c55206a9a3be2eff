import type { AssignmentProblem } from './assignment.ts';

/** Greedy baseline: takes arcs by descending score while the person is free and the posting has room; fast but not optimal. */
export function greedyAssignment(problem: AssignmentProblem): { total: number; assignedPosting: Int32Array } {
  const { nPeople, nPostings, capacity, arcPerson, arcPosting, arcScore } = problem;
  let count = 0;
  for (let e = 0; e < arcScore.length; e++) if (arcScore[e] > 0) count++;
  const order = new Int32Array(count);
  for (let e = 0, k = 0; e < arcScore.length; e++) if (arcScore[e] > 0) order[k++] = e;
  order.sort((a, b) => arcScore[b] - arcScore[a] || a - b);
  const assignedPosting = new Int32Array(nPeople).fill(-1);
  const left = Int32Array.from(capacity.subarray(0, nPostings));
  let total = 0;
  for (let k = 0; k < count; k++) {
    const e = order[k];
    const i = arcPerson[e];
    const j = arcPosting[e];
    if (assignedPosting[i] === -1 && left[j] > 0) {
      assignedPosting[i] = j;
      left[j]--;
      total += arcScore[e];
    }
  }
  return { total, assignedPosting };
}
