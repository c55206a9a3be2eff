import type { Generated } from 'kysely';

export interface ImportJobTable {
  id: Generated<number>;
  /** What is imported: `ledger` (more kinds may share the table). */
  kind: string;
  file_name: string;
  file_bytes: number;
  dry_run: number | boolean;
  /** queued → running → done | failed */
  status: string;
  rows_done: number;
  bytes_done: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** File (in the data folder) listing the rejected rows with their reasons. */
  error_report_path: string | null;
  error_message: string | null;
  actor_id: number;
  actor_name: string;
  /** The importing account's scope, so that other counties cannot see the job. */
  region_code: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

declare module '../schema.ts' {
  interface DB {
    import_jobs: ImportJobTable;
  }
}
