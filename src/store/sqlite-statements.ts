import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * The SQLite connection as the query builder sees it, with its prepared statements kept by SQL
 * text: preparing a statement costs as much as running a small one, and the same few hundred
 * texts come back on every request. The least recently used are dropped past `size`. A statement
 * still being iterated (a streamed query) is never handed out twice.
 */
export function withStatementCache(db: SqliteDatabase.Database, size = 1000): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = db.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
    close() {
      cache.clear();
      db.close();
    },
  } as unknown as KyselySqliteDatabase;
}
