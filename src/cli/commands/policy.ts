import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { App } from '../../app/context.ts';
import { evaluateFacts, ensureDefaultPolicies, getPolicy, listPolicies } from '../../app/policy/policies.ts';
import { simulatePolicy } from '../../app/policy/simulate.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { formatYuan } from '../../domain/policy/money.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { openApp } from '../../app/bootstrap.ts';
import { configFrom, output, type GlobalOptions } from '../context.ts';
import { readStdin } from '../read-input.ts';

function invalid(field: string, code: string, message: string): DomainError {
  return DomainError.invalid([{ field, code, message }]);
}

/** Says what went wrong — the message names the unknown policy or the missing facts — and sets exit status 2 (1 for internal errors). */
function report(e: unknown): void {
  if (isDomainError(e)) {
    process.stderr.write(`error [${e.code}]: ${e.message}\n`);
    if (e.code !== 'missing_facts' && e.issues.length > 1) for (const i of e.issues) process.stderr.write(`  ${i.field}: ${i.message} (${i.code})\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

/** Opens the database, brings schema and default pack up to date, runs `fn`, closes. */
async function run(cmd: Command, fn: (app: App, opts: GlobalOptions) => Promise<void>): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  let app: App | undefined;
  try {
    app = await openApp(configFrom(cmd), (m) => process.stderr.write(`${m}\n`));
    await migrateToLatest(app.database);
    await ensureDefaultPolicies(app);
    await fn(app, opts);
  } catch (e) {
    report(e);
  } finally {
    await app?.database.close();
  }
}

function parseRequest(text: string, source: string): { policy: string; facts: Record<string, unknown>; version?: number } {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw invalid(source, 'json', `is not valid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid(source, 'request_shape', 'must be {"policy": ID, "facts": {…}}');
  if (typeof v.policy !== 'string' || !v.policy) throw invalid('policy', 'policy_missing', 'must name a policy id, e.g. "transport-subsidy-shanxi-2020"');
  if (!v.facts || typeof v.facts !== 'object' || Array.isArray(v.facts)) throw invalid('facts', 'facts_shape', 'must be an object of named facts');
  if (v.version !== undefined && !(Number.isInteger(v.version) && v.version > 0)) throw invalid('version', 'version_format', 'must be a positive whole number');
  return { policy: v.policy, facts: v.facts, version: v.version };
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('Subsidy policies: rules as data, evaluation and what-if simulation');

  policy
    .command('evaluate [file]')
    .description('Evaluate a policy. Input {"policy": ID, "facts": {…}} from FILE or stdin; prints {"eligible", "amount" (yuan), "explanation": [{condition, fact, value, passed}]}')
    .action(async (file: string | undefined, _o: unknown, cmd: Command) =>
      run(cmd, async (app) => {
        let text: string;
        try {
          text = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
        } catch (e) {
          throw new Error(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
        }
        const result = await evaluateFacts(app, SYSTEM_ACTOR, parseRequest(text, file ?? '(stdin)'));
        process.stdout.write(`${JSON.stringify(result)}\n`);
      }),
    );

  policy
    .command('list')
    .description('List the policies with their current versions')
    .option('--region <code>', 'only policies that apply in this region')
    .action(async (o: { region?: string }, cmd: Command) =>
      run(cmd, async (app, opts) => {
        const list = await listPolicies(app, SYSTEM_ACTOR, { region: o.region });
        output(opts, list, () => list.map((p) => `${p.id.padEnd(34)} v${String(p.currentVersion).padEnd(3)} ${p.regionScope.padEnd(8)} ${p.effectiveFrom}…${p.effectiveTo ?? ''}  ${p.name.zh}`).join('\n') || 'No policies.');
      }),
    );

  policy
    .command('show <id>')
    .description('Show a policy: its rule in words (Chinese and English) and its versions')
    .option('--version <n>', 'an older version')
    .action(async (id: string, o: { version?: string }, cmd: Command) =>
      run(cmd, async (app, opts) => {
        const p = await getPolicy(app, SYSTEM_ACTOR, id, { version: o.version ? Number(o.version) : undefined });
        output(opts, p, () =>
          [
            `${p.id} v${p.version}  ${p.name.zh} / ${p.name.en}`,
            `  scope ${p.regionScope}, effective ${p.effectiveFrom} to ${p.effectiveTo ?? '(open)'}`,
            '  conditions:',
            ...p.words.conditions.map((c) => `    - ${c.description.zh} / ${c.description.en}   [${c.expr}]`),
            `  amount: ${p.words.amount.description.zh} / ${p.words.amount.description.en}   [${p.words.amount.expr}]`,
            `  versions: ${p.versions.map((v) => `v${v.version} ${v.createdAt.slice(0, 10)} ${v.createdBy}`).join('; ')}`,
          ].join('\n'),
        );
      }),
    );

  policy
    .command('simulate')
    .description('What-if: evaluate a changed version of a policy over the current records, next to the policy as it stands; writes nothing')
    .requiredOption('--policy <id>')
    .option('--set <param=value>', 'change a parameter (a number or an expression, e.g. maxAmount=1000 or povertyLineMonthly=5000/12); repeatable', collect, [])
    .option('--region <code>', 'only records inside this region')
    .option('--assume <fact=value>', 'a fact for everyone whose record lacks it (the ledger holds no trip costs or post start dates), e.g. startDate=2020-06-01; repeatable', collect, [])
    .action(async (o: { policy: string; set: string[]; region?: string; assume: string[] }, cmd: Command) =>
      run(cmd, async (app, opts) => {
        const overrides: Record<string, string> = {};
        for (const s of o.set) {
          const i = s.indexOf('=');
          if (i <= 0) throw invalid('--set', 'set_format', `"${s}" is not param=value`);
          overrides[s.slice(0, i).trim()] = s.slice(i + 1).trim();
        }
        const assume: Record<string, string> = {};
        for (const s of o.assume) {
          const i = s.indexOf('=');
          if (i <= 0) throw invalid('--assume', 'assume_format', `"${s}" is not fact=value`);
          assume[s.slice(0, i).trim()] = s.slice(i + 1).trim();
        }
        const r = await simulatePolicy(app, SYSTEM_ACTOR, { policy: o.policy, set: overrides, region: o.region, assume });
        output(opts, r, () => {
          const line = (label: string, t: (typeof r)['total']) =>
            `${label.padEnd(14)} ${String(t.people).padStart(9)} ${String(t.eligibleBefore).padStart(9)} ${String(t.eligibleAfter).padStart(9)} ${String(t.newlyEligible).padStart(7)} ${String(t.newlyIneligible).padStart(7)} ${formatYuan(t.costBeforeFen).padStart(16)} ${formatYuan(t.costAfterFen).padStart(16)} ${String(t.incomplete).padStart(9)}`;
          return [
            `Policy ${r.policy} v${r.version}${Object.keys(r.set).length ? `, with ${Object.entries(r.set).map(([k, v]) => `${k}=${v}`).join(', ')}` : ' (unchanged)'}; ${r.source}; ${r.ms} ms`,
            `${'region'.padEnd(14)} ${'people'.padStart(9)} ${'eligible'.padStart(9)} ${'→ after'.padStart(9)} ${'+new'.padStart(7)} ${'-lost'.padStart(7)} ${'cost (yuan)'.padStart(16)} ${'→ after'.padStart(16)} ${'no facts'.padStart(9)}`,
            ...r.byRegion.map((g) => line(g.region, g)),
            line('total', r.total),
          ].join('\n');
        });
      }),
    );
}
