import { DomainError, type FieldIssue } from '../errors.ts';
import { regionDepth } from '../regions/region-code.ts';
import type { Expr } from './expression/ast.ts';
import { referencedNames } from './expression/ast.ts';
import { checkExpression } from './expression/check.ts';
import { compileExpression, type Compiled } from './expression/compile.ts';
import type { Type, Value } from './expression/functions.ts';
import { ExpressionSyntaxError, parseExpression } from './expression/parse.ts';
import { NumberRangeError, q, qFromNumber, toHundredths, type Q } from './rational.ts';
import { isNumber } from './expression/functions.ts';

/** Text in both languages of the UI. */
export interface Text {
  zh: string;
  en: string;
}

export const FACT_TYPES = ['number', 'money', 'integer', 'boolean', 'string', 'date', 'region', 'enum'] as const;
export type FactType = (typeof FACT_TYPES)[number];
export const PARAMETER_TYPES = ['number', 'money', 'integer', 'boolean', 'string', 'date', 'region', 'list'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];
export const SUBJECT_KINDS = ['hire', 'trip', 'post-month', 'course-completion'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const APPROVAL_LEVELS = ['town', 'county', 'city', 'province'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];
/** Lookups the application can fill a missing optional fact from. */
export const FACT_LOOKUPS = ['minimumWage'] as const;

export interface FactSpec {
  type: FactType;
  /** Allowed values of an `enum` fact. */
  values?: string[];
  /** May be left out by the caller; a `lookup` fills it from the records. */
  optional?: boolean;
  lookup?: { source: (typeof FACT_LOOKUPS)[number]; args: string[] };
  description?: Text;
}

export interface ParameterSpec {
  type: ParameterType;
  /** A literal value, or `expr`: a constant expression over literals and earlier parameters. */
  value?: number | string | boolean | (number | string)[];
  expr?: string;
  description?: Text;
}

export interface ConditionSpec {
  id: string;
  expr: string;
  /** The fact the explanation shows; defaults to the facts the expression reads. */
  fact?: string;
  description?: Text;
}

export interface PolicyRule {
  id: string;
  name: Text;
  description?: Text;
  /** Region code; the policy applies to that subtree. */
  regionScope: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  subjectKind: SubjectKind;
  payee: 'employer' | 'person';
  /** The fact holding the date the claim is for (hire, trip, post start); sets the claim's year. */
  dateFact: string;
  /** Fund the subsidy is paid from by default. */
  fund: string;
  facts: Record<string, FactSpec>;
  parameters: Record<string, ParameterSpec>;
  conditions: ConditionSpec[];
  amount: { expr: string; description?: Text };
  limits: { oncePerPersonPerYear?: boolean; oncePerSubject?: boolean; capPerClaim?: number | string };
  /** Policies a person cannot also receive for the same year. */
  excludes: string[];
  evidence: { id: string; name: Text; required?: boolean }[];
  approvalLevels: { level: ApprovalLevel; name: Text }[];
}

export interface CompiledCondition {
  spec: ConditionSpec;
  ast: Expr;
  fn: Compiled;
  facts: string[];
}

/** A rule whose expressions are parsed, checked and compiled: ready to evaluate many times. */
export interface CompiledPolicy {
  rule: PolicyRule;
  version: number;
  /** Facts in slot order (the array compiled expressions read). */
  factNames: string[];
  slots: Record<string, number>;
  /** Facts the conditions and the amount read: these must be present. */
  required: string[];
  parameters: Record<string, Value>;
  conditions: CompiledCondition[];
  amountAst: Expr;
  amount: Compiled;
  /** Cap per claim in fen, when the rule has one. */
  capFen: number | null;
}

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BUILTINS: Record<string, Type> = { scope: 'region', effectiveFrom: 'date', effectiveTo: 'date' };

const FACT_TO_TYPE: Record<FactType, Type> = { number: 'number', money: 'number', integer: 'number', boolean: 'boolean', string: 'string', enum: 'string', date: 'date', region: 'region' };
const PARAM_TO_TYPE: Record<ParameterType, Type> = { number: 'number', money: 'number', integer: 'number', boolean: 'boolean', string: 'string', date: 'date', region: 'region', list: 'list' };

function isText(v: unknown): v is Text {
  return !!v && typeof v === 'object' && typeof (v as Text).zh === 'string' && typeof (v as Text).en === 'string' && (v as Text).zh.length > 0 && (v as Text).en.length > 0;
}

function isObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function issue(field: string, code: string, message: string, messageZh: string): FieldIssue {
  return { field, code, message, messageZh };
}

/** A parameter value as the evaluator uses it; money is rounded to the fen (4000/12 yuan is 333.33). */
export function parameterValue(type: ParameterType, v: Value): Value {
  if (type === 'money' && isNumber(v)) return q(toHundredths(v), 100);
  return v;
}

function literal(v: unknown): Value | undefined {
  if (typeof v === 'number') return qFromNumber(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    const out = v.map(literal);
    return out.every((x) => x !== undefined) ? (out as Value[]) : undefined;
  }
  return undefined;
}

function parse(expr: unknown, field: string, issues: FieldIssue[]): Expr | null {
  if (typeof expr !== 'string' || !expr.trim()) {
    issues.push(issue(field, 'expression_missing', 'must be an expression', '须为表达式'));
    return null;
  }
  try {
    return parseExpression(expr);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      issues.push(issue(field, 'expression_syntax', e.message, `表达式语法错误：${e.message}`));
      return null;
    }
    throw e;
  }
}

