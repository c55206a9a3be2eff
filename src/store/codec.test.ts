import { describe, expect, it } from 'vitest';
import { fromJson, sameColumnValue } from './codec.ts';

describe('sameColumnValue', () => {
  it('takes a JSON column read back as a value, with its keys reordered, as the text written', () => {
    const skills = [{ occupation: '6-01-02-01', certificate: true, level: 3 }];
    // PostgreSQL returns jsonb objects with their keys in its own order.
    const stored = [{ level: 3, certificate: true, occupation: '6-01-02-01' }];
    expect(sameColumnValue(stored, fromJson(skills))).toBe(true);
    expect(sameColumnValue(fromJson(skills), fromJson(skills))).toBe(true);
    expect(sameColumnValue(['a', 'b'], fromJson(['a', 'b']))).toBe(true);
  });

  it('tells a changed value apart', () => {
    expect(sameColumnValue([{ occupation: '6-01-02-01', level: 3 }], fromJson([{ occupation: '6-01-02-01', level: 4 }]))).toBe(false);
    expect(sameColumnValue(['a', 'b'], fromJson(['b', 'a']))).toBe(false);
    expect(sameColumnValue(null, fromJson([]))).toBe(false);
    expect(sameColumnValue('seeking', 'not_seeking')).toBe(false);
    expect(sameColumnValue(3000, 3000)).toBe(true);
  });
});
