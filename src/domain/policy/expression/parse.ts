import type { BinaryOp, Expr } from './ast.ts';
import { KEYWORDS } from './ast.ts';

/** A syntax error with the position (0-based character offset) where it was found. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position + 1}`);
    this.name = 'ExpressionSyntaxError';
  }
}

type Token =
  | { t: 'num'; v: string; p: number }
  | { t: 'str'; v: string; p: number }
  | { t: 'id'; v: string; p: number }
  | { t: 'op'; v: string; p: number }
  | { t: 'end'; v: ''; p: number };

const OPS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0], p: i });
      i += m[0].length;
      if (i < src.length && /[A-Za-z_.]/.test(src[i])) throw new ExpressionSyntaxError(`malformed number "${m[0]}${src[i]}"`, i);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], p: i });
      i += m[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExpressionSyntaxError('unterminated string', start);
        const d = src[i];
        if (d === '\\') {
          if (i + 1 >= src.length) throw new ExpressionSyntaxError('unterminated string', start);
          s += src[i + 1];
          i += 2;
          continue;
        }
        if (d === c) {
          i++;
          break;
        }
        s += d;
        i++;
      }
      out.push({ t: 'str', v: s, p: start });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionSyntaxError(`unexpected character "${c}"`, i);
    out.push({ t: 'op', v: op, p: i });
    i += op.length;
  }
  out.push({ t: 'end', v: '', p: src.length });
  return out;
}

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Parses a policy expression into a tree. The grammar, loosest first:
 * `or` · `and` · `not` · comparison (`== != < <= > >=`, `in`, `not in`, not chainable) · `+ -` · `* /`
 * · unary `-` · literal (number, 'string', true, false, [list]), name, call `f(a, b)`, `( … )`.
 * Nothing is ever executed as code.
 */
export function parseExpression(src: string): Expr {
  if (src.length > 4000) throw new ExpressionSyntaxError('expression longer than 4000 characters', 0);
  const toks = tokenize(src);
  let k = 0;
  let depth = 0;
  const peek = () => toks[k];
  const isOp = (v: string) => toks[k].t === 'op' && toks[k].v === v;
  const isKw = (v: string) => toks[k].t === 'id' && toks[k].v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new ExpressionSyntaxError(`expected "${v}" but found ${describe(peek())}`, peek().p);
    k++;
  };
  const enter = () => {
    if (++depth > 100) throw new ExpressionSyntaxError('expression nested too deeply', peek().p);
  };

  function orExpr(): Expr {
    let left = andExpr();
    while (isKw('or')) {
      k++;
      left = { kind: 'binary', op: 'or', left, right: andExpr() };
    }
    return left;
  }
  function andExpr(): Expr {
    let left = notExpr();
    while (isKw('and')) {
      k++;
      left = { kind: 'binary', op: 'and', left, right: notExpr() };
    }
    return left;
  }
  function notExpr(): Expr {
    if (isKw('not')) {
      k++;
      enter();
      const arg = notExpr();
      depth--;
      return { kind: 'not', arg };
    }
    return compare();
  }
  function compare(): Expr {
    const left = additive();
    let op: BinaryOp | null = null;
    if (peek().t === 'op' && COMPARE.has(peek().v)) {
      op = peek().v as BinaryOp;
      k++;
    } else if (isKw('in')) {
      op = 'in';
      k++;
    } else if (isKw('not') && toks[k + 1].t === 'id' && toks[k + 1].v === 'in') {
      op = 'not in';
      k += 2;
    }
    if (!op) return left;
    const right = additive();
    if ((peek().t === 'op' && COMPARE.has(peek().v)) || isKw('in')) throw new ExpressionSyntaxError('comparisons cannot be chained; join them with "and"', peek().p);
    return { kind: 'binary', op, left, right };
  }
  function additive(): Expr {
    let left = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = peek().v as BinaryOp;
      k++;
      left = { kind: 'binary', op, left, right: multiplicative() };
    }
    return left;
  }
  function multiplicative(): Expr {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = peek().v as BinaryOp;
      k++;
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    if (isOp('-')) {
      k++;
      enter();
      const arg = unary();
      depth--;
      return { kind: 'neg', arg };
    }
    return primary();
  }
  function primary(): Expr {
    const t = peek();
    if (t.t === 'num') {
      k++;
      return { kind: 'num', value: t.v };
    }
    if (t.t === 'str') {
      k++;
      return { kind: 'str', value: t.v };
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') {
        k++;
        return { kind: 'bool', value: t.v === 'true' };
      }
      if (KEYWORDS.has(t.v)) throw new ExpressionSyntaxError(`unexpected "${t.v}"`, t.p);
      k++;
      if (isOp('(')) {
        k++;
        enter();
        const args = isOp(')') ? [] : items(')');
        depth--;
        expect(')');
        return { kind: 'call', fn: t.v, args };
      }
      return { kind: 'ref', name: t.v };
    }
    if (isOp('(')) {
      k++;
      enter();
      const e = orExpr();
      depth--;
      expect(')');
      return e;
    }
    if (isOp('[')) {
      k++;
      enter();
      const list = isOp(']') ? [] : items(']');
      depth--;
      expect(']');
      return { kind: 'list', items: list };
    }
    throw new ExpressionSyntaxError(`expected a value but found ${describe(t)}`, t.p);
  }
  function items(close: string): Expr[] {
    const out = [orExpr()];
    while (isOp(',')) {
      k++;
      if (isOp(close)) break;
      out.push(orExpr());
    }
    return out;
  }

  const e = orExpr();
  if (peek().t !== 'end') throw new ExpressionSyntaxError(`unexpected ${describe(peek())}`, peek().p);
  return e;
}

function describe(t: Token): string {
  if (t.t === 'end') return 'the end of the expression';
  if (t.t === 'str') return `the string '${t.v}'`;
  return `"${t.v}"`;
}
