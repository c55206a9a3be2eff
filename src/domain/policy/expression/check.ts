import type { Expr } from './ast.ts';
import { FUNCTIONS, type Type } from './functions.ts';

const TEXT: Type[] = ['string', 'date', 'region'];

function fits(actual: Type, wanted: Type): boolean {
  if (actual === 'any' || wanted === 'any' || actual === wanted) return true;
  return TEXT.includes(actual) && TEXT.includes(wanted);
}

/**
 * Infers the type of an expression over the given names and lists every problem: unknown names,
 * unknown functions, wrong argument counts, operators applied to the wrong kind of value.
 */
export function checkExpression(e: Expr, names: Record<string, Type>): { type: Type; problems: string[] } {
  const problems: string[] = [];
  const type = infer(e, names, problems);
  return { type, problems };
}

function infer(e: Expr, names: Record<string, Type>, problems: string[]): Type {
  switch (e.kind) {
    case 'num':
      return 'number';
    case 'str':
      return /^\d{4}-\d{2}-\d{2}$/.test(e.value) ? 'date' : /^\d{2,12}$/.test(e.value) ? 'region' : 'string';
    case 'bool':
      return 'boolean';
    case 'ref': {
      const t = names[e.name];
      if (!t) {
        problems.push(`unknown name "${e.name}" (not a fact, parameter or built-in of this policy)`);
        return 'any';
      }
      return t;
    }
    case 'list':
      for (const i of e.items) infer(i, names, problems);
      return 'list';
    case 'not':
      want(infer(e.arg, names, problems), 'boolean', '"not"', problems);
      return 'boolean';
    case 'neg':
      want(infer(e.arg, names, problems), 'number', 'unary "-"', problems);
      return 'number';
    case 'binary': {
      const l = infer(e.left, names, problems);
      const r = infer(e.right, names, problems);
      switch (e.op) {
        case 'and':
        case 'or':
          want(l, 'boolean', `"${e.op}"`, problems);
          want(r, 'boolean', `"${e.op}"`, problems);
          return 'boolean';
        case '+':
        case '-':
        case '*':
        case '/':
          want(l, 'number', `"${e.op}"`, problems);
          want(r, 'number', `"${e.op}"`, problems);
          return 'number';
        case 'in':
        case 'not in':
          want(r, 'list', `"${e.op}"`, problems);
          return 'boolean';
        case '==':
        case '!=':
          if (!fits(l, r)) problems.push(`"${e.op}" compares a ${l} with a ${r}`);
          return 'boolean';
        default:
          if (!fits(l, r) || (l !== 'any' && !['number', ...TEXT].includes(l))) problems.push(`"${e.op}" needs two numbers or two dates, not a ${l} and a ${r}`);
          return 'boolean';
      }
    }
    case 'call': {
      const f = FUNCTIONS[e.fn];
      if (!f || !Object.hasOwn(FUNCTIONS, e.fn)) {
        problems.push(`unknown function "${e.fn}" (known: ${Object.keys(FUNCTIONS).join(', ')})`);
        for (const a of e.args) infer(a, names, problems);
        return 'any';
      }
      const n = e.args.length;
      if (f.variadic ? n < f.params.length : n !== f.params.length) {
        problems.push(`${e.fn}() takes ${f.variadic ? `at least ${f.params.length}` : f.params.length} argument(s), not ${n}`);
      }
      const types = e.args.map((a, i) => {
        const t = infer(a, names, problems);
        want(t, f.params[Math.min(i, f.params.length - 1)], `argument ${i + 1} of ${e.fn}()`, problems);
        return t;
      });
      if (f.result === 'same') {
        const [a, b] = [types[1] ?? 'any', types[2] ?? 'any'];
        if (!fits(a, b)) problems.push(`${e.fn}() gives a ${a} in one case and a ${b} in the other`);
        return a === 'any' ? b : a;
      }
      return f.result;
    }
  }
}

function want(actual: Type, wanted: Type, where: string, problems: string[]): void {
  if (!fits(actual, wanted)) problems.push(`${where} needs a ${wanted}, not a ${actual}`);
}