/**
 * Checks a rule completely — shape, names, every expression parsed and type-checked, parameters
 * computed — and compiles it. `overrides` replaces parameter expressions (for what-if simulation).
 * Throws one validation error listing every problem.
 */
export function compilePolicy(input: unknown, version = 1, overrides: Record<string, string> = {}): CompiledPolicy {
  const issues: FieldIssue[] = [];
  if (!isObject(input)) throw DomainError.invalid([issue('rule', 'rule_shape', 'must be a JSON object', '规则须为JSON对象')]);
  const r = input as PolicyRule;
  if (typeof r.id !== 'string' || !ID.test(r.id)) issues.push(issue('id', 'policy_id_format', 'must be 2–63 lower-case letters, digits or dashes', '政策编号须为2至63位小写字母、数字或横线'));
  if (!isText(r.name)) issues.push(issue('name', 'text_both_languages', 'needs a non-empty zh and en text', '须有中英文名称'));
  if (r.description !== undefined && !isText(r.description)) issues.push(issue('description', 'text_both_languages', 'needs a zh and an en text', '须有中英文说明'));
  if (typeof r.regionScope !== 'string' || regionDepth(r.regionScope) === 0) issues.push(issue('regionScope', 'region_code_format', 'must be a region code of 2, 4, 6, 9 or 12 digits', '区划代码须为2、4、6、9或12位数字'));
  if (typeof r.effectiveFrom !== 'string' || !DATE.test(r.effectiveFrom)) issues.push(issue('effectiveFrom', 'date_format', 'must be a date YYYY-MM-DD', '日期格式须为YYYY-MM-DD'));
  if (r.effectiveTo != null && (typeof r.effectiveTo !== 'string' || !DATE.test(r.effectiveTo))) issues.push(issue('effectiveTo', 'date_format', 'must be a date YYYY-MM-DD or null', '日期格式须为YYYY-MM-DD'));
  else if (typeof r.effectiveTo === 'string' && typeof r.effectiveFrom === 'string' && r.effectiveTo < r.effectiveFrom) issues.push(issue('effectiveTo', 'date_order', 'must not be before effectiveFrom', '截止日期不得早于起始日期'));
  if (!(SUBJECT_KINDS as readonly string[]).includes(r.subjectKind)) issues.push(issue('subjectKind', 'subject_kind', `must be one of ${SUBJECT_KINDS.join(', ')}`, '补贴对象类型无效'));
  if (r.payee !== 'employer' && r.payee !== 'person') issues.push(issue('payee', 'payee', 'must be employer or person', '收款方须为用人单位或个人'));
  if (typeof r.fund !== 'string' || !ID.test(r.fund)) issues.push(issue('fund', 'fund_id_format', 'must name a fund (lower-case letters, digits, dashes)', '须指定资金来源'));

  const facts = isObject(r.facts) ? r.facts : {};
  if (!isObject(r.facts)) issues.push(issue('facts', 'facts_shape', 'must be an object of fact declarations', '事实声明须为对象'));
  const names: Record<string, Type> = { ...BUILTINS };
  for (const [name, f] of Object.entries(facts)) {
    const at = `facts.${name}`;
    if (!NAME.test(name) || Object.hasOwn(BUILTINS, name)) issues.push(issue(at, 'fact_name', 'must be a name of letters, digits and underscores, not a built-in', '事实名称无效'));
    if (!isObject(f) || !(FACT_TYPES as readonly string[]).includes(f.type)) {
      issues.push(issue(`${at}.type`, 'fact_type', `must be one of ${FACT_TYPES.join(', ')}`, '事实类型无效'));
      continue;
    }
    if (f.type === 'enum' && (!Array.isArray(f.values) || !f.values.length || !f.values.every((v: unknown) => typeof v === 'string'))) issues.push(issue(`${at}.values`, 'enum_values', 'an enum fact needs a list of text values', '枚举事实须列出取值'));
    if (f.description !== undefined && !isText(f.description)) issues.push(issue(`${at}.description`, 'text_both_languages', 'needs a zh and an en text', '须有中英文说明'));
    if (f.lookup !== undefined) {
      if (!isObject(f.lookup) || !(FACT_LOOKUPS as readonly string[]).includes(f.lookup.source) || !Array.isArray(f.lookup.args) || !f.lookup.args.every((a: unknown) => typeof a === 'string' && Object.hasOwn(facts, a))) {
        issues.push(issue(`${at}.lookup`, 'fact_lookup', `must be {source: ${FACT_LOOKUPS.join('|')}, args: [names of facts]}`, '事实查询来源无效'));
      }
    }
    names[name] = FACT_TO_TYPE[f.type as FactType];
  }
  if (typeof r.dateFact !== 'string' || facts[r.dateFact]?.type !== 'date') issues.push(issue('dateFact', 'date_fact', 'must name a fact of type date (the date the claim is for)', '须指定日期类事实'));

  const parameters: Record<string, Value> = {};
  const constants: Record<string, Value> = { scope: r.regionScope, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo ?? '9999-12-31' };
  const params = isObject(r.parameters) ? r.parameters : {};
  if (r.parameters !== undefined && !isObject(r.parameters)) issues.push(issue('parameters', 'parameters_shape', 'must be an object of parameters', '参数须为对象'));
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(params, name)) issues.push(issue(`parameters.${name}`, 'parameter_unknown', `the policy has no parameter ${name} (it has ${Object.keys(params).join(', ') || 'none'})`, `政策没有参数${name}`));
  }
  for (const [name, p] of Object.entries(params)) {
    const at = `parameters.${name}`;
    if (!NAME.test(name) || Object.hasOwn(names, name)) {
      issues.push(issue(at, 'parameter_name', 'must be a name of letters, digits and underscores, distinct from facts and built-ins', '参数名称无效或与事实重名'));
      continue;
    }
    if (!isObject(p) || !(PARAMETER_TYPES as readonly string[]).includes(p.type)) {
      issues.push(issue(`${at}.type`, 'parameter_type', `must be one of ${PARAMETER_TYPES.join(', ')}`, '参数类型无效'));
      continue;
    }
    if (p.description !== undefined && !isText(p.description)) issues.push(issue(`${at}.description`, 'text_both_languages', 'needs a zh and an en text', '须有中英文说明'));
    const want = PARAM_TO_TYPE[p.type as ParameterType];
    let value: Value | undefined;
    const text = overrides[name] ?? (p.value === undefined ? p.expr : undefined);
    if (text !== undefined) {
      const ast = parse(text, overrides[name] !== undefined ? at : `${at}.expr`, issues);
      if (ast) {
        const c = checkExpression(ast, Object.fromEntries(Object.keys(constants).map((k) => [k, names[k] ?? 'any'])));
        const facty = referencedNames(ast).filter((n) => Object.hasOwn(facts, n));
        if (facty.length) c.problems.push(`a parameter cannot read facts (${facty.join(', ')})`);
        if (!c.problems.length && c.type !== 'any' && c.type !== want && !(want === 'list' && c.type === 'list')) {
          if (!(['date', 'region', 'string'].includes(want) && ['date', 'region', 'string'].includes(c.type))) c.problems.push(`gives a ${c.type}, but the parameter is a ${p.type}`);
        }
        for (const m of c.problems) issues.push(issue(at, 'parameter_expression', m, `参数表达式错误：${m}`));
        if (!c.problems.length) {
          try {
            value = compileExpression(ast, { constants, slots: {} })([]);
          } catch (e) {
            issues.push(issue(at, 'parameter_value', (e as Error).message, '参数无法计算'));
          }
        }
      }
    } else {
      try {
        value = literal(p.value);
      } catch (e) {
        if (!(e instanceof NumberRangeError)) throw e;
      }
      if (value === undefined || (want === 'number' && !isNumber(value)) || (want === 'list' && !Array.isArray(value)) || (want === 'boolean' && typeof value !== 'boolean') || (['string', 'date', 'region'].includes(want) && typeof value !== 'string')) {
        issues.push(issue(`${at}.value`, 'parameter_value', `needs a ${p.type} value (or an expr)`, '参数取值与类型不符'));
        value = undefined;
      }
    }
    if (value !== undefined) {
      if (p.type === 'integer' && isNumber(value) && value.d !== 1) issues.push(issue(at, 'parameter_integer', 'must be a whole number', '须为整数'));
      const v = parameterValue(p.type as ParameterType, value);
      parameters[name] = v;
      constants[name] = v;
    }
    names[name] = want;
  }

  const slots: Record<string, number> = {};
  const factNames = Object.keys(facts);
  factNames.forEach((n, i) => (slots[n] = i));
  const scope = { constants, slots };
  const required: string[] = [];
  const need = (ast: Expr) => {
    for (const n of referencedNames(ast)) if (Object.hasOwn(facts, n) && !required.includes(n)) required.push(n);
  };

  const conditions: CompiledCondition[] = [];
  if (!Array.isArray(r.conditions)) issues.push(issue('conditions', 'conditions_shape', 'must be a list of conditions', '条件须为列表'));
  const seen = new Set<string>();
  (Array.isArray(r.conditions) ? r.conditions : []).forEach((c, i) => {
    const at = `conditions[${i}]`;
    if (!isObject(c) || typeof c.id !== 'string' || !ID.test(c.id)) issues.push(issue(`${at}.id`, 'condition_id', 'needs an id of lower-case letters, digits or dashes', '条件须有编号'));
    else if (seen.has(c.id)) issues.push(issue(`${at}.id`, 'condition_id_duplicate', `the id ${c.id} is used twice`, '条件编号重复'));
    else seen.add(c.id);
    if (isObject(c) && c.description !== undefined && !isText(c.description)) issues.push(issue(`${at}.description`, 'text_both_languages', 'needs a zh and an en text', '须有中英文说明'));
    const ast = parse(isObject(c) ? c.expr : undefined, `${at}.expr`, issues);
    if (!ast) return;
    const chk = checkExpression(ast, names);
    if (!chk.problems.length && chk.type !== 'boolean' && chk.type !== 'any') chk.problems.push(`a condition must be true or false, but this gives a ${chk.type}`);
    for (const m of chk.problems) issues.push(issue(`${at}.expr`, 'expression_type', m, `表达式错误：${m}`));
    if (c.fact !== undefined && !Object.hasOwn(facts, c.fact)) issues.push(issue(`${at}.fact`, 'fact_unknown', `${c.fact} is not a declared fact`, '未声明的事实'));
    if (chk.problems.length) return;
    need(ast);
    const used = referencedNames(ast).filter((n) => Object.hasOwn(facts, n));
    // Compiled only once the whole rule is known to be valid (a bad parameter has no value yet).
    conditions.push({ spec: c, ast, fn: null as unknown as Compiled, facts: c.fact ? [c.fact] : used });
  });

  let amountAst: Expr | null = null;
  if (!isObject(r.amount)) issues.push(issue('amount', 'amount_shape', 'must be {expr, description}', '金额公式须为对象'));
  else {
    if (r.amount.description !== undefined && !isText(r.amount.description)) issues.push(issue('amount.description', 'text_both_languages', 'needs a zh and an en text', '须有中英文说明'));
    amountAst = parse(r.amount.expr, 'amount.expr', issues);
    if (amountAst) {
      const chk = checkExpression(amountAst, names);
      if (!chk.problems.length && chk.type !== 'number' && chk.type !== 'any') chk.problems.push(`the amount must be a number of yuan, but this gives a ${chk.type}`);
      for (const m of chk.problems) issues.push(issue('amount.expr', 'expression_type', m, `金额公式错误：${m}`));
      if (!chk.problems.length) need(amountAst);
      else amountAst = null;
    }
  }

  const limits = isObject(r.limits) ? r.limits : {};
  if (r.limits !== undefined && !isObject(r.limits)) issues.push(issue('limits', 'limits_shape', 'must be an object', '限额须为对象'));
  for (const k of ['oncePerPersonPerYear', 'oncePerSubject'] as const) {
    if (limits[k] !== undefined && typeof limits[k] !== 'boolean') issues.push(issue(`limits.${k}`, 'limit_flag', 'must be true or false', '须为是或否'));
  }
  let capFen: number | null = null;
  if (limits.capPerClaim !== undefined) {
    const cap = limits.capPerClaim;
    const v = typeof cap === 'string' ? parameters[cap] : typeof cap === 'number' ? safeQ(cap) : undefined;
    if (!v || !isNumber(v) || v.n < 0) issues.push(issue('limits.capPerClaim', 'cap', 'must be a non-negative amount in yuan or the name of a numeric parameter', '单笔上限须为非负金额或数值参数名'));
    else capFen = toHundredths(v);
  }
  if (r.excludes !== undefined && (!Array.isArray(r.excludes) || !r.excludes.every((x) => typeof x === 'string' && ID.test(x)))) issues.push(issue('excludes', 'excludes', 'must be a list of policy ids', '须为政策编号列表'));
  if (r.evidence !== undefined && (!Array.isArray(r.evidence) || !r.evidence.every((x) => isObject(x) && typeof x.id === 'string' && isText(x.name)))) issues.push(issue('evidence', 'evidence', 'must be a list of {id, name: {zh, en}}', '证明材料须为{id, name}列表'));
  if (!Array.isArray(r.approvalLevels) || !r.approvalLevels.length || !r.approvalLevels.every((x) => isObject(x) && (APPROVAL_LEVELS as readonly string[]).includes(x.level) && isText(x.name))) {
    issues.push(issue('approvalLevels', 'approval_levels', `must list one or more {level: ${APPROVAL_LEVELS.join('|')}, name: {zh, en}}`, '须列出审批层级'));
  }
  if (issues.length) throw DomainError.invalid(issues, `Policy ${typeof r.id === 'string' ? r.id : ''} is not valid`.replace('  ', ' '));
  for (const c of conditions) c.fn = compileExpression(c.ast, scope);
  const amount = compileExpression(amountAst!, scope);
  return {
    rule: { ...r, parameters: params, limits, excludes: r.excludes ?? [], evidence: r.evidence ?? [] },
    version,
    factNames,
    slots,
    required,
    parameters,
    conditions,
    amountAst: amountAst!,
    amount,
    capFen,
  };
}

function safeQ(n: number): Q | undefined {
  try {
    return qFromNumber(n);
  } catch {
    return undefined;
  }
}
