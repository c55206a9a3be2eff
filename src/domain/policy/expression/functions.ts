import { isWithin, regionDepth } from '../../regions/region-code.ts';
import { cmp, q, type Q } from '../rational.ts';

/** Runtime values: exact numbers, text (dates and region codes are ISO / NBS text), booleans, lists. */
export type Value = Q | string | boolean | Value[];

/** Static types the checker infers; dates and region codes are text that compares in order. */
export type Type = 'number' | 'string' | 'date' | 'region' | 'boolean' | 'list' | 'any';

export interface FunctionSpec {
  /** Parameter types; the last repeats when `variadic`. */
  params: Type[];
  variadic?: boolean;
  result: Type | 'same';
  /** The function in words; `{0}`, `{1}` stand for the arguments. */
  words: { zh: string; en: string };
  impl: (args: Value[]) => Value;
}

export function isNumber(v: Value): v is Q {
  return typeof v === 'object' && !Array.isArray(v);
}

function yearOf(v: Value): Q {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
  if (!m) throw new RangeError(`"${String(v)}" is not a date (YYYY-MM-DD)`);
  return q(Number(m[1]));
}

function monthOf(v: Value): Q {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
  if (!m) throw new RangeError(`"${String(v)}" is not a date (YYYY-MM-DD)`);
  return q(Number(m[2]));
}

function sameAt(len: number) {
  return (args: Value[]) => {
    const a = String(args[0]);
    const b = String(args[1]);
    return a.length >= len && b.length >= len && a.startsWith(b.slice(0, len)) && regionDepth(a) > 0 && regionDepth(b) > 0;
  };
}

/** The functions an expression may call; nothing else can run. */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  min: {
    params: ['number'],
    variadic: true,
    result: 'number',
    words: { zh: '{*}中的较小者', en: 'the least of {*}' },
    impl: (a) => (a as Q[]).reduce((x, y) => (cmp(x, y) <= 0 ? x : y)),
  },
  max: {
    params: ['number'],
    variadic: true,
    result: 'number',
    words: { zh: '{*}中的较大者', en: 'the greatest of {*}' },
    impl: (a) => (a as Q[]).reduce((x, y) => (cmp(x, y) >= 0 ? x : y)),
  },
  if: {
    params: ['boolean', 'any', 'any'],
    result: 'same',
    words: { zh: '若{0}则为{1}，否则为{2}', en: '{1} if {0}, otherwise {2}' },
    impl: (a) => (a[0] ? a[1] : a[2]),
  },
  year: { params: ['date'], result: 'number', words: { zh: '{0}的年份', en: 'the year of {0}' }, impl: (a) => yearOf(a[0]) },
  month: { params: ['date'], result: 'number', words: { zh: '{0}的月份', en: 'the month of {0}' }, impl: (a) => monthOf(a[0]) },
  sameCounty: { params: ['region', 'region'], result: 'boolean', words: { zh: '{0}与{1}在同一县', en: '{0} and {1} are in the same county' }, impl: sameAt(6) },
  sameCity: { params: ['region', 'region'], result: 'boolean', words: { zh: '{0}与{1}在同一市', en: '{0} and {1} are in the same city' }, impl: sameAt(4) },
  regionWithin: {
    params: ['region', 'region'],
    result: 'boolean',
    words: { zh: '{0}位于{1}范围内', en: '{0} lies within {1}' },
    impl: (a) => isWithin(String(a[0]), String(a[1])),
  },
  abs: { params: ['number'], result: 'number', words: { zh: '{0}的绝对值', en: 'the absolute value of {0}' }, impl: (a) => ({ n: Math.abs((a[0] as Q).n), d: (a[0] as Q).d }) },
  floor: {
    params: ['number'],
    result: 'number',
    words: { zh: '{0}向下取整', en: '{0} rounded down' },
    impl: (a) => {
      const x = a[0] as Q;
      return q(Math.floor(x.n / x.d));
    },
  },
};
