import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { sqlitePath, type Database } from './database.ts';

const run = promisify(execFile);

/**
 * Copies the whole database into one file while it keeps serving: SQLite's online backup API, or
 * pg_dump's custom format on PostgreSQL. The copy is written beside the target and renamed, so a
 * failed backup never leaves a half file under the requested name.
 */
export async function backupDatabase(database: Database, out: string): Promise<{ bytes: number }> {
  const target = path.resolve(out);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  if (database.sqlite) await database.sqlite.backup(tmp);
  else await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, database.url], { maxBuffer: 1 << 26 });
  fs.renameSync(tmp, target);
  return { bytes: fs.statSync(target).size };
}

/**
 * Replaces the database's content with a backup. SQLite: the file is checked, then copied over the
 * database file (the server must be stopped). PostgreSQL: pg_restore --clean into the database.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new Error(`no backup file at ${source}`);
  if (/^postgres(ql)?:\/\//.test(url)) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`, source], { maxBuffer: 1 << 26 });
    return;
  }
  const check = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    const r = check.pragma('integrity_check', { simple: true });
    if (r !== 'ok') throw new Error(`the backup file fails its integrity check: ${r}`);
  } finally {
    check.close();
  }
  const target = path.resolve(sqlitePath(url));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restoring`;
  fs.copyFileSync(source, tmp);
  for (const ext of ['-wal', '-shm']) fs.rmSync(`${target}${ext}`, { force: true });
  fs.renameSync(tmp, target);
}

/** Every table with its row count and a checksum of its rows in key order, for comparing two databases. */
export async function tableFingerprints(database: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const crypto = await import('node:crypto');
  const names = database.sqlite
    ? (database.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((r) => r.name)
    : (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(database.db)).rows.map((r) => r.name);
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const name of names) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db);
    const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => normalize(r[k])))).sort();
    out[name] = { rows: rows.length, digest: crypto.createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

function normalize(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v && typeof v === 'object') return JSON.stringify(v);
  return v;
}
