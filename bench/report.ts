import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Writes bench/REPORT.md from every bench/out/*.json: the machine, then one section per benchmark
 * with its figures and the comparison it makes (exact against greedy, import against a raw insert,
 * plan against its lower bound, load against the issue's targets, …). A benchmark this file does
 * not know yet still gets a section with its figures, so adding a bench never needs this file first.
 * `npx tsx bench/report.ts` (run by `npm run bench` after the benchmarks).
 */

type J = Record<string, any>;
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const REPORT = path.join(ROOT, 'bench/REPORT.md');

const num = (x: unknown, digits = 0): string => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : x == null ? '—' : String(x));
/** A run's rate beside the raw insert's: "1.95× slower", or faster when a re-import of unchanged rows beats it. */
const againstRaw = (raw: number, rate: number): string =>
  Math.abs(rate / raw - 1) < 0.005 ? 'as fast' : rate > raw ? `${num(rate / raw, 2)}× faster` : `${num(raw / rate, 2)}× slower`;
const ms = (x: unknown) => (typeof x === 'number' ? `${num(x, x < 10 ? 2 : x < 100 ? 1 : 0)} ms` : '—');
const sec = (msValue: unknown) => (typeof msValue === 'number' ? `${num(msValue / 1000, 1)} s` : '—');
const pct = (x: unknown, digits = 2) => (typeof x === 'number' ? `${num(x, digits)}%` : '—');
const yes = (b: unknown) => (b === true ? 'yes' : b === false ? 'no' : '—');
const la = (x: unknown) => (Array.isArray(x) ? x.map((v) => num(v, 2)).join(' / ') : x == null ? '—' : String(x));
const verdict = (ok: boolean | null | undefined) => (ok == null ? '—' : ok ? 'met' : 'not met');

