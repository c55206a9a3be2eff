import { describe, expect, it } from 'vitest';
import { chinaToday, isIsoDate } from './dates.ts';

describe('isIsoDate', () => {
  it('takes real calendar dates written YYYY-MM-DD only', () => {
    for (const ok of ['2020-02-29', '2021-12-31', '1970-01-01']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2021-02-29', '2020-13-01', '2020-04-31', '2020-4-1', '20200401', '2020-04-01T00:00', ' 2020-04-01', '', null, undefined]) expect(isIsoDate(bad), String(bad)).toBe(false);
  });
});

describe('chinaToday', () => {
  it('is the calendar day in China, a day ahead of UTC from 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(chinaToday(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });
});
