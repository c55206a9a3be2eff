import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { auditPeriod } from './period.ts';

function issues(from: string | undefined, to: string | undefined): string[] {
  try {
    auditPeriod(from, to);
    return [];
  } catch (e) {
    if (!isDomainError(e)) throw e;
    expect(e.code).toBe('validation_failed');
    return e.issues.map((i) => `${i.field}:${i.code}`);
  }
}

describe('auditPeriod', () => {
  it('reads a date as a day in China, and a date as to as the whole of that day', () => {
    expect(auditPeriod('2026-05-01', '2026-05-01')).toEqual({ from: '2026-04-30T16:00:00.000Z', to: '2026-05-01T15:59:59.999Z' });
    expect(auditPeriod(undefined, '2026-12-31')).toEqual({ from: undefined, to: '2026-12-31T15:59:59.999Z' });
    expect(auditPeriod('', '')).toEqual({ from: undefined, to: undefined });
  });

  it('takes ISO date-times with or without an offset (without one: China time) and returns UTC', () => {
    expect(auditPeriod('2026-05-01T08:30:00Z', '2026-05-01T12:30:00.123+02:00')).toEqual({ from: '2026-05-01T08:30:00.000Z', to: '2026-05-01T10:30:00.123Z' });
    expect(auditPeriod('2026-05-01T08:30', undefined).from).toBe('2026-05-01T00:30:00.000Z');
    expect(auditPeriod('2026-05-01T08:30:05.5-05:00', undefined).from).toBe('2026-05-01T13:30:05.500Z');
    expect(auditPeriod('2026-05-01T08:30:05.123456789Z', undefined).from).toBe('2026-05-01T08:30:05.123Z');
    // What the audit page sends.
    const start = new Date(2026, 4, 1).toISOString();
    expect(auditPeriod(start, undefined).from).toBe(start);
  });

  it('refuses anything else with a coded issue naming the field', () => {
    for (const bad of ['yesterday', '2026-5-1', '2026-02-30', '2026-13-01', '20260501', '2026-05-01T24:00', '2026-05-01T08:60', '2026-05-01 08:30', '2026-05-01T08:30:00+8', '2026-05-01T08:30:00+15:00', "2026-05-01' OR '1'='1", '1714521600000', '2026-05-01Z']) {
      expect(issues(bad, undefined), bad).toEqual(['from:datetime_format']);
      expect(issues(undefined, bad), bad).toEqual(['to:datetime_format']);
    }
    expect(issues('x', 'y')).toEqual(['from:datetime_format', 'to:datetime_format']);
  });

  it('refuses a period that ends before it starts', () => {
    expect(issues('2026-05-02', '2026-05-01')).toEqual(['to:period_order']);
    expect(issues('2026-05-01T12:00:00+08:00', '2026-05-01')).toEqual([]);
  });
});
