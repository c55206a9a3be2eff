import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryOp, Expr } from './ast.ts';
import { KEYWORDS } from './ast.ts';
import { checkExpression } from './check.ts';
import { compileExpression } from './compile.ts';
import { describeExpression } from './describe.ts';
import { ExpressionSyntaxError, parseExpression } from './parse.ts';
import { printExpression } from './print.ts';
import { qToString, type Q } from '../rational.ts';

const run = (src: string, facts: Record<string, unknown> = {}) => {
  const names = Object.keys(facts);
  const slots = Object.fromEntries(names.map((n, i) => [n, i]));
  return compileExpression(parseExpression(src), { constants: {}, slots })(names.map((n) => facts[n] as never));
};
const num = (src: string, facts?: Record<string, unknown>) => qToString(run(src, facts) as Q);

describe('expression parser', () => {
  it('binds or < and < not < comparison < + - < * / < unary minus', () => {
    expect(parseExpression('a or b and not c')).toEqual({
      kind: 'binary',
      op: 'or',
      left: { kind: 'ref', name: 'a' },
      right: { kind: 'binary', op: 'and', left: { kind: 'ref', name: 'b' }, right: { kind: 'not', arg: { kind: 'ref', name: 'c' } } },
    });
    expect(printExpression(parseExpression('1 + 2 * 3 - -4'))).toBe('1 + 2 * 3 - -4');
    expect(printExpression(parseExpression('(1 + 2) * 3'))).toBe('(1 + 2) * 3');
    expect(printExpression(parseExpression('a - (b - c)'))).toBe('a - (b - c)');
    expect(printExpression(parseExpression('((a - b)) - c'))).toBe('a - b - c');
    expect(parseExpression("x not in ['a', 'b']")).toMatchObject({ kind: 'binary', op: 'not in' });
    expect(parseExpression("not x in ['a']")).toMatchObject({ kind: 'not', arg: { kind: 'binary', op: 'in' } });
  });

  it('reads strings with either quote and escapes', () => {
    expect(parseExpression(`'it\\'s' == "say \\"hi\\""`)).toMatchObject({ left: { kind: 'str', value: "it's" }, right: { kind: 'str', value: 'say "hi"' } });
  });

  it('refuses what is not the language, saying where', () => {
    for (const [src, msg] of [
      ['a +', /expected a value/],
      ['a == b == c', /cannot be chained/],
      ['f(1,', /expected a value/],
      ["'open", /unterminated/],
      ['a ; b', /unexpected character/],
      ['1.2.3', /malformed number/],
      ['process.exit()', /unexpected character|malformed/],
      ['and', /unexpected "and"/],
      ['(a', /expected "\)"/],
    ] as const) {
      expect(() => parseExpression(src), src).toThrow(ExpressionSyntaxError);
      expect(() => parseExpression(src), src).toThrow(msg);
    }
    expect(() => parseExpression('('.repeat(200) + '1' + ')'.repeat(200))).toThrow(/nested too deeply/);
  });
});

describe('expression type check', () => {
  it('names unknown names and functions, wrong arity and wrong operand kinds', () => {
    const names = { cost: 'number', home: 'region', ok: 'boolean', d: 'date' } as const;
    expect(checkExpression(parseExpression('min(cost, 800) + 1'), names)).toEqual({ type: 'number', problems: [] });
    expect(checkExpression(parseExpression('year(d) == 2020 and not sameCounty(home, "610821")'), names)).toEqual({ type: 'boolean', problems: [] });
    expect(checkExpression(parseExpression('costs > 1'), names).problems[0]).toMatch(/unknown name "costs"/);
    expect(checkExpression(parseExpression('eval(cost)'), names).problems[0]).toMatch(/unknown function "eval"/);
    expect(checkExpression(parseExpression('constructor(cost)'), names).problems[0]).toMatch(/unknown function/);
    expect(checkExpression(parseExpression('year(d, d)'), names).problems[0]).toMatch(/takes 1 argument/);
    expect(checkExpression(parseExpression('ok + 1'), names).problems[0]).toMatch(/needs a number, not a boolean/);
    expect(checkExpression(parseExpression('cost and ok'), names).problems[0]).toMatch(/needs a boolean/);
    expect(checkExpression(parseExpression('cost in 5'), names).problems[0]).toMatch(/needs a list/);
    expect(checkExpression(parseExpression('if(ok, 1, "a")'), names).problems[0]).toMatch(/gives a number in one case/);
  });
});

