import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HouseholdIndex } from './household-index.ts';

describe('HouseholdIndex', () => {
  it('answers every lookup as a Map of the same keys does, whatever the keys', () => {
    const key = fc.oneof(
      fc.stringMatching(/^1402\d{13}$/),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom('', 'x'.repeat(255), 'x'.repeat(256), 'ÿ', 'Ā', '户-01'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat({ max: 2 ** 31 - 1 })), { maxLength: 400 }), fc.array(key, { maxLength: 50 }), (writes, probes) => {
        const index = new HouseholdIndex();
        const map = new Map<string, number>();
        for (const [k, v] of writes) {
          index.set(k, v);
          map.set(k, v);
        }
        expect(index.size).toBe(map.size);
        for (const k of [...map.keys(), ...probes]) expect(index.get(k)).toBe(map.get(k));
      }),
      { numRuns: 300 },
    );
  });

  it('tells a number from a longer one that starts with it, in a crowded table', () => {
    const index = new HouseholdIndex();
    for (let i = 0; i < 3000; i++) index.set(`14022510${i}-1`, i);
    for (let i = 0; i < 3000; i++) {
      expect(index.get(`14022510${i}-`)).toBeUndefined();
      expect(index.get(`14022510${i}-1`)).toBe(i);
    }
  });

  it('keeps 340,000 household numbers of a county, through many rounds of growth', () => {
    const index = new HouseholdIndex();
    const no = (i: number) => `140225${String(100 + (i % 16)).padStart(3, '0')}${String(i).padStart(8, '0')}`;
    for (let i = 0; i < 340_000; i++) index.set(no(i), i % 1000);
    expect(index.size).toBe(340_000);
    for (let i = 0; i < 340_000; i += 7) expect(index.get(no(i))).toBe(i % 1000);
    expect(index.get(no(340_000))).toBeUndefined();
    expect(index.get('1402251000000000')).toBeUndefined();
  });
});
