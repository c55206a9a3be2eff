/**
 * What every import reports (`--json` of `jiuye import ledger`, `jiuye import employers|postings|occupations`):
 * row counts, and each rejected row with its sheet row number, column and rule.
 */
export interface ImportReport {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; column: string; code: string; message: string }[];
}

export function emptyReport(): ImportReport {
  return { accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
}