describe('expression evaluation', () => {
  it('does exact arithmetic: no float drift', () => {
    expect(num('0.1 + 0.2')).toBe('0.3');
    expect(run('0.1 + 0.2 == 0.3')).toBe(true);
    expect(num('4000 / 12 * 12')).toBe('4000');
    expect(num('4000 / 12')).toBe('1000/3');
    expect(num('min(950.5, 800)')).toBe('800');
    expect(num('max(1, 2.5, -3)')).toBe('2.5');
    expect(num('-(2 - 5) * 1.5')).toBe('4.5');
    expect(num('floor(7 / 2)')).toBe('3');
    expect(num('abs(-2.25)')).toBe('2.25');
    expect(() => run('1 / (2 - 2)')).toThrow(/division by zero/);
  });

  it('compares text, dates and lists; calls the region and date functions', () => {
    expect(run("d >= '2020-01-01' and d <= '2020-12-31'", { d: '2020-03-10' })).toBe(true);
    expect(num('year(d)', { d: '2020-03-10' })).toBe('2020');
    expect(num('month(d)', { d: '2020-03-10' })).toBe('3');
    expect(run("c in ['lifted', 'monitored']", { c: 'monitored' })).toBe(true);
    expect(run("c not in ['lifted', 'monitored']", { c: 'none' })).toBe(true);
    expect(run('sameCounty(a, b)', { a: '141127100200', b: '141127' })).toBe(true);
    expect(run('sameCounty(a, b)', { a: '141127100200', b: '1411' })).toBe(false);
    expect(run('sameCity(a, b)', { a: '141127100200', b: '141102' })).toBe(true);
    expect(run("regionWithin(a, '1411')", { a: '141127100200' })).toBe(true);
    expect(run("regionWithin(a, '1402')", { a: '141127100200' })).toBe(false);
    expect(num('if(r, 2000, 1500)', { r: true })).toBe('2000');
    expect(run('1 == 1.0 and [1, 2] == [1, 2.0]')).toBe(true);
  });

  it('never runs text as code: names resolve only to facts, parameters and built-ins', () => {
    expect(() => run('constructor')).toThrow(/unknown name/);
    expect(() => run('toString(1)')).toThrow(/unknown function/);
    expect(() => run('__proto__')).toThrow(/unknown name/);
  });

  it('says an expression in words in both languages', () => {
    const e = parseExpression("personCategory in ['lifted', 'monitored'] and travelCost <= 800");
    expect(describeExpression(e, 'en')).toBe('personCategory is one of "lifted", "monitored" and travelCost is at most 800');
    expect(describeExpression(e, 'zh')).toBe('personCategory属于“lifted”、“monitored”且travelCost不超过800');
    expect(describeExpression(parseExpression('min(travelCost, 800)'), 'en', (n) => `[${n}]`)).toBe('the least of [travelCost], 800');
  });
});

// Trees the parser can produce: no redundant structure it would normalise away.
const ident = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/).filter((s) => !KEYWORDS.has(s));
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.stringMatching(/^(0|[1-9]\d{0,6})(\.\d{1,3})?$/).map((value): Expr => ({ kind: 'num', value })),
    fc.string({ maxLength: 6 }).map((value): Expr => ({ kind: 'str', value })),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value })),
    ident.map((name): Expr => ({ kind: 'ref', name })),
    fc.array(tie('expr'), { maxLength: 3 }).map((items): Expr => ({ kind: 'list', items })),
    tie('expr').map((arg): Expr => ({ kind: 'not', arg })),
    tie('expr').map((arg): Expr => ({ kind: 'neg', arg })),
    fc
      .tuple(fc.constantFrom<BinaryOp>('or', 'and', '==', '!=', '<', '<=', '>', '>=', 'in', 'not in', '+', '-', '*', '/'), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
    fc.tuple(ident, fc.array(tie('expr'), { maxLength: 3 })).map(([fn, args]): Expr => ({ kind: 'call', fn, args })),
  ),
}));

describe('printing and parsing', () => {
  it('round-trips: parse(print(ast)) is the same tree', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(parseExpression(printExpression(e))).toEqual(e);
      }),
      { numRuns: 2000 },
    );
  });

  it('printing is stable: print(parse(print(ast))) is the same text', () => {
    fc.assert(fc.property(expr, (e) => printExpression(parseExpression(printExpression(e))) === printExpression(e)), { numRuns: 500 });
  });
});
