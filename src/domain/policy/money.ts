import { DomainError } from '../errors.ts';
import { isHundredths, qFromNumber, toHundredths, type Q } from './rational.ts';

/**
 * Money is integer fen everywhere inside the system; yuan appear only at the edges (JSON numbers
 * such as 1500 or 333.33). Conversions are exact: a yuan amount with a part of a fen is refused.
 */
export type Fen = number;

/** Yuan as a JSON number (e.g. 333.33) to integer fen; throws when it is not a whole number of fen. */
export function yuanToFen(yuan: number, field = 'amount'): Fen {
  let v: Q;
  try {
    v = qFromNumber(yuan);
  } catch {
    throw DomainError.invalid([{ field, code: 'money_format', message: `${yuan} is not an amount in yuan`, messageZh: '金额格式不正确' }]);
  }
  if (!isHundredths(v)) throw DomainError.invalid([{ field, code: 'money_precision', message: `${yuan} has a part of a fen; amounts are in yuan with at most two decimals`, messageZh: '金额最多保留两位小数（分）' }]);
  return toHundredths(v);
}

/** Integer fen to yuan as the JSON contract shows it; 33333 → 333.33 (the double nearest to it, which prints exactly). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** Yuan text with two decimals, for people and exports: 33333 → "333.33". */
export function formatYuan(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Sums fen exactly (integers below 2^53 add exactly). */
export function sumFen(values: Iterable<Fen>): Fen {
  let s = 0;
  for (const v of values) s += v;
  if (!Number.isSafeInteger(s)) throw new RangeError('a total is too large');
  return s;
}
