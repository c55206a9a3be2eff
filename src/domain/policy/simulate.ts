import { convertFact, evaluateSlots } from './evaluate.ts';
import type { Value } from './expression/functions.ts';
import type { CompiledPolicy } from './rule.ts';

/** Counts and costs of one group (a region, or everything) under the policy as it stands and as changed. */
export interface SimulationTotals {
  people: number;
  /** People whose records lack a fact the policy needs (or hold a malformed one): not evaluated. */
  incomplete: number;
  eligibleBefore: number;
  eligibleAfter: number;
  newlyEligible: number;
  newlyIneligible: number;
  costBeforeFen: number;
  costAfterFen: number;
}

export interface FactRecord {
  regionCode: string;
  facts: Record<string, unknown>;
}

function count(t: SimulationTotals, b: { eligible: boolean; amountFen: number }, a: { eligible: boolean; amountFen: number }): void {
  if (b.eligible) {
    t.eligibleBefore++;
    t.costBeforeFen += b.amountFen;
  }
  if (a.eligible) {
    t.eligibleAfter++;
    t.costAfterFen += a.amountFen;
  }
  if (a.eligible && !b.eligible) t.newlyEligible++;
  if (b.eligible && !a.eligible) t.newlyIneligible++;
}

function empty(): SimulationTotals {
  return { people: 0, incomplete: 0, eligibleBefore: 0, eligibleAfter: 0, newlyEligible: 0, newlyIneligible: 0, costBeforeFen: 0, costAfterFen: 0 };
}

/**
 * Evaluates two versions of one policy (same facts, changed parameters or formulas) over many
 * people and sums the difference by region. Facts are converted once per person and shared by
 * both versions; no explanation is built, so a million people take seconds.
 */
export class Simulation {
  readonly total = empty();
  readonly byRegion = new Map<string, SimulationTotals>();
  private readonly names: string[];
  private readonly specs;
  private readonly slots: Value[];

  constructor(
    readonly before: CompiledPolicy,
    readonly after: CompiledPolicy,
    /** Region codes are grouped by their first `groupDigits` digits. */
    readonly groupDigits: number,
  ) {
    const needed = new Set([...before.required, ...after.required]);
    this.names = before.factNames;
    this.specs = this.names.map((n) => ({ name: n, spec: before.rule.facts[n], needed: needed.has(n) }));
    this.slots = new Array(this.names.length);
  }

  add(r: FactRecord): void {
    const key = r.regionCode.slice(0, this.groupDigits);
    let g = this.byRegion.get(key);
    if (!g) this.byRegion.set(key, (g = empty()));
    g.people++;
    this.total.people++;
    const slots = this.slots;
    for (let i = 0; i < this.specs.length; i++) {
      const s = this.specs[i];
      const raw = r.facts[s.name];
      if (raw === undefined || raw === null) {
        if (s.needed) return this.incomplete(g);
        slots[i] = undefined as unknown as Value;
        continue;
      }
      const v = convertFact(s.name, s.spec, raw);
      if (typeof v === 'object' && v !== null && 'code' in v && 'field' in v) return this.incomplete(g);
      slots[i] = v as Value;
    }
    const b = evaluateSlots(this.before, slots);
    const a = evaluateSlots(this.after, slots);
    count(g, b, a);
    count(this.total, b, a);
  }

  private incomplete(g: SimulationTotals): void {
    g.incomplete++;
    this.total.incomplete++;
  }
}

/** The digits to group by below a region: counties under a province or city, towns under a county, villages under a town. */
export function groupDigitsBelow(region: string): number {
  if (region.length <= 4) return 6;
  if (region.length === 6) return 9;
  return 12;
}
