import { DomainError, type FieldIssue } from '../errors.ts';
import { regionDepth } from '../regions/region-code.ts';
import { referencedNames } from './expression/ast.ts';
import type { Value } from './expression/functions.ts';
import { isNumber } from './expression/functions.ts';
import { fenToYuan } from './money.ts';
import { isHundredths, NumberRangeError, qFromNumber, toHundredths } from './rational.ts';
import type { CompiledPolicy, FactSpec, Text } from './rule.ts';
import { describeCondition } from './words.ts';

/** One line of the explanation: a condition, the fact it read and its value, and whether it held. */
export interface ExplanationLine {
  condition: string;
  fact: string;
  value: unknown;
  passed: boolean;
  description: Text;
}

export interface Evaluation {
  eligible: boolean;
  /** Integer fen; 0 when not eligible. */
  amountFen: number;
  /** The formula gave more than the cap per claim, which was paid instead. */
  capped: boolean;
  explanation: ExplanationLine[];
}

/** The evaluation as the JSON contract shows it: the amount in yuan. */
export function presentEvaluation(e: Evaluation) {
  return { eligible: e.eligible, amount: fenToYuan(e.amountFen), explanation: e.explanation };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD with a month and day that exist (29 February in any year: the rules compare dates, they do not count days). */
function isDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  return m >= 1 && m <= 12 && d >= 1 && d <= DAYS[m - 1];
}

function factIssue(name: string, code: string, message: string, messageZh: string): FieldIssue {
  return { field: `facts.${name}`, code, message, messageZh };
}

/** Converts one fact from JSON to the evaluator's value, or says what is wrong with it. */
export function convertFact(name: string, spec: FactSpec, raw: unknown): Value | FieldIssue {
  switch (spec.type) {
    case 'number':
    case 'money':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return factIssue(name, 'fact_number', `must be a number, got ${JSON.stringify(raw)}`, '须为数字');
      let v;
      try {
        v = qFromNumber(raw);
      } catch (e) {
        if (e instanceof NumberRangeError) return factIssue(name, 'fact_number', `${raw} is out of range`, '数值超出范围');
        throw e;
      }
      if (spec.type === 'integer' && v.d !== 1) return factIssue(name, 'fact_integer', `must be a whole number, got ${raw}`, '须为整数');
      if (spec.type === 'money' && !isHundredths(v)) return factIssue(name, 'fact_money', `${raw} has a part of a fen; amounts are yuan with at most two decimals`, '金额最多保留两位小数');
      return v;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : factIssue(name, 'fact_boolean', `must be true or false, got ${JSON.stringify(raw)}`, '须为是或否');
    case 'date':
      return typeof raw === 'string' && isDate(raw) ? raw : factIssue(name, 'fact_date', `must be a date YYYY-MM-DD, got ${JSON.stringify(raw)}`, '日期格式须为YYYY-MM-DD');
    case 'region':
      return typeof raw === 'string' && regionDepth(raw) > 0 ? raw : factIssue(name, 'fact_region', `must be a region code of 2, 4, 6, 9 or 12 digits, got ${JSON.stringify(raw)}`, '须为区划代码');
    case 'enum':
      return typeof raw === 'string' && spec.values!.includes(raw) ? raw : factIssue(name, 'fact_enum', `must be one of ${spec.values!.join(', ')}, got ${JSON.stringify(raw)}`, `须为以下之一：${spec.values!.join('、')}`);
    case 'string':
      return typeof raw === 'string' ? raw : factIssue(name, 'fact_string', `must be text, got ${JSON.stringify(raw)}`, '须为文本');
  }
}

/** The facts a policy needs that are absent (null counts as absent). */
export function missingFacts(policy: CompiledPolicy, facts: Record<string, unknown>): string[] {
  return policy.required.filter((n) => facts[n] === undefined || facts[n] === null);
}

/** Facts to slot values; throws naming the missing facts, or every malformed one. */
export function factSlots(policy: CompiledPolicy, facts: Record<string, unknown>): Value[] {
  const missing = missingFacts(policy, facts);
  if (missing.length) {
    throw new DomainError('missing_facts', `Policy ${policy.rule.id} needs the fact${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} missing`, {
      details: { policy: policy.rule.id, missing },
      issues: missing.map((n) => factIssue(n, 'fact_missing', `is missing (policy ${policy.rule.id} needs it)`, `缺少事实${n}`)),
    });
  }
  const issues: FieldIssue[] = [];
  const slots: Value[] = new Array(policy.factNames.length);
  for (let i = 0; i < policy.factNames.length; i++) {
    const name = policy.factNames[i];
    const raw = facts[name];
    if (raw === undefined || raw === null) continue;
    const v = convertFact(name, policy.rule.facts[name], raw);
    if (typeof v === 'object' && v !== null && 'code' in v && 'field' in v) issues.push(v as FieldIssue);
    else slots[i] = v as Value;
  }
  if (issues.length) throw DomainError.invalid(issues, `The facts for policy ${policy.rule.id} are not valid`);
  return slots;
}

