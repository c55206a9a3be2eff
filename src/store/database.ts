import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { ConnectionWaits } from './connection-waits.ts';
import { withPreparedStatements } from './pg-prepared.ts';
import { withStatementCache } from './sqlite-statements.ts';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

/**
 * What differs between the engines, said once here so that use cases never ask which engine runs.
 */
export interface Capabilities {
  engine: Engine;
  /** Case-insensitive LIKE operator for name search. */
  ilike: 'like' | 'ilike';
  /** The engine can stream COPY for bulk loads (PostgreSQL); otherwise prepared statements are used. */
  copy: boolean;
}

export interface Database {
  db: Kysely<DB>;
  caps: Capabilities;
  url: string;
  /** The raw SQLite handle, for bulk paths that bypass the query builder. */
  sqlite?: SqliteDatabase.Database;
  /** The raw PostgreSQL pool, for COPY and other bulk paths. */
  pool?: pg.Pool;
  /** How long the longest-waiting query has waited for a connection so far, in ms (0 on SQLite, which has none to wait for). */
  connectionWaitMs(): number;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from PostgreSQL as strings; every figure here fits in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** Accepts `sqlite:/path/file.db`, `file:…`, a bare path, `:memory:`, or a `postgres://` URL. */
export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
}

/** Opens a database by URL. SQLite files are created with their folder; WAL mode and foreign keys on. */
export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<Database> {
  if (engineOf(url) === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => {
      // An idle client lost its connection (the server restarted); the pool replaces it on next use.
    });
    pool.on('connect', (client) => {
      // A client that is checked out when its connection drops fails its query and also emits
      // 'error'; kysely listens to neither, and an unheard 'error' event would end the process.
      client.on('error', () => {});
      withPreparedStatements(client);
    });
    const waits = new ConnectionWaits();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: () => waits.timed(() => pool.connect()), end: () => pool.end() } }) });
    await sql`select 1`.execute(db);
    return {
      db,
      pool,
      url,
      connectionWaitMs: () => waits.longestMs(),
      caps: { engine: 'postgres', ilike: 'ilike', copy: true },
      close: () => db.destroy(),
    };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // Reads of a ledger larger than the page cache map the file instead of copying each page in:
  // a random person read at 10^6 people takes 9 µs instead of 14.
  if (file !== ':memory:') sqlite.pragma('mmap_size = 4294967296');
  // The planner needs table statistics: without them it walks a status index of a million people
  // to test one household's members. Sampled statistics (analysis_limit) take well under a second.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    sqlite,
    url,
    connectionWaitMs: () => 0,
    caps: { engine: 'sqlite', ilike: 'like', copy: false },
    close: () => db.destroy(),
  };
}
