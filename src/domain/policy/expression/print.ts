import type { Expr } from './ast.ts';
import { PRECEDENCE } from './ast.ts';

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Prints an expression with only the parentheses it needs; `parseExpression(printExpression(e))` gives `e` back. */
export function printExpression(e: Expr): string {
  return print(e, 0);
}

function print(e: Expr, outer: number): string {
  let s: string;
  let prec: number;
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'str':
      return quote(e.value);
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'ref':
      return e.name;
    case 'list':
      return `[${e.items.map((i) => print(i, 0)).join(', ')}]`;
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, 0)).join(', ')})`;
    case 'not':
      prec = 3;
      s = `not ${print(e.arg, 3)}`;
      break;
    case 'neg':
      prec = 7;
      s = `-${print(e.arg, 7)}`;
      break;
    case 'binary': {
      prec = PRECEDENCE[e.op];
      // Left-associative operators keep a same-strength left operand bare; comparisons do not chain.
      const leftMin = prec === 4 ? prec + 1 : prec;
      s = `${print(e.left, leftMin)} ${e.op} ${print(e.right, prec + 1)}`;
      break;
    }
  }
  return prec < outer ? `(${s})` : s;
}