function runtimeError(policy: CompiledPolicy, where: string, e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  if (e instanceof RangeError || e instanceof TypeError || e instanceof ReferenceError) {
    return new DomainError('policy_evaluation_failed', `Policy ${policy.rule.id}, ${where}: ${e.message}`, { details: { policy: policy.rule.id, where } });
  }
  throw e;
}

/** The amount in fen for slot values already known to satisfy the conditions: rounded half up to the fen, capped, never negative. */
export function amountFen(policy: CompiledPolicy, slots: Value[]): { fen: number; capped: boolean } {
  let v: Value;
  try {
    v = policy.amount(slots);
  } catch (e) {
    throw runtimeError(policy, 'amount', e);
  }
  if (!isNumber(v)) throw runtimeError(policy, 'amount', new TypeError('the amount formula did not give a number'));
  let fen = Math.max(0, toHundredths(v));
  const capped = policy.capFen !== null && fen > policy.capFen;
  if (capped) fen = policy.capFen!;
  return { fen, capped };
}

/** Eligibility and amount only, without the explanation: the fast path for simulations. */
export function evaluateSlots(policy: CompiledPolicy, slots: Value[]): { eligible: boolean; amountFen: number } {
  for (const c of policy.conditions) {
    let ok: Value;
    try {
      ok = c.fn(slots);
    } catch (e) {
      throw runtimeError(policy, `condition ${c.spec.id}`, e);
    }
    if (ok !== true) return { eligible: false, amountFen: 0 };
  }
  return { eligible: true, amountFen: amountFen(policy, slots).fen };
}

/**
 * Evaluates a policy over named facts: every condition is checked and explained (none is skipped),
 * and when all hold the amount formula gives the subsidy, rounded to the fen and held to the cap.
 */
export function evaluatePolicy(policy: CompiledPolicy, facts: Record<string, unknown>): Evaluation {
  const slots = factSlots(policy, facts);
  const explanation: ExplanationLine[] = [];
  let eligible = true;
  for (const c of policy.conditions) {
    let ok: Value;
    try {
      ok = c.fn(slots);
    } catch (e) {
      throw runtimeError(policy, `condition ${c.spec.id}`, e);
    }
    const passed = ok === true;
    if (!passed) eligible = false;
    const value = c.facts.length === 1 ? (facts[c.facts[0]] ?? null) : c.facts.length === 0 ? null : Object.fromEntries(c.facts.map((f) => [f, facts[f] ?? null]));
    explanation.push({ condition: c.spec.id, fact: c.facts.join(', '), value, passed, description: describeCondition(policy, c) });
  }
  if (!eligible) return { eligible, amountFen: 0, capped: false, explanation };
  const a = amountFen(policy, slots);
  return { eligible, amountFen: a.fen, capped: a.capped, explanation };
}

/**
 * Evaluates what can be evaluated when some facts are missing or malformed (a claim form being
 * filled): every condition whose facts are all usable is checked as usual; one that reads a
 * missing or malformed fact is shown as not passed. With every fact usable this is exactly
 * `evaluatePolicy`; otherwise the claim is not eligible and the amount is 0.
 */
export function previewPolicy(policy: CompiledPolicy, facts: Record<string, unknown>): Evaluation {
  const slots: Value[] = new Array(policy.factNames.length);
  const usable = new Set<string>();
  for (let i = 0; i < policy.factNames.length; i++) {
    const name = policy.factNames[i];
    const raw = facts[name];
    if (raw === undefined || raw === null) continue;
    const v = convertFact(name, policy.rule.facts[name], raw);
    if (typeof v === 'object' && v !== null && 'code' in v && 'field' in v) continue;
    slots[i] = v as Value;
    usable.add(name);
  }
  if (policy.required.every((n) => usable.has(n))) return evaluatePolicy(policy, facts);
  const explanation: ExplanationLine[] = [];
  for (const c of policy.conditions) {
    const reads = referencedNames(c.ast).filter((n) => Object.hasOwn(policy.rule.facts, n));
    let passed = false;
    if (reads.every((f) => usable.has(f))) {
      try {
        passed = c.fn(slots) === true;
      } catch {
        passed = false;
      }
    }
    const value = c.facts.length === 1 ? (facts[c.facts[0]] ?? null) : c.facts.length === 0 ? null : Object.fromEntries(c.facts.map((f) => [f, facts[f] ?? null]));
    explanation.push({ condition: c.spec.id, fact: c.facts.join(', '), value, passed, description: describeCondition(policy, c) });
  }
  return { eligible: false, amountFen: 0, capped: false, explanation };
}
