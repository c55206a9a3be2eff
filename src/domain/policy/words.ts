import { describeExpression, type Lang } from './expression/describe.ts';
import { isNumber, type Value } from './expression/functions.ts';
import { qToString } from './rational.ts';
import type { CompiledCondition, CompiledPolicy, Text } from './rule.ts';

function label(policy: CompiledPolicy, lang: Lang) {
  return (name: string): string => {
    const d = policy.rule.facts[name]?.description ?? policy.rule.parameters[name]?.description;
    if (d) return lang === 'zh' ? `【${d.zh}】` : `[${d.en}]`;
    if (Object.hasOwn(policy.parameters, name)) return show(policy.parameters[name]);
    if (name === 'scope') return policy.rule.regionScope;
    return name;
  };
}

function show(v: Value): string {
  if (isNumber(v)) return qToString(v);
  if (Array.isArray(v)) return v.map(show).join(', ');
  return String(v);
}

/** A condition in words in both languages: the rule's own text, or one derived from the expression. */
export function describeCondition(policy: CompiledPolicy, c: CompiledCondition): Text {
  return c.spec.description ?? { zh: describeExpression(c.ast, 'zh', label(policy, 'zh')), en: describeExpression(c.ast, 'en', label(policy, 'en')) };
}

/** The amount formula in words in both languages. */
export function describeAmount(policy: CompiledPolicy): Text {
  return policy.rule.amount.description ?? { zh: describeExpression(policy.amountAst, 'zh', label(policy, 'zh')), en: describeExpression(policy.amountAst, 'en', label(policy, 'en')) };
}

/** A parameter's current value as text (exact decimals, or n/d when it has no finite decimal). */
export function parameterText(v: Value): string {
  return show(v);
}
