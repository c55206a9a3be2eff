import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluatePair } from './evaluate.ts';
import type { PersonFacts, PostingFacts } from './facts.ts';
import { person, posting } from './fit.test-support.ts';
import { PostingIndex, regionNumber } from './posting-index.ts';

const ON = '2026-03-01';
const REGIONS = ['14', '1402', '140225', '140225100', '140225100218', '140225100219', '140225101', '140225101001', '140226', '140226100', '141127', '141127100003', '4403', '440305', '440305001002'];
const OCCUPATIONS = ['4-09-08-01', '4-09-08-02', '4-09-10-01', '4-07-05-01', '6-29-01-01', '6-29-01-03', '6-29-02-03', '6-18-02-04', '4-03-02-01'];
const SCOPES = [null, 'village', 'town', 'county', 'city', 'province', 'anywhere'];

const postingArb = (id: number) =>
  fc.record({
    occupationCode: fc.constantFrom(...OCCUPATIONS),
    regionCode: fc.constantFrom(...REGIONS),
    payMinFen: fc.integer({ min: 150000, max: 600000 }),
    extra: fc.integer({ min: 0, max: 200000 }),
    openings: fc.integer({ min: 1, max: 5 }),
    filled: fc.integer({ min: 0, max: 5 }),
    status: fc.constantFrom('open', 'open', 'open', 'draft', 'closed'),
    startDate: fc.constantFrom('2026-01-15', '2026-03-01', '2026-03-20', '2026-06-01'),
    endDate: fc.constantFrom(null, null, '2026-02-01', '2026-12-31'),
    ageMin: fc.constantFrom(null, null, 18, 30),
    ageMax: fc.constantFrom(null, null, 40, 55),
    healthCertificate: fc.constantFrom(false, false, false, true),
    weakLaborOk: fc.boolean(),
  }).map((r): PostingFacts => posting({ ...r, id, payMaxFen: r.payMinFen + r.extra, filled: Math.min(r.filled, r.openings) }));

const personArb = fc.record({
  villageCode: fc.constantFrom('140225100218', '140225101001', '141127100003', '440305001002'),
  birthDate: fc.constantFrom('1970-03-01', '1985-07-20', '1996-02-28', '2004-12-31'),
  laborCapacity: fc.constantFrom('full', 'full', 'skilled', 'weak', 'none'),
  employmentStatus: fc.constantFrom('seeking', 'seeking', 'seeking', 'not_seeking'),
  jobWishTypes: fc.subarray(OCCUPATIONS, { minLength: 1, maxLength: 3 }),
  skillCodes: fc.subarray(OCCUPATIONS, { maxLength: 2 }),
  health: fc.boolean(),
  availableFrom: fc.constantFrom(null, null, '2026-02-01', '2026-03-15', '2026-05-01'),
  preferredScope: fc.constantFrom(...SCOPES, 'province', 'anywhere'),
  minMonthlyPayYuan: fc.constantFrom(null, 1500, 1800, 2500, 3500, 5000),
  category: fc.constantFrom('lifted', 'monitored', 'none'),
  relocated: fc.boolean(),
  zeroEmployment: fc.boolean(),
}).map((r): PersonFacts => person({
  ...r,
  skills: r.skillCodes.map((c, i) => ({ occupation: c, certificate: r.health && i === 0 ? '健康证' : null, level: null })),
  household: { category: r.category, relocated: r.relocated, zeroEmployment: r.zeroEmployment },
}));

describe('PostingIndex', () => {
  it('finds exactly the postings checkFit accepts, with the same scores and order', () => {
    let matches = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 80 }).chain((a) => fc.tuple(...a.map((_, i) => postingArb(i + 1)))), fc.array(personArb, { minLength: 1, maxLength: 5 }), (postings, people) => {
        const index = PostingIndex.build(postings);
        for (const p of people) {
          const expected = postings
            .map((j) => ({ j, e: evaluatePair(p, j, { on: ON }) }))
            .filter((x) => x.e.ok)
            .map((x) => ({ postingId: x.j.id, score: x.e.score!.total }))
            .sort((a, b) => b.score - a.score || a.postingId - b.postingId);
          matches += expected.length;
          expect(index.topK(p, ON, Infinity)).toEqual(expected);
          expect(index.topK(p, ON, 3)).toEqual(expected.slice(0, 3));
        }
      }),
      { numRuns: 300 },
    );
    // The generators must produce fitting pairs, or the comparison proves nothing.
    expect(matches).toBeGreaterThan(40);
  });

  it('takes changed postings from the overlay and drops those no longer open', () => {
    const a = posting({ id: 1, regionCode: '140225100218' });
    const b = posting({ id: 2, regionCode: '140225' });
    const index = PostingIndex.build([a, b]);
    expect(index.topK(person(), ON, 10).map((c) => c.postingId)).toEqual([1, 2]);
    index.apply([{ ...a, filled: a.openings }]);
    expect(index.topK(person(), ON, 10).map((c) => c.postingId)).toEqual([2]);
    index.apply([{ ...a, filled: 0, payMinFen: 900000, payMaxFen: 900000 }, posting({ id: 3, regionCode: '140225100' })]);
    expect(index.topK(person(), ON, 10).map((c) => c.postingId)).toEqual([1, 3, 2]);
    expect(index.overlaySize).toBe(2);
    expect(index.topK(person(), ON, 10, new Set([1])).map((c) => c.postingId)).toEqual([3, 2]);
  });

  it('pads region codes so a subtree is one numeric range', () => {
    expect(regionNumber('14')).toBe(140000000000);
    expect(regionNumber('140225100218')).toBe(140225100218);
  });
});
