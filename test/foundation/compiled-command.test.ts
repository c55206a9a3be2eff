import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compiledMain } from '../../bin/compiled.mjs';
import { migrationNames } from '../../src/store/migrate.ts';
import { freePort, ROOT, until } from '../hardening/fault-support.ts';
import { demoRows, writeCsv } from '../ledger-import/support.ts';
import { multipart } from '../ledger-import/upload.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-compiled-'));

/** A CSV ledger of demo households in the villages of 浑源县 that the database at `file` holds. */
function ledgerCsv(file: string, households: number): { csv: string; rows: number } {
  const db = new Sqlite(file, { readonly: true });
  const villages = db.prepare(`select code from regions where level = 5 and code like '140225%' order by code`).pluck().all() as string[];
  db.close();
  const rows = demoRows(villages, households, 7);
  return { csv: writeCsv(rows), rows: rows.length };
}

function run(entry: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JIUYE_LOG_LEVEL: 'warn', ...env } });
  if (r.status !== 0) throw new Error(`${path.basename(entry)} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('when the command runs the compiled build', () => {
  it('runs it only while no source file or folder is newer than the build', () => {
    const root = fs.mkdtempSync(path.join(tmp, 'root-'));
    fs.mkdirSync(path.join(root, 'src', 'app'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'app', 'a.ts'), 'export {};\n');
    const past = new Date(Date.now() - 60_000);
    for (const p of ['src/app/a.ts', 'src/app', 'src']) fs.utimesSync(path.join(root, p), past, past);
    expect(compiledMain(root, {})).toBeNull();

    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', '.built'), 'now\n');
    expect(compiledMain(root, {})).toBe(path.join(root, 'dist', 'cli', 'main.js'));
    expect(compiledMain(root, { JIUYE_FROM_SOURCE: '1' })).toBeNull();

    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'src', 'app', 'a.ts'), later, later);
    expect(compiledMain(root, {})).toBeNull();
    fs.utimesSync(path.join(root, 'src', 'app', 'a.ts'), past, past);
    expect(compiledMain(root, {})).not.toBeNull();
    // A file added or removed changes its folder's time.
    fs.utimesSync(path.join(root, 'src', 'app'), later, later);
    expect(compiledMain(root, {})).toBeNull();
  });

  it('migrates and imports through its worker thread like the sources, and the sources see the same ledger', () => {
    const main = compiledMain();
    expect(main, 'the test setup compiles src/ when it is stale').toBe(path.join(ROOT, 'dist', 'cli', 'main.js'));
    const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
    const file = path.join(dir, 'jiuye.db');
    const env = { JIUYE_DATA_DIR: dir, JIUYE_DATABASE_URL: `sqlite:${file}` };

    const migrated = run(main!, ['migrate', '--json'], env);
    expect(migrated.total).toBe(migrationNames().length);
    expect(migrated.total).toBeGreaterThan(10);
    run(main!, ['regions', 'load', '--province', '14', '--json'], env);

    const { csv, rows } = ledgerCsv(file, 40);

    const first = run(main!, ['import', 'ledger', csv, '--json'], env);
    expect(first).toMatchObject({ accepted: rows, created: rows, rejected: 0 });
    const again = run(path.join(ROOT, 'bin', 'jiuye.mjs'), ['import', 'ledger', csv, '--json'], { ...env, JIUYE_FROM_SOURCE: '1' });
    expect(again).toMatchObject({ accepted: rows, created: 0, updated: 0, unchanged: rows });
  });

  it('serves the pages and imports an upload on its own threads', async () => {
    const main = compiledMain()!;
    const dir = fs.mkdtempSync(path.join(tmp, 'serve-'));
    const file = path.join(dir, 'jiuye.db');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, JIUYE_DATA_DIR: dir, JIUYE_DATABASE_URL: `sqlite:${file}`, JIUYE_DEMO: '0', JIUYE_ADMIN_PASSWORD: 'compiled-admin-1', JIUYE_LOG_LEVEL: 'warn' };
    const server = spawn(process.execPath, [main, 'serve', '--port', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => server.on('exit', r));
    try {
      expect(await until(async () => (await fetch(`${base}/readyz`).catch(() => undefined))?.status === 200, 90_000, 250), stderr).toBe(true);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'compiled-admin-1' }) });
      expect(login.status).toBe(200);
      const headers = { cookie: `jiuye_session=${/jiuye_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]}`, 'x-requested-with': 'jiuye' };

      const { csv, rows } = ledgerCsv(file, 30);
      const m = multipart('ledger.csv', fs.readFileSync(csv));
      const started = await fetch(`${base}/api/v1/imports/ledger`, { method: 'POST', headers: { ...headers, ...m.headers }, body: new Uint8Array(m.body) });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: number };
      let job: any;
      expect(await until(async () => ['done', 'failed'].includes((job = await (await fetch(`${base}/api/v1/imports/${id}`, { headers })).json()).status), 60_000, 200)).toBe(true);
      expect(job).toMatchObject({ status: 'done', accepted: rows, created: rows, rejected: 0 });
    } finally {
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
