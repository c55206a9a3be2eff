import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { compilePolicy } from '../../domain/policy/rule.ts';
import { fenToYuan } from '../../domain/policy/money.ts';
import { groupDigitsBelow, Simulation, type FactRecord, type SimulationTotals } from '../../domain/policy/simulate.ts';
import type { CompiledPolicy } from '../../domain/policy/rule.ts';
import type { App } from '../context.ts';
import { loadPolicy } from './catalog.ts';
import { fillLookups } from './facts.ts';
import { demandMinimumWages } from './minimum-wage.ts';
import { ledgerFactSource } from './ledger-facts.ts';

/** Where a simulation gets its people: facts per person, in batches, within a region. */
export interface FactSource {
  /** Says what the records are, for the report. */
  readonly name: string;
  batches(policy: CompiledPolicy, region: string): AsyncIterable<FactRecord[]>;
}

/** Assumed facts typed as the policy declares them, so `travelCost=900` from a command line is a number and `workRegion=610821` a code. */
function coerce(policy: CompiledPolicy, assume: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(assume)) {
    const spec = policy.rule.facts[name];
    if (!spec) throw DomainError.invalid([{ field: `assume.${name}`, code: 'fact_unknown', message: `policy ${policy.rule.id} has no fact ${name}`, messageZh: `政策没有事实${name}` }]);
    if (typeof v !== 'string') out[name] = v;
    else if (['number', 'money', 'integer'].includes(spec.type)) out[name] = v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    else if (spec.type === 'boolean') out[name] = v === 'true' ? true : v === 'false' ? false : v;
    else out[name] = v;
  }
  return out;
}

function present(t: SimulationTotals) {
  return { ...t, costBefore: fenToYuan(t.costBeforeFen), costAfter: fenToYuan(t.costAfterFen) };
}

/**
 * Evaluates a changed version of a policy (parameters set to new values or expressions) over the
 * current records next to the version in force, by region. Reads only; writes nothing, not even audit.
 */
export async function simulatePolicy(app: App, actor: Actor, input: { policy: string; set: Record<string, string>; region?: string; assume?: Record<string, unknown>; source?: FactSource }) {
  authorize(actor, 'policy.simulate');
  const region = scopeRegion(actor, input.region);
  const before = await loadPolicy(app, input.policy);
  const after = compilePolicy(before.rule, before.version, input.set);
  const sim = new Simulation(before, after, groupDigitsBelow(region));
  const source = input.source ?? ledgerFactSource(app);
  const lookups = { minimumWage: await demandMinimumWages(app.database.db) };
  const assume = coerce(before, input.assume ?? {});
  const hasAssume = Object.keys(assume).length > 0;
  const t0 = performance.now();
  for await (const batch of source.batches(before, region)) {
    for (const r of batch) {
      const facts = hasAssume ? { ...assume, ...r.facts } : r.facts;
      sim.add({ regionCode: r.regionCode, facts: fillLookups(before, facts, lookups) });
    }
  }
  const ms = Math.round(performance.now() - t0);
  return {
    policy: before.rule.id,
    version: before.version,
    set: input.set,
    region,
    source: source.name,
    ms,
    total: present(sim.total),
    byRegion: [...sim.byRegion.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => ({ region: k, ...present(t) })),
  };
}
