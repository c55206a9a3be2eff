import { commonDepth } from './fit.ts';

/**
 * The ledger employment status of someone hired for a posting: a public-welfare post is its own
 * status; otherwise the work place against the home village decides county, province or outside.
 */
export function employmentStatusFor(homeVillage: string, workRegion: string, postType: string): 'public_welfare' | 'employed_county' | 'employed_province' | 'employed_outside' {
  if (postType === 'public_welfare') return 'public_welfare';
  const d = commonDepth(homeVillage, workRegion);
  if (d >= 3) return 'employed_county';
  if (d >= 1) return 'employed_province';
  return 'employed_outside';
}

/** Whether an employment counts as "returned to work": at work, started on or after the county's date. */
export function returnedToWork(e: { status: string; startDate: string }, since: string | null): boolean {
  return since != null && e.status === 'at_work' && e.startDate >= since;
}
