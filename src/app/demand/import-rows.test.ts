import { describe, expect, it } from 'vitest';
import { parseDate, parseFlag, parseNumber } from './import-rows.ts';

describe('import cell parsing', () => {
  it('reads yes/no in the ways county sheets write it', () => {
    for (const v of ['是', '1', 'Y', 'true', '有', '√']) expect(parseFlag(v), v).toBe(true);
    for (const v of ['否', '0', '', 'no', '无']) expect(parseFlag(v), v).toBe(false);
    expect(parseFlag('maybe')).toBeUndefined();
  });
  it('reads amounts with separators', () => {
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber(' 1200.50 ')).toBe(1200.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('一千')).toBeUndefined();
  });
  it('reads dates written with dashes, slashes, dots, Chinese or as Excel serials', () => {
    expect(parseDate('2024/3/1')).toBe('2024-03-01');
    expect(parseDate('2024.03.01')).toBe('2024-03-01');
    expect(parseDate('2024年3月1日')).toBe('2024-03-01');
    expect(parseDate('20240301')).toBe('2024-03-01');
    expect(parseDate('45352')).toBe('2024-03-01');
    expect(parseDate('')).toBeNull();
    expect(parseDate('next spring')).toBe('next spring');
  });
});
