import type { Generated } from 'kysely';

export interface ClaimEvidenceTable {
  id: Generated<number>;
  claim_id: number;
  /** One of the evidence ids of the claim's policy (ticket, labor-contract, …). */
  kind: string;
  /** The name shown and downloaded under; never used as a path. */
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** The file's generated name under `<data folder>/evidence/`. */
  storage_key: string;
  uploaded_by: number;
  uploaded_by_name: string;
  uploaded_at: string;
}

declare module '../schema.ts' {
  interface DB {
    claim_evidence: ClaimEvidenceTable;
  }
}
