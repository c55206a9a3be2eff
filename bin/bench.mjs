#!/usr/bin/env node
// Runs every benchmark under bench/ one after another, each in its own process so that one's
// memory does not weigh on the next. Each writes its figures to bench/out/<name>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b}`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', path.join('bench', b)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
const report = path.join(root, 'bench', 'report.ts');
if (fs.existsSync(report)) spawnSync(process.execPath, ['--import', 'tsx', report], { cwd: root, stdio: 'inherit' });
process.exit(failed ? 1 : 0);