function table(head: string[], rows: unknown[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => (c == null ? '—' : String(c))).join(' | ')} |`)].join('\n');
}

function when(j: J): string {
  const at = typeof j.at === 'string' ? j.at : Object.values(j).find((v: any) => v && typeof v === 'object' && typeof v.at === 'string')?.at;
  return at ? ` (measured ${String(at).slice(0, 16).replace('T', ' ')} UTC)` : '';
}

/** Any JSON as a two-column list of its scalar figures, for benchmarks without a dedicated section. */
function generic(j: J): string {
  const rows: unknown[][] = [];
  const walk = (v: unknown, key: string, depth: number) => {
    if (rows.length >= 60) return;
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 4) for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k, depth + 1);
    else if (Array.isArray(v)) rows.push([key, v.length <= 4 && v.every((x) => typeof x !== 'object') ? v.join(', ') : `${v.length} items`]);
    else rows.push([key, typeof v === 'number' ? num(v, 2) : String(v)]);
  };
  walk(j, '', 0);
  return table(['figure', 'value'], rows);
}

const SECTIONS: Record<string, { title: string; render: (j: J, all: Record<string, J>) => string }> = {
  assignment: {
    title: 'Batch assignment: exact (cost-scaling push-relabel) against greedy',
    render: (j) =>
      table(
        ['size', 'people', 'postings', 'places', 'arcs', 'exact total', 'greedy total', 'gain over greedy', 'proven optimal', 'solve', 'greedy', 'peak RSS', 'load avg'],
        Object.values(j).filter((x: any) => x && typeof x === 'object' && 'optimalTotal' in x).map((x: any) => [x.size, num(x.people), num(x.postings), num(x.capacity), num(x.arcs), num(x.optimalTotal, 1), num(x.greedyTotal, 1), pct(x.gainOverGreedyPct, 3), yes(x.provenOptimal), sec(x.solveMs), sec(x.greedyMs), `${num(x.peakRssMb)} MB`, x.loadAverage]),
      ) + '\n\nThe exact solution is proven optimal by an independent dual certificate; the column "gain over greedy" is what exactness buys over assigning the best remaining pair first.',
  },
  'ledger-import': {
    title: 'Ledger import against a raw bulk insert of the same rows',
    render: (j) => {
      const raw = j.rawPreparedInsertSqlite;
      const rows: unknown[][] = [];
      if (raw) rows.push(['raw prepared INSERT (SQLite, no validation, no encryption)', num(raw.rows), `${num(raw.seconds, 1)} s`, num(raw.rowsPerSecond), `${num(raw.peakRssMb)} MB`, '1.00×']);
      const bare = j.rawPreparedInsertSqliteBare;
      if (bare) rows.push(['raw prepared INSERT into a table of the same columns without indexes', num(bare.rows), `${num(bare.seconds, 1)} s`, num(bare.rowsPerSecond), `${num(bare.peakRssMb)} MB`, raw ? againstRaw(raw.rowsPerSecond, bare.rowsPerSecond) : '—']);
      const label: Record<string, string> = {
        import_xlsx_sqlite: 'import, .xlsx into sqlite (streamed workbook)',
        import_sqlite_whole: 'import, sqlite fresh in one transaction (how the command loads an empty ledger)',
      };
      for (const [k, v] of Object.entries(j)) {
        if (!k.startsWith('import_') || !v || typeof v !== 'object') continue;
        if ('rowsPerSecond' in (v as J)) {
          // A single run (the .xlsx import), of its own file.
          const r = v as J;
          rows.push([label[k] ?? k.replace('import_', 'import, '), num(r.rows), `${num(r.seconds, 1)} s`, num(r.rowsPerSecond), `${num(r.peakRssMb)} MB`, raw ? againstRaw(raw.rowsPerSecond, r.rowsPerSecond) : '—']);
          continue;
        }
        for (const [run, r] of Object.entries(v as J)) {
          if (!r || typeof r !== 'object' || !('rowsPerSecond' in r)) continue;
          rows.push([`${k.replace('import_', 'import, ')} ${run}`, num(r.rows), `${num(r.seconds, 1)} s`, num(r.rowsPerSecond), `${num(r.peakRssMb)} MB`, raw ? againstRaw(raw.rowsPerSecond, r.rowsPerSecond) : '—']);
        }
      }
      const own = (name: string, r: J | undefined) => r && rows.push([name, num(r.rows), `${num(r.seconds, 1)} s`, num(r.rowsPerSecond), `${num(r.peakRssMb)} MB`, raw ? againstRaw(raw.rowsPerSecond, r.rowsPerSecond) : '—']);
      own('`jiuye import ledger` in its own process (SQLite; peak = kernel high-water mark)', j.cliImportSqlite);
      own('`jiuye import ledger` of the .xlsx workbook in its own process (SQLite; peak = kernel high-water mark)', j.cliImportXlsxSqlite);
      return `${table(['run', 'rows', 'time', 'rows/s', 'peak RSS', 'against raw insert'], rows)}\n\nThe import validates every field, encrypts and hashes ID numbers and phones, keeps household facts and statistics and writes the audit trail; the raw inserts do none of that. Load average at start: ${la(j.loadAverageAtStart)}, at end: ${la(j.loadAverageAtEnd)}.`;
    },
  },
  'ledger-search': {
    title: 'Search by exact ID number or phone in a ledger of a million people',
    render: (j) => {
      const row = (name: string, r: J | undefined) => r && [name, num(r.lookups), num(r.found), ms(r.p50Ms), ms(r.p95Ms), ms(r.p99Ms), ms(r.maxMs), verdict(r.p99Ms < 5)];
      const rows = [row('exact ID number', j.byIdNumber), row('phone', j.byPhone)].filter(Boolean) as unknown[][];
      return `${num(j.persons)} people (${j.engine}), through the use case the API calls (keyed hash, index lookup, masked page); load average ${la(j.loadAverage)}.\n\n${table(['search', 'lookups', 'found', 'p50', 'p95', 'p99', 'max', 'under 5 ms (p99)'], rows)}`;
    },
  },
  transport: {
    title: 'Point-to-point trip planning against its lower bound',
    render: (j) =>
      table(
        ['travelers', 'groups', 'trips', 'plan cost', 'lower bound', 'gap', 'LP relaxation bound', 'gap to relaxation', 'plan time'],
        [[num(j.travelers), num(j.groups), num(j.trips), num(j.cost), num(j.lowerBound), pct(j.gapPercent, 3), num(j.relaxationBound), pct(j.relaxationGapPercent, 3), ms(j.ms)]],
      ) + '\n\nA gap of 0% against the combinatorial lower bound means the plan is optimal for these groups; the relaxation bound is the weaker, always-valid one.',
  },
  'policy-simulate': {
    title: 'Policy what-if simulation over the ledger',
    render: (j) =>
      table(
        ['people', 'domain only', 'through the use case', 'people/s', 'eligible before → after', 'cost before → after (yuan)', 'same as domain'],
        [[num(j.people), ms(j.msDomain), ms(j.msUseCase), num(j.peoplePerSecond), `${num(j.eligibleBefore)} → ${num(j.eligibleAfter)}`, `${num(j.costBeforeYuan, 2)} → ${num(j.costAfterYuan, 2)}`, yes(j.sameAsDomain)]],
      ),
  },
  'demand-import': {
    title: 'Employer and posting import: first import against re-import of the same file',
    render: (j) =>
      table(
        ['engine', 'employers rows/s', 'postings rows/s (new)', 'postings rows/s (unchanged re-run)', 'postings time new / re-run'],
        Object.values(j).filter((x: any) => x?.engine).map((x: any) => [x.engine, num(x.employers?.rowsPerSec), num(x.postings?.rowsPerSec), num(x.postingsAgain?.rowsPerSec), `${sec(x.postings?.ms)} / ${sec(x.postingsAgain?.ms)}`]),
      ),
  },
  'job-board': {
    title: 'Public job board: filtered pages over half a million open postings',
    render: (j) =>
      table(
        ['engine', 'open postings', 'queries', 'p50', 'p95', 'p99', 'max'],
        Object.values(j).filter((x: any) => x?.engine).map((x: any) => [x.engine, num(x.openPostings), num(x.queries), ms(x.p50Ms), ms(x.p95Ms), ms(x.p99Ms), ms(x.maxMs)]),
      ),
  },
  'stats-dashboard': {
    title: 'Statistics dashboard: maintained figures against a full recount',
    render: (j) => {
      const rows = Object.entries(j.dashboardMs ?? {}).flatMap(([level, calls]: [string, any]) => Object.entries(calls).map(([call, s]: [string, any]) => [level, call, ms(s.p50), ms(s.p95), ms(s.max)]));
      return `${num(j.counts?.people)} people, ${num(j.counts?.postings)} postings. A full recount (\`stats verify\`) of ${num(j.verify?.checked)} figures takes ${sec(j.verify?.ms)} and agrees: ${yes(j.verify?.ok)}; the dashboard reads the maintained figures instead:\n\n${table(['level', 'call', 'p50', 'p95', 'max'], rows)}\n\nTargets: province p95 < ${num(j.targets?.provinceP95Ms)} ms (${j.targets?.provinceMet ? 'met' : 'not met'}), village p95 < ${num(j.targets?.villageP95Ms)} ms (${j.targets?.villageMet ? 'met' : 'not met'}). Keeping the figures adds p50 ${ms(j.personUpdateMs?.statsShare?.p50)} of a person update's ${ms(j.personUpdateMs?.total?.p50)}.`;
    },
  },
  load: {
    title: 'HTTP load (autocannon against `jiuye serve` in its own process)',
    render: (j) => {
      const parts: string[] = [];
      const s = j.settings ?? {};
      const sizes = Object.entries<J>(j.engines ?? {}).map(([engine, e]) => `${engine}: \`${e.generateCommand ?? `jiuye demo --households ${num(typeof s.households === 'object' ? s.households[engine] : s.households)}`}\` → ${num(e.people)} people in ${num(e.households)} households${e.generateMs ? `, generated in ${sec(e.generateMs)}` : ''}`);
      parts.push(`Demo data — ${sizes.join('; ')}. ${num(s.connections)} connections, ${num(s.durationSec)} s per endpoint; the import during reads is ${num(s.importRows)} rows uploaded through the API.`);
      const rows: unknown[][] = [];
      for (const [engine, e] of Object.entries<J>(j.engines ?? {})) {
        if (e.error) {
          rows.push([engine, 'failed', e.error, '', '', '', '', '', '']);
          continue;
        }
        const cpu = (r: J) => (r.serverCpuUsPerRequest != null ? `server CPU ${num(r.serverCpuUsPerRequest)} µs/request; ` : '');
        const line = (name: string, r: J | undefined, target: string, ok: boolean | null, note = '') =>
          r && rows.push([engine, name, num(r.requestsPerSec), ms(r.latencyMs?.p50), ms(r.latencyMs?.p99), num(r.non2xx), target, verdict(ok), `${note}${cpu(r)}load ${la(r.loadAverage)}`]);
        line('baseline: bare Fastify route, fixed 2 KB JSON', e.baseline?.bareFastify, '(the floor)', null);
        line('baseline: Fastify + one person row by key', e.baseline?.keyLookup, '(the floor)', null);
        line(`person read (${num(e.people)} people)`, e.read, '≥ 10,000/s, p99 < 20 ms', e.read ? e.read.requestsPerSec >= 10_000 && e.read.latencyMs.p99 < 20 : null);
        line('search page (town, seeking, 50)', e.search, '≥ 2,000/s, p99 < 100 ms', e.search ? e.search.requestsPerSec >= 2_000 && e.search.latencyMs.p99 < 100 : null);
        line('search page starting anywhere (random cursor)', e.searchAnywhere, '≥ 2,000/s, p99 < 100 ms', e.searchAnywhere ? e.searchAnywhere.requestsPerSec >= 2_000 && e.searchAnywhere.latencyMs.p99 < 100 : null, e.searchAnywhere ? `from ${num(e.searchAnywhere.startingPoints)} starting points, so pages seldom repeat; ` : '');
        line('write (PATCH with version): pay wish', e.write, '≥ 1,000/s, no lost update', e.write ? e.write.successfulWritesPerSec >= 1_000 && e.write.lostUpdates === 0 : null, e.write ? `${num(e.write.successfulWritesPerSec)} ok/s, ${num(e.write.preconditionFailed412)} × 412, ${num(e.write.lostUpdates)} lost of ${num(e.write.peopleWritten)} people; ` : '');
        line('write (PATCH with version): pay wish and employment status, moving the statistics', e.writeCounted, '≥ 1,000/s, no lost update', e.writeCounted ? e.writeCounted.successfulWritesPerSec >= 1_000 && e.writeCounted.lostUpdates === 0 : null, e.writeCounted ? `${num(e.writeCounted.successfulWritesPerSec)} ok/s, ${num(e.writeCounted.preconditionFailed412)} × 412, ${num(e.writeCounted.lostUpdates)} lost of ${num(e.writeCounted.peopleWritten)} people; ` : '');
        line('person read during import', e.readsDuringImport, 'p99 < 50 ms', e.readsDuringImport?.latencyMs ? e.readsDuringImport.latencyMs.p99 < 50 : null, e.readsDuringImport ? `import of ${num(e.readsDuringImport.importRows)} rows ran at ${num(e.readsDuringImport.importRowsPerSecDuringWindow)} rows/s meanwhile; ` : '');
        line(`soak ${num(e.soak?.seconds)} s mixed`, e.soak, 'RSS growth ≤ 10%', e.soak?.growthPct != null ? e.soak.growthPct <= 10 : null, e.soak ? `RSS ${num(e.soak.rssMbAfterWarmup)} → ${num(e.soak.rssMbEnd)} MB (${pct(e.soak.growthPct, 1)}), peak ${num(e.soak.rssMbPeak)} MB${e.soak.anonMbEnd != null ? `, of which private ${num(e.soak.anonMbAfterWarmup)} → ${num(e.soak.anonMbEnd)} MB (the rest is the mapped database file)` : ''}; ` : '');
        line('overload (400 connections)', e.overload, '503 + Retry-After, stays up', e.overload ? e.overload.responses503WithRetryAfter > 0 && e.overload.alive?.serverRunning && e.overload.alive?.healthz === 200 : null, e.overload ? `${num(e.overload.responses503)} × 503 (${num(e.overload.responses503WithRetryAfter)} with Retry-After), ${num(e.overload.servedOk)} served; ` : '');
      }
      parts.push(table(['engine', 'endpoint', 'req/s', 'p50', 'p99', 'non-2xx', 'target', 'verdict', 'notes'], rows));
      const shares = Object.entries<J>(j.engines ?? {})
        .filter(([, e]) => e.baseline?.keyLookup && e.read)
        .map(([engine, e]) => `${engine}: the person read serves ${pct((100 * e.read.requestsPerSec) / e.baseline.keyLookup.requestsPerSec, 0)} of the key-lookup baseline's requests/s and ${pct((100 * e.read.requestsPerSec) / e.baseline.bareFastify.requestsPerSec, 0)} of the bare route's`);
      if (shares.length) parts.push(`The baselines run from their own process (\`bench/gen/baseline-server.ts\`) just before the product, with the same connections and duration: they are the floor on this machine at that moment. ${shares.join('; ')}. The issue's read target, 10,000/s where a bare route serves ~27,000/s and Fastify with a SQLite key lookup ~25,000/s, asks for 37–40 % of those.`);
      parts.push('The load generator runs on the same 2 cores as the server and takes a large share of them, and other work on the machine raises the load average: read the figures with the load average next to them.');
      return parts.join('\n\n');
    },
  },
};

