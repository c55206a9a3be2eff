import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compiledMain } from '../../bin/compiled.mjs';
import { generateDemoRows } from '../../src/app/ledger/demo/generate.ts';
import { TEMPLATE_COLUMNS } from '../../src/app/ledger/import/template.ts';
import { migrationNames } from '../../src/store/migrate.ts';
import { ROOT } from '../hardening/fault-support.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-compiled-'));

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

    const db = new Sqlite(file, { readonly: true });
    const villages = db.prepare(`select code from regions where level = 5 and code like '140225%' order by code`).pluck().all() as string[];
    db.close();
    const rows = [...generateDemoRows({ villages, county: '140225', households: 40, seed: 7 })];
    const csv = path.join(dir, 'ledger.csv');
    fs.writeFileSync(csv, [TEMPLATE_COLUMNS.map((c) => c.zh), ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n');

    const first = run(main!, ['import', 'ledger', csv, '--json'], env);
    expect(first).toMatchObject({ accepted: rows.length, created: rows.length, rejected: 0 });
    const again = run(path.join(ROOT, 'bin', 'jiuye.mjs'), ['import', 'ledger', csv, '--json'], { ...env, JIUYE_FROM_SOURCE: '1' });
    expect(again).toMatchObject({ accepted: rows.length, created: 0, updated: 0, unchanged: rows.length });
  });
});
