import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import type { App } from '../../src/app/context.ts';
import { verifyStats } from '../../src/app/stats/maintain.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const JIUYE = path.join(ROOT, 'bin/jiuye.mjs');

export interface Child {
  proc: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the jiuye command as its own process (so that kill -9 hits it alone). */
export function jiuye(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [JIUYE, ...args], { cwd: ROOT, env: { ...process.env, JIUYE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const c: Child = { proc, stdout: '', stderr: '', exit: undefined as any };
  proc.stdout!.on('data', (d) => (c.stdout += d));
  proc.stderr!.on('data', (d) => (c.stderr += d));
  c.exit = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return c;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Waits until `probe` is true, checking every `every` ms; false when `ms` ran out. */
export async function until(probe: () => Promise<boolean> | boolean, ms: number, every = 100): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return true;
    await sleep(every);
  }
  return false;
}

export async function count(app: App, table: string, where = sql`1=1`): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(app.database.db);
  return Number(rows[0].n);
}

/**
 * The invariants a crash must never break, each as a list of offending records (empty = holds):
 * households whose member count is not their live people, people twice in the ledger, postings
 * with more places taken than offered, paid claims without exactly one payment of their amount,
 * batches whose total is not their entries, and maintained statistics that differ from a recount.
 */
export async function invariants(app: App) {
  const db = app.database.db;
  const households = (
    await sql<{ id: number; member_count: number; n: number }>`
      select h.id, h.member_count, count(p.id) as n from households h
      left join persons p on p.household_id = h.id and p.deleted_at is null
      group by h.id, h.member_count`.execute(db)
  ).rows.filter((r) => Number(r.member_count) !== Number(r.n));
  const duplicatePeople = (await sql`select id_hash, count(*) as n from persons where deleted_at is null group by id_hash having count(*) > 1`.execute(db)).rows;
  const overfilled = (
    await sql`select p.id, p.openings, p.filled, (select count(*) from referrals r where r.posting_id = p.id and r.status in ('recommended', 'contacted', 'interested', 'interviewed')) as pending
      from postings p`.execute(db)
  ).rows.filter((r: any) => Number(r.filled) > Number(r.openings) || Number(r.filled) + Number(r.pending) > Number(r.openings));
  const duplicateReferrals = (await sql`select person_id, posting_id, count(*) as n from referrals where closed_on is null group by person_id, posting_id having count(*) > 1`.execute(db)).rows;
  const unpaid = (
    await sql`select c.id, c.amount_fen, c.status,
        (select count(*) from payment_entries e where e.claim_id = c.id and e.kind = 'payment') as payments,
        (select count(*) from payment_entries e where e.claim_id = c.id and e.kind = 'reversal') as reversals,
        (select coalesce(sum(e.amount_fen), 0) from payment_entries e where e.claim_id = c.id) as net
      from claims c`.execute(db)
  ).rows.filter((r: any) => {
    const payments = Number(r.payments) - Number(r.reversals);
    if (r.status === 'paid') return payments !== 1 || Number(r.net) !== Number(r.amount_fen);
    return payments !== 0 || Number(r.net) !== 0;
  });
  const batches = (
    await sql`select b.id, b.total_fen, b.entry_count, (select coalesce(sum(e.amount_fen), 0) from payment_entries e where e.batch_id = b.id and e.kind = 'payment') as sum,
        (select count(*) from payment_entries e where e.batch_id = b.id and e.kind = 'payment') as n from payment_batches b`.execute(db)
  ).rows.filter((r: any) => Number(r.total_fen) !== Number(r.sum) || Number(r.entry_count) !== Number(r.n));
  const stats = await verifyStats(app);
  return { households, duplicatePeople, overfilled, duplicateReferrals, unpaid, batches, stats: stats.ok ? [] : stats.differences.slice(0, 10) };
}

export const HOLDS = { households: [], duplicatePeople: [], overfilled: [], duplicateReferrals: [], unpaid: [], batches: [], stats: [] };

/**
 * Kills the child with SIGKILL once it has held the write lock of the SQLite file for `heldMs` (0:
 * the moment it holds it), that is in the middle of a write transaction; true when it did, false
 * when the child exited first or `ms` ran out.
 */
export async function killDuringWrite(file: string, child: Child, ms = 300_000, heldMs = 0): Promise<boolean> {
  const probe = new Sqlite(file);
  probe.pragma('busy_timeout = 0');
  let exited = false;
  void child.exit.then(() => (exited = true));
  const end = Date.now() + ms;
  let heldSince: number | undefined;
  try {
    while (!exited && Date.now() < end) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        heldSince = undefined;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
        heldSince ??= Date.now();
        if (Date.now() - heldSince >= heldMs) {
          child.proc.kill('SIGKILL');
          return true;
        }
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    return false;
  } finally {
    probe.close();
  }
}
