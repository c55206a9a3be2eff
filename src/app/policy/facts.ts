import type { CompiledPolicy } from '../../domain/policy/rule.ts';
import { fenToYuan } from '../../domain/policy/money.ts';
import type { MinimumWageSource } from './minimum-wage.ts';

export interface Lookups {
  minimumWage: MinimumWageSource;
}

/**
 * Fills optional facts the caller left out from the records they name (the minimum wage of the
 * post's region on its start date). A fact the caller gave is never replaced.
 */
export function fillLookups(policy: CompiledPolicy, facts: Record<string, unknown>, lookups: Lookups): Record<string, unknown> {
  let out = facts;
  for (const [name, spec] of Object.entries(policy.rule.facts)) {
    if (!spec.lookup || (facts[name] !== undefined && facts[name] !== null)) continue;
    const args = spec.lookup.args.map((a) => facts[a]);
    if (args.some((a) => typeof a !== 'string')) continue;
    if (spec.lookup.source === 'minimumWage') {
      const fen = lookups.minimumWage.monthlyFen(args[0] as string, args[1] as string);
      if (fen !== undefined) {
        if (out === facts) out = { ...facts };
        out[name] = fenToYuan(fen);
      }
    }
  }
  return out;
}
