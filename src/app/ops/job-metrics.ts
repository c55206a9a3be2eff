/**
 * Figures of long-running jobs (imports, batch matching, planning) for the metrics endpoint.
 * Kept in memory per process; a job reports when it ends.
 */
export interface JobFigures {
  runs: number;
  failures: number;
  rows: number;
  seconds: number;
}

const jobs = new Map<string, JobFigures>();

export function recordJob(kind: string, outcome: { ok: boolean; rows?: number; seconds: number }): void {
  const f = jobs.get(kind) ?? { runs: 0, failures: 0, rows: 0, seconds: 0 };
  f.runs++;
  if (!outcome.ok) f.failures++;
  f.rows += outcome.rows ?? 0;
  f.seconds += outcome.seconds;
  jobs.set(kind, f);
}

export function jobFigures(): [string, JobFigures][] {
  return [...jobs];
}