function sectionFor(name: string): { title: string; render: (j: J, all: Record<string, J>) => string } | undefined {
  if (SECTIONS[name]) return SECTIONS[name];
  if (name.startsWith('recommend')) {
    return {
      title: `Recommendations for one person${name.includes('postgres') ? ' (PostgreSQL)' : ''}`,
      render: (j) =>
        table(
          ['engine', 'open postings', 'queries', 'use case p50', 'p95', 'p99', 'candidate search p95', 'target', 'met'],
          [[j.engine, num(j.openPostings), num(j.queries), ms(j.useCaseMs?.p50), ms(j.useCaseMs?.p95), ms(j.useCaseMs?.p99), ms(j.candidateSearchMs?.p95), j.target, yes(j.pass)]],
        ),
    };
  }
  return undefined;
}

const files = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => f.endsWith('.json')).sort() : [];
const all: Record<string, J> = {};
for (const f of files) {
  try {
    all[f.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(OUT, f), 'utf8'));
  } catch (e) {
    all[f.replace(/\.json$/, '')] = { error: `unreadable: ${(e as Error).message}` };
  }
}

const nodes = new Set(Object.values(all).flatMap((j) => [j.node, j.machine?.node, ...Object.values(j).map((v: any) => v?.node)]).filter(Boolean));
const out: string[] = [
  '# Performance report',
  '',
  `Written by \`bench/report.ts\` from ${files.length} result file(s) in \`bench/out/\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run everything with \`npm run bench\`, or one benchmark with \`npx tsx bench/<name>.bench.ts\` and then \`npx tsx bench/report.ts\`.`,
  '',
  '## Machine',
  '',
  table(['', ''], [
    ['CPU', `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`],
    ['memory', `${num(os.totalmem() / 1024 ** 3, 1)} GB`],
    ['Node.js', [...nodes].join(', ') || process.version],
    ['OS', `${os.type()} ${os.release()}`],
    ['load average now (1/5/15 min)', la(os.loadavg())],
  ]),
  '',
  'The machine is shared with other work; each section quotes the load average its benchmark recorded when it did.',
];
for (const [name, j] of Object.entries(all)) {
  const s = sectionFor(name);
  out.push('', `## ${s?.title ?? name}`, '', `\`bench/out/${name}.json\`${when(j)}`, '');
  let body: string;
  try {
    body = s ? s.render(j, all) : generic(j);
  } catch (e) {
    body = `${generic(j)}\n\n(the dedicated view failed: ${(e as Error).message})`;
  }
  out.push(body);
}
fs.writeFileSync(REPORT, `${out.join('\n')}\n`);
console.log(`wrote ${path.relative(ROOT, REPORT)} from ${files.length} result file(s)`);
