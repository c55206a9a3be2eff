import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

type Row = Record<string, unknown>;

/** A function that turns a raw row (values in column order) into an object with the columns' names. */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const fields = columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: unknown[]) => Row;
}

/**
 * A prepared statement as the query builder uses it (`reader`, `all`, `run`, `iterate`), reading
 * rows as arrays and shaping them with a function made for its columns: the driver's own objects
 * are built one property at a time and cost as much as the query that fills them.
 */
class Statement {
  private make?: (values: unknown[]) => Row;
  readonly reader: boolean;
  constructor(private readonly stmt: SqliteDatabase.Statement) {
    this.reader = stmt.reader;
  }
  get busy(): boolean {
    return this.stmt.busy;
  }
  all(params: unknown[]): Row[] {
    this.make ??= rowMaker(this.stmt.columns().map((c) => c.name));
    const rows = this.stmt.raw(true).all(params) as unknown[][];
    const out = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.make(rows[i]!);
    return out;
  }
  run(params: unknown[]) {
    return this.stmt.run(params);
  }
  iterate(params: unknown[]) {
    return this.stmt.raw(false).iterate(params);
  }
}

/**
 * The SQLite connection as the query builder sees it, with its prepared statements kept by SQL
 * text: preparing a statement costs as much as running a small one, and the same few hundred
 * texts come back on every request. The least recently used are dropped past `size`. A statement
 * still being iterated (a streamed query) is never handed out twice.
 */
export function withStatementCache(db: SqliteDatabase.Database, size = 1000): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = new Statement(db.prepare(text));
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
