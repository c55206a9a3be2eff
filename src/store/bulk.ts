import type { Database } from './database.ts';

export interface BulkTable {
  table: string;
  /** Columns with their PostgreSQL type (used to unnest typed arrays); SQLite ignores the types. */
  columns: { name: string; pgType: string }[];
  /** Columns of the unique key; a row whose key exists replaces the other columns. */
  key: string[];
}

/**
 * Upserts many rows fast, off the query builder: one prepared statement inside a transaction on
 * SQLite, one `INSERT … SELECT FROM unnest(…)` per batch on PostgreSQL. Returns the rows written.
 */
export async function bulkUpsert(database: Database, spec: BulkTable, rows: unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = spec.columns.map((c) => c.name);
  const updates = cols.filter((c) => !spec.key.includes(c)).map((c) => `${c} = excluded.${c}`);
  const onConflict = `on conflict (${spec.key.join(', ')}) do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`;
  if (database.sqlite) {
    const stmt = database.sqlite.prepare(`insert into ${spec.table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) ${onConflict}`);
    database.sqlite.transaction((batch: unknown[][]) => {
      for (const r of batch) stmt.run(r);
    })(rows);
    return rows.length;
  }
  const pool = database.pool!;
  const arrays = spec.columns.map((_, i) => rows.map((r) => r[i]));
  const unnest = spec.columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
  await pool.query(`insert into ${spec.table} (${cols.join(', ')}) select * from unnest(${unnest}) ${onConflict}`, arrays);
  return rows.length;
}
