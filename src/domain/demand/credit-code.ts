/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from an alphabet of
 * 31 (digits and capitals without I, O, S, V, Z); the last is a check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'credit_code_length' | 'credit_code_charset' | 'credit_code_check';

/** The check character for the first 17 characters (which must be from the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`"${first17[i]}" is not a credit-code character`);
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c];
}

/** Upper-cases and strips spaces, so codes typed or pasted in the usual ways compare equal. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

/** What is wrong with a (normalized) credit code, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'credit_code_length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'credit_code_charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'credit_code_check';
}

export function isCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** The message for each problem, in English and Chinese, quoting the rule. */
export function creditCodeMessage(problem: CreditCodeProblem, code: string): { message: string; messageZh: string } {
  switch (problem) {
    case 'credit_code_length':
      return { message: `must have 18 characters (has ${code.length})`, messageZh: `统一社会信用代码须为18位（现为${code.length}位）` };
    case 'credit_code_charset':
      return { message: 'may contain only digits and the capitals A–H, J–N, P–R, T, U, W–Y (GB 32100-2015)', messageZh: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）' };
    case 'credit_code_check': {
      const want = creditCodeCheckChar(code.slice(0, 17));
      return { message: `check character is wrong: for these first 17 characters it must be ${want} (GB 32100-2015)`, messageZh: `校验码错误：按前17位计算应为${want}` };
    }
  }
}
