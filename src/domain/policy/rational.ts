/**
 * Exact rational numbers for money and ratios: `n/d` in lowest terms, d > 0. Integers (d = 1) take
 * a fast path; anything beyond 2^53 is recomputed with BigInt and refused if it still does not fit,
 * so a result is either exact or an error — never a rounded float.
 */
export interface Q {
  readonly n: number;
  readonly d: number;
}

export class NumberRangeError extends RangeError {}

const ZERO: Q = { n: 0, d: 1 };
export const Q0 = ZERO;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

function bgcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

function fromBig(n: bigint, d: bigint): Q {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = bgcd(n, d);
  n /= g;
  d /= g;
  const nn = Number(n);
  const dd = Number(d);
  if (!Number.isSafeInteger(nn) || !Number.isSafeInteger(dd)) throw new NumberRangeError('a number in the calculation is too large to be exact');
  return { n: nn, d: dd };
}

/** n/d reduced; both must be safe integers. */
export function q(n: number, d = 1): Q {
  if (d === 0) throw new NumberRangeError('division by zero');
  if (d === 1) return { n, d: 1 };
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

/** Parses a plain decimal literal such as `1500`, `0.5`, `333.33`, `-2`, `1e3`. */
export function qFromDecimal(text: string): Q {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new NumberRangeError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  let n = BigInt(m[2] + frac);
  let d = 10n ** BigInt(frac.length);
  const e = Number(m[4] ?? 0);
  if (Math.abs(e) > 30) throw new NumberRangeError(`"${text}" is out of range`);
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return fromBig(m[1] ? -n : n, d);
}

/** The exact value of a JavaScript number as its shortest decimal text reads (0.1 is 1/10). */
export function qFromNumber(x: number): Q {
  if (!Number.isFinite(x)) throw new NumberRangeError(`${x} is not a finite number`);
  if (Number.isSafeInteger(x)) return { n: x || 0, d: 1 };
  // Money and ratios have few decimals: when n/10^k reads back as x it is the decimal x was written
  // as (doubles this size lie far closer together than 10^-k, so no other k-digit decimal maps to x).
  for (let k = 1, p = 10; k <= 6; k++, p *= 10) {
    const n = Math.round(x * p);
    if (Number.isSafeInteger(n) && Math.abs(n) < 2 ** 50 && n / p === x) return q(n, p);
  }
  return qFromDecimal(String(x));
}

export function add(a: Q, b: Q): Q {
  if (a.d === 1 && b.d === 1) {
    const s = a.n + b.n;
    if (Number.isSafeInteger(s)) return { n: s, d: 1 };
  } else if (a.d === b.d) {
    const s = a.n + b.n;
    if (Number.isSafeInteger(s)) return q(s, a.d);
  } else {
    const n = a.n * b.d + b.n * a.d;
    const d = a.d * b.d;
    if (Number.isSafeInteger(a.n * b.d) && Number.isSafeInteger(b.n * a.d) && Number.isSafeInteger(n) && Number.isSafeInteger(d)) return q(n, d);
  }
  return fromBig(BigInt(a.n) * BigInt(b.d) + BigInt(b.n) * BigInt(a.d), BigInt(a.d) * BigInt(b.d));
}

export function neg(a: Q): Q {
  return { n: -a.n || 0, d: a.d };
}

export function sub(a: Q, b: Q): Q {
  return add(a, neg(b));
}

export function mul(a: Q, b: Q): Q {
  const n = a.n * b.n;
  const d = a.d * b.d;
  if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return d === 1 ? { n, d: 1 } : q(n, d);
  return fromBig(BigInt(a.n) * BigInt(b.n), BigInt(a.d) * BigInt(b.d));
}

export function div(a: Q, b: Q): Q {
  if (b.n === 0) throw new NumberRangeError('division by zero');
  return mul(a, { n: b.n < 0 ? -b.d : b.d, d: Math.abs(b.n) });
}

/** -1, 0 or 1. */
export function cmp(a: Q, b: Q): number {
  if (a.d === b.d) return Math.sign(a.n - b.n);
  const l = a.n * b.d;
  const r = b.n * a.d;
  if (Number.isSafeInteger(l) && Number.isSafeInteger(r)) return Math.sign(l - r);
  const bl = BigInt(a.n) * BigInt(b.d);
  const br = BigInt(b.n) * BigInt(a.d);
  return bl < br ? -1 : bl > br ? 1 : 0;
}

export function min(a: Q, b: Q): Q {
  return cmp(a, b) <= 0 ? a : b;
}

export function max(a: Q, b: Q): Q {
  return cmp(a, b) >= 0 ? a : b;
}

/** Rounds to a multiple of 1/100 (fen when the unit is yuan), half away from zero; returns hundredths. */
export function toHundredths(a: Q): number {
  const n = BigInt(a.n) * 100n;
  const d = BigInt(a.d);
  const sign = n < 0n ? -1n : 1n;
  const abs = n < 0n ? -n : n;
  const r = sign * ((abs * 2n + d) / (2n * d));
  const out = Number(r);
  if (!Number.isSafeInteger(out)) throw new NumberRangeError('an amount is too large');
  return out;
}

/** Whether the value is a whole number of hundredths (no part of a fen). */
export function isHundredths(a: Q): boolean {
  return 100 % a.d === 0;
}

/** Nearest double, for display only. */
export function toNumber(a: Q): number {
  return a.n / a.d;
}

/** Exact decimal text when the denominator allows it (2^a·5^b), else a fraction `n/d`. */
export function qToString(a: Q): string {
  if (a.d === 1) return String(a.n);
  let d = a.d;
  let k = 0;
  while (d % 10 === 0) {
    d /= 10;
    k++;
  }
  let scale = 0;
  let dd = a.d;
  while (dd % 2 === 0) {
    dd /= 2;
    scale++;
  }
  let s5 = 0;
  while (dd % 5 === 0) {
    dd /= 5;
    s5++;
  }
  if (dd !== 1) return `${a.n}/${a.d}`;
  const digits = Math.max(scale, s5, k);
  const n = (BigInt(a.n) * 10n ** BigInt(digits)) / BigInt(a.d);
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}
