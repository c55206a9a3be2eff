/** The syntax tree of a policy expression. Literals keep their source text so printing is exact. */
export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/';

export type Expr =
  | { kind: 'num'; value: string }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'ref'; name: string }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'not'; arg: Expr }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: string; args: Expr[] };

/** Binding strength: or 1, and 2, not 3, comparisons and `in` 4, + - 5, * / 6, unary minus 7, atoms 8. */
export const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  in: 4,
  'not in': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);

/** Names of facts, parameters and built-ins an expression reads, in order of first use. */
export function referencedNames(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'ref':
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case 'list':
      for (const i of e.items) referencedNames(i, out);
      break;
    case 'not':
    case 'neg':
      referencedNames(e.arg, out);
      break;
    case 'binary':
      referencedNames(e.left, out);
      referencedNames(e.right, out);
      break;
    case 'call':
      for (const a of e.args) referencedNames(a, out);
      break;
  }
  return out;
}
