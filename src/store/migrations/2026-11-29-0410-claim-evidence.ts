import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

/**
 * Evidence attached to claims (tickets, contracts, certificates): the metadata of each file. The
 * bytes live in the data folder under `storage_key`, a generated name, never the uploader's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('claim_evidence'))
    .addColumn('claim_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_evidence_claim_idx').on('claim_evidence').columns(['claim_id', 'id']).execute();
}
