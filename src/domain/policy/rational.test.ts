import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from './money.ts';
import { add, cmp, div, mul, q, qFromDecimal, qFromNumber, qToString, sub, toHundredths } from './rational.ts';

describe('exact rationals', () => {
  const small = fc.integer({ min: -1_000_000, max: 1_000_000 });
  const rat = fc.tuple(small, fc.integer({ min: 1, max: 10_000 })).map(([n, d]) => q(n, d));

  it('add, subtract, multiply and divide exactly', () => {
    fc.assert(
      fc.property(rat, rat, (a, b) => {
        expect(cmp(sub(add(a, b), b), a)).toBe(0);
        if (b.n !== 0) expect(cmp(div(mul(a, b), b), a)).toBe(0);
      }),
    );
  });

  it('goes through BigInt instead of rounding when products pass 2^53', () => {
    const big = q(2 ** 40, 3);
    expect(qToString(mul(big, q(3, 2 ** 40)))).toBe('1');
    expect(() => mul(q(2 ** 52), q(2 ** 52))).toThrow(/too large/);
  });

  it('reads a number as the decimal it prints as, on the fast path too', () => {
    const decimal = fc.tuple(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 8 })).map(([n, k]) => n / 10 ** k);
    fc.assert(fc.property(decimal, (x) => {
        expect(qFromNumber(x)).toEqual(qFromDecimal(String(x)));
      }), { numRuns: 2000 });
    // Any double: the fast path agrees with the decimal reading, or both refuse (too many digits to be exact).
    const attempt = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        return (e as Error).name;
      }
    };
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        expect(attempt(() => qFromNumber(x))).toEqual(attempt(() => qFromDecimal(String(x))));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads decimals as written', () => {
    expect(qFromNumber(0.1)).toEqual({ n: 1, d: 10 });
    expect(qFromDecimal('333.33')).toEqual({ n: 33333, d: 100 });
    expect(qFromDecimal('1e3')).toEqual({ n: 1000, d: 1 });
    expect(qToString(q(1, 8))).toBe('0.125');
    expect(toHundredths(q(1000, 3))).toBe(33333);
    expect(toHundredths(q(-1, 200))).toBe(-1);
    expect(toHundredths(q(1, 200))).toBe(1);
  });
});

describe('money', () => {
  it('converts yuan to fen exactly and refuses parts of a fen', () => {
    expect(yuanToFen(333.33)).toBe(33333);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1234567.89)).toBe(123456789);
    expect(() => yuanToFen(0.001)).toThrow(/part of a fen/);
    expect(fenToYuan(33333)).toBe(333.33);
    expect(formatYuan(-5)).toBe('-0.05');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => yuanToFen(fenToYuan(fen)) === fen && JSON.parse(JSON.stringify(fenToYuan(fen))) * 100 === fen || yuanToFen(fenToYuan(fen)) === fen));
  });
});
