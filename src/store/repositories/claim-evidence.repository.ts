import type { Tx } from '../../app/context.ts';

export interface EvidenceRecord {
  id: number;
  claimId: number;
  kind: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedById: number;
  uploadedAt: string;
}

function decode(r: any): EvidenceRecord {
  return {
    id: Number(r.id),
    claimId: Number(r.claim_id),
    kind: r.kind,
    name: r.name,
    contentType: r.content_type,
    size: Number(r.size_bytes),
    sha256: r.sha256,
    storageKey: r.storage_key,
    uploadedBy: r.uploaded_by_name,
    uploadedById: Number(r.uploaded_by),
    uploadedAt: r.uploaded_at,
  };
}

/** Metadata of the evidence files attached to claims. */
export const claimEvidenceRepository = {
  async insert(db: Tx, e: Omit<EvidenceRecord, 'id'>): Promise<EvidenceRecord> {
    const r = await db
      .insertInto('claim_evidence')
      .values({ claim_id: e.claimId, kind: e.kind, name: e.name, content_type: e.contentType, size_bytes: e.size, sha256: e.sha256, storage_key: e.storageKey, uploaded_by: e.uploadedById, uploaded_by_name: e.uploadedBy, uploaded_at: e.uploadedAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    return decode(r);
  },
  async list(db: Tx, claimId: number): Promise<EvidenceRecord[]> {
    return (await db.selectFrom('claim_evidence').selectAll().where('claim_id', '=', claimId).orderBy('id').execute()).map(decode);
  },
  async byId(db: Tx, claimId: number, id: number): Promise<EvidenceRecord | undefined> {
    const r = await db.selectFrom('claim_evidence').selectAll().where('claim_id', '=', claimId).where('id', '=', id).executeTakeFirst();
    return r && decode(r);
  },
  /** The kinds of evidence a claim has. */
  async kinds(db: Tx, claimId: number): Promise<string[]> {
    return (await db.selectFrom('claim_evidence').select('kind').distinct().where('claim_id', '=', claimId).execute()).map((r) => r.kind);
  },
};
