/**
 * Batch assignment benchmark: exact solver against the greedy baseline on a seeded instance.
 *   npx tsx bench/assignment.bench.ts [--size small|large] [--seed N]
 * small: 100,000 people × 10,000 postings, 21 arcs a person; large: 1,000,000 × 100,000, 10 a person.
 */
import os from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveAssignment } from '../src/domain/matching/assignment.ts';
import { greedyAssignment } from '../src/domain/matching/greedy.ts';
import { generateAssignmentInstance } from './gen/assignment-instance.ts';

const SIZES = {
  small: { nPeople: 100_000, nPostings: 10_000, arcsPerPerson: 21 },
  large: { nPeople: 1_000_000, nPostings: 100_000, arcsPerPerson: 10 },
} as const;

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

const sizeName = (arg('size') ?? 'small') as keyof typeof SIZES;
if (!(sizeName in SIZES)) {
  console.error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  process.exit(2);
}
const seed = Number(arg('seed') ?? 1);
const size = SIZES[sizeName];
const mb = (bytes: number): number => Math.round(bytes / 1048576);

let t = performance.now();
const problem = generateAssignmentInstance({ ...size, seed });
const genMs = performance.now() - t;

t = performance.now();
const cpu0 = process.cpuUsage();
const result = solveAssignment(problem);
const solveMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
// On a shared machine wall time includes waiting for a core; CPU time is what the solver used.
const solveCpuMs = (cpu.user + cpu.system) / 1000;
// maxRSS is the peak of the whole process so far: generator plus solver.
const peakRssMbSolve = Math.round(process.resourceUsage().maxRSS / 1024);

t = performance.now();
const greedy = greedyAssignment(problem);
const greedyMs = performance.now() - t;

let assigned = 0;
for (const j of result.assignedPosting) if (j >= 0) assigned++;
let capacity = 0;
for (const c of problem.capacity) capacity += c;
const gainPct = greedy.total > 0 ? ((result.total - greedy.total) / greedy.total) * 100 : 0;

const out = {
  size: sizeName,
  seed,
  people: problem.nPeople,
  postings: problem.nPostings,
  capacity,
  arcs: problem.arcScore.length,
  arcsUsed: result.stats.arcsUsed,
  generateMs: Math.round(genMs),
  solveMs: Math.round(solveMs),
  solveCpuMs: Math.round(solveCpuMs),
  loadAverage: os.loadavg()[0].toFixed(2),
  peakRssMb: peakRssMbSolve,
  heapUsedMb: mb(process.memoryUsage().heapUsed),
  optimalTotal: result.total,
  assigned,
  greedyTotal: Math.round(greedy.total * 100) / 100,
  greedyMs: Math.round(greedyMs),
  gainOverGreedyPct: Math.round(gainPct * 1000) / 1000,
  provenOptimal: result.stats.provenOptimal,
  dualGap: result.stats.dualGap,
  stats: result.stats,
  node: process.version,
  at: new Date().toISOString(),
};

for (const [k, v] of Object.entries(out)) if (k !== 'stats') console.log(`${k.padEnd(18)} ${v}`);
console.log(`${'stats'.padEnd(18)} ${JSON.stringify(result.stats)}`);

const file = join(dirname(fileURLToPath(import.meta.url)), 'out', 'assignment.json');
mkdirSync(dirname(file), { recursive: true });
let all: Record<string, unknown> = {};
try {
  all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
} catch {
  // first run, or an unreadable older file: start over
}
all[sizeName] = out;
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
