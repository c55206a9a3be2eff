import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, normalizeCreditCode } from './credit-code.ts';

const body = fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
const validCode = body.map((b) => b + creditCodeCheckChar(b));

describe('unified social credit code', () => {
  it('accepts published codes', () => {
    // Codes printed on business licences (check characters verified by hand with the weights).
    for (const c of ['91350100M000100Y43', '91110000600037341L', '91440300708461136T']) expect(creditCodeProblem(c)).toBeNull();
  });

  it('names the length, alphabet and check-character problems apart', () => {
    expect(creditCodeProblem('9135010')).toBe('credit_code_length');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('credit_code_charset');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('credit_code_check');
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('maps a computed 31 to the check character 0', () => {
    // Σ value·weight ≡ 0 (mod 31) for an all-zero body, so 31 − 0 = 31 → 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validCode, (c) => creditCodeProblem(c) === null), { numRuns: 2000 });
  });

  it('rejects any single-character change of a valid code', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (c, pos, shift) => {
        const v = CREDIT_CODE_ALPHABET.indexOf(c[pos]);
        const changed = c.slice(0, pos) + CREDIT_CODE_ALPHABET[(v + shift) % 31] + c.slice(pos + 1);
        return creditCodeProblem(changed) === 'credit_code_check';
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.constantFrom('I', 'O', 'S', 'V', 'Z', 'a', '-', '中'), (c, pos, ch) => creditCodeProblem(c.slice(0, pos) + ch + c.slice(pos + 1)) === 'credit_code_charset'),
    );
  });
});
