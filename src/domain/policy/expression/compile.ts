import type { Expr } from './ast.ts';
import { FUNCTIONS, isNumber, type Value } from './functions.ts';
import { add, cmp, div, mul, neg, qFromDecimal, sub, type Q } from '../rational.ts';

/** A compiled expression: reads fact values by slot (see `slots`), never evaluates text. */
export type Compiled = (facts: Value[]) => Value;

export interface CompileScope {
  /** Constant values of parameters and built-ins, by name. */
  constants: Record<string, Value>;
  /** Slot of each fact in the array the compiled function receives. */
  slots: Record<string, number>;
}

export function equal(a: Value, b: Value): boolean {
  if (isNumber(a) && isNumber(b)) return cmp(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return a === b;
}

function num(v: Value, what: string): Q {
  if (!isNumber(v)) throw new TypeError(`${what} needs a number, got ${JSON.stringify(v)}`);
  return v;
}

function order(a: Value, b: Value, op: string): number {
  if (isNumber(a) && isNumber(b)) return cmp(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TypeError(`"${op}" cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`);
}

/** Turns a checked expression into a closure tree; names become constants or fact slots. */
export function compileExpression(e: Expr, scope: CompileScope): Compiled {
  switch (e.kind) {
    case 'num': {
      const v = qFromDecimal(e.value);
      return () => v;
    }
    case 'str':
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'ref': {
      if (Object.hasOwn(scope.slots, e.name)) {
        const i = scope.slots[e.name];
        return (f) => f[i];
      }
      if (Object.hasOwn(scope.constants, e.name)) {
        const v = scope.constants[e.name];
        return () => v;
      }
      throw new ReferenceError(`unknown name "${e.name}"`);
    }
    case 'list': {
      const items = e.items.map((i) => compileExpression(i, scope));
      return (f) => items.map((i) => i(f));
    }
    case 'not': {
      const a = compileExpression(e.arg, scope);
      return (f) => !a(f);
    }
    case 'neg': {
      const a = compileExpression(e.arg, scope);
      return (f) => neg(num(a(f), 'unary "-"'));
    }
    case 'binary': {
      const l = compileExpression(e.left, scope);
      const r = compileExpression(e.right, scope);
      switch (e.op) {
        case 'and':
          return (f) => l(f) === true && r(f) === true;
        case 'or':
          return (f) => l(f) === true || r(f) === true;
        case '+':
          return (f) => add(num(l(f), '"+"'), num(r(f), '"+"'));
        case '-':
          return (f) => sub(num(l(f), '"-"'), num(r(f), '"-"'));
        case '*':
          return (f) => mul(num(l(f), '"*"'), num(r(f), '"*"'));
        case '/':
          return (f) => div(num(l(f), '"/"'), num(r(f), '"/"'));
        case '==':
          return (f) => equal(l(f), r(f));
        case '!=':
          return (f) => !equal(l(f), r(f));
        case '<':
          return (f) => order(l(f), r(f), '<') < 0;
        case '<=':
          return (f) => order(l(f), r(f), '<=') <= 0;
        case '>':
          return (f) => order(l(f), r(f), '>') > 0;
        case '>=':
          return (f) => order(l(f), r(f), '>=') >= 0;
        case 'in':
        case 'not in': {
          const want = e.op === 'in';
          return (f) => {
            const x = l(f);
            const list = r(f);
            if (!Array.isArray(list)) throw new TypeError(`"${e.op}" needs a list on its right`);
            return list.some((y) => equal(x, y)) === want;
          };
        }
      }
      break;
    }
    case 'call': {
      const spec = FUNCTIONS[e.fn];
      if (!spec || !Object.hasOwn(FUNCTIONS, e.fn)) throw new ReferenceError(`unknown function "${e.fn}"`);
      const args = e.args.map((a) => compileExpression(a, scope));
      if (e.fn === 'if') {
        const [c, a, b] = args;
        return (f) => (c(f) === true ? a(f) : b(f));
      }
      const impl = spec.impl;
      if (args.length === 1) {
        const [a] = args;
        return (f) => impl([a(f)]);
      }
      if (args.length === 2) {
        const [a, b] = args;
        return (f) => impl([a(f), b(f)]);
      }
      return (f) => impl(args.map((a) => a(f)));
    }
  }
  throw new Error('unreachable');
}
