import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/app/bootstrap.ts';
import { ensureDefaultPolicies } from '../src/app/policy/policies.ts';
import { simulatePolicy, type FactSource } from '../src/app/policy/simulate.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM_ACTOR } from '../src/domain/access/actor.ts';
import { compilePolicy, type PolicyRule } from '../src/domain/policy/rule.ts';
import { Simulation } from '../src/domain/policy/simulate.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { transportFacts } from './gen/policy-facts.ts';

// The target: a what-if over 1,000,000 people in under 10 s.
const people = Number(process.env.PEOPLE ?? 1_000_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const rule = JSON.parse(fs.readFileSync(path.join(here, '../policies/transport-subsidy-shanxi-2020.json'), 'utf8')) as PolicyRule;

// Generated up front so the timings below measure evaluation, not the generator.
const tg = performance.now();
const batches = [...transportFacts(people)];
const msGenerate = performance.now() - tg;

// 1. The domain alone: two versions per person (as it stands, and with the cap raised to 1,000 yuan).
const before = compilePolicy(rule);
const after = compilePolicy(rule, 1, { maxAmount: '1000' });
const t0 = performance.now();
const sim = new Simulation(before, after, 6);
for (const b of batches) for (const r of b) sim.add(r);
const msDomain = performance.now() - t0;

// 2. End to end through the use case (policy loaded from the database, lookups, presentation).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-bench-'));
const app = await openApp(loadConfig({}, { dataDir, databaseUrl: `sqlite:${path.join(dataDir, 'bench.db')}`, logLevel: 'silent' }));
await migrateToLatest(app.database);
await ensureDefaultPolicies(app);
const source: FactSource = {
  name: `synthetic: ${people.toLocaleString('en')} people with transport facts (bench/gen/policy-facts.ts)`,
  async *batches() {
    yield* batches;
  },
};
const t1 = performance.now();
const result = await simulatePolicy(app, SYSTEM_ACTOR, { policy: 'transport-subsidy-shanxi-2020', set: { maxAmount: '1000' }, source });
const msUseCase = performance.now() - t1;
await app.database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const out = {
  people,
  msGenerate: Math.round(msGenerate),
  msDomain: Math.round(msDomain),
  msUseCase: Math.round(msUseCase),
  peoplePerSecond: Math.round(people / (msUseCase / 1000)),
  eligibleBefore: result.total.eligibleBefore,
  eligibleAfter: result.total.eligibleAfter,
  costBeforeYuan: result.total.costBefore,
  costAfterYuan: result.total.costAfter,
  regions: result.byRegion.length,
  sameAsDomain: result.total.costAfterFen === sim.total.costAfterFen && result.total.eligibleBefore === sim.total.eligibleBefore,
  node: process.version,
  cpus: os.cpus().length,
};
console.table(out);
const outDir = path.join(here, 'out');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'policy-simulate.json'), JSON.stringify(out, null, 2) + '\n');
if (msUseCase > 10_000 || !out.sameAsDomain) process.exitCode = 1;
