import { describe, expect, it } from 'vitest';
import { hasHealthCertificate, type PersonFacts, type PostingFacts } from './facts.ts';
import { checkFit, commonDepth, occupationFit, scopeDepth } from './fit.ts';
import { HOME, ON, person, posting } from './fit.test-support.ts';

const codes = (p: Partial<PersonFacts>, j: Partial<PostingFacts>) => checkFit(person(p), posting(j), { on: ON }).failures.map((f) => f.code);

describe('checkFit', () => {
  it('accepts a pair that meets every rule', () => {
    const r = checkFit(person(), posting(), { on: ON });
    expect(r.ok).toBe(true);
    expect(r.failures).toEqual([]);
    expect(r.match).toMatchObject({ commonDepth: 4, affinity: 4, via: 'wish', viaCode: '4-09-08-01', paySurplusYuan: 500, startBy: '2026-03-10', age: 35 });
  });

  describe('wishes to work and available by the start', () => {
    it('refuses anyone not recorded as seeking work', () => {
      for (const s of ['employed_county', 'employed_outside', 'self_employed', 'public_welfare', 'not_seeking']) expect(codes({ employmentStatus: s }, {})).toEqual(['not_seeking']);
    });
    it('refuses a person without labor capacity', () => {
      expect(codes({ laborCapacity: 'none' }, {})).toContain('no_labor_capacity');
    });
    it('accepts availability on or before the start, refuses after', () => {
      expect(codes({ availableFrom: '2026-03-10' }, {})).toEqual([]);
      expect(codes({ availableFrom: '2026-02-01' }, {})).toEqual([]);
      expect(codes({ availableFrom: '2026-03-11' }, {})).toEqual(['not_available']);
    });
    it('counts a posting that already started from today', () => {
      expect(codes({ availableFrom: '2026-02-20' }, { startDate: '2026-01-01' })).toEqual([]);
      expect(codes({ availableFrom: '2026-03-02' }, { startDate: '2026-01-01' })).toEqual(['not_available']);
      expect(checkFit(person(), posting({ startDate: '2026-01-01' }), { on: ON }).match.startBy).toBe(ON);
    });
  });

  describe('posting open with openings left', () => {
    it('refuses postings that are not open', () => {
      for (const s of ['draft', 'filled', 'closed']) expect(codes({}, { status: s })).toEqual(['posting_not_open']);
    });
    it('refuses a posting whose openings are all filled', () => {
      expect(codes({}, { openings: 3, filled: 3 })).toEqual(['posting_full']);
      expect(codes({}, { openings: 3, filled: 2 })).toEqual([]);
    });
    it('refuses a posting that has ended', () => {
      expect(codes({}, { endDate: '2026-02-28' })).toEqual(['posting_ended']);
      expect(codes({}, { endDate: ON })).toEqual([]);
    });
  });

  describe('occupation fits wishes or skills by the classification', () => {
    it('ranks same detailed > same minor group > same medium group, and refuses less', () => {
      expect(occupationFit(person(), '4-09-08-01').affinity).toBe(4);
      expect(occupationFit(person(), '4-09-08-02').affinity).toBe(3);
      expect(occupationFit(person(), '4-09-10-01').affinity).toBe(2);
      expect(codes({}, { occupationCode: '4-09-10-01' })).toEqual([]);
      expect(codes({}, { occupationCode: '4-07-05-01' })).toEqual(['occupation_mismatch']);
      expect(codes({}, { occupationCode: '6-29-01-01' })).toEqual(['occupation_mismatch']);
    });
    it('uses skills as well as wishes, preferring a wish on a tie', () => {
      const p = person({ jobWishTypes: [], skills: [{ occupation: '6-18-02-04', certificate: null, level: null }] });
      expect(occupationFit(p, '6-18-02-04')).toEqual({ affinity: 4, via: 'skill', viaCode: '6-18-02-04' });
      expect(checkFit(p, posting({ occupationCode: '6-18-02-04' }), { on: ON }).ok).toBe(true);
      const both = person({ jobWishTypes: ['6-18-02-04'], skills: [{ occupation: '6-18-02-04', certificate: null, level: null }] });
      expect(occupationFit(both, '6-18-02-04').via).toBe('wish');
      const better = person({ jobWishTypes: ['6-18-01-01'], skills: [{ occupation: '6-18-02-04', certificate: null, level: null }] });
      expect(occupationFit(better, '6-18-02-04').via).toBe('skill');
    });
    it('accepts a wish coded at group level for the postings in that group', () => {
      expect(occupationFit(person({ jobWishTypes: ['6-29'] }), '6-29-01-01').affinity).toBe(2);
      expect(occupationFit(person({ jobWishTypes: ['6-29-01'] }), '6-29-01-01').affinity).toBe(3);
      expect(occupationFit(person({ jobWishTypes: ['6'] }), '6-29-01-01').affinity).toBe(1);
    });
    it('refuses a person with neither wishes nor skills', () => {
      expect(codes({ jobWishTypes: [], skills: [] }, {})).toEqual(['occupation_mismatch']);
    });
  });

  describe('pay meets the minimum', () => {
    it('compares the posting’s highest pay with the minimum in yuan', () => {
      expect(codes({ minMonthlyPayYuan: 3000 }, {})).toEqual([]);
      expect(codes({ minMonthlyPayYuan: 3001 }, {})).toEqual(['pay_below_minimum']);
      expect(codes({ minMonthlyPayYuan: null }, { payMinFen: 0, payMaxFen: 0 })).toEqual([]);
    });
    it('reports the surplus of the lowest pay, negative inside the range', () => {
      expect(checkFit(person({ minMonthlyPayYuan: 2800 }), posting(), { on: ON }).match.paySurplusYuan).toBe(-300);
      expect(checkFit(person({ minMonthlyPayYuan: null }), posting(), { on: ON }).match.paySurplusYuan).toBeNull();
    });
  });

  describe('work region inside the preferred scope, on the codes', () => {
    const cases: [string | null, string, boolean][] = [
      ['village', HOME, true],
      ['village', '140225100219', false],
      ['village', '140225100', false], // a town-level place cannot be shown to lie in the village
      ['town', '140225100', true],
      ['town', '140225100001', true],
      ['town', '140225101', false],
      ['county', '140225', true],
      ['county', '140226', false],
      ['city', '140212', true],
      ['city', '1401', false],
      ['province', '140100', true],
      ['province', '4403', false],
      ['anywhere', '440300', true],
      [null, '440300', true],
    ];
    it.each(cases)('scope %s, work place %s → %s', (scope, region, ok) => {
      expect(codes({ preferredScope: scope }, { regionCode: region }).includes('outside_preferred_scope')).toBe(!ok);
    });
    it('maps scopes to depths and counts shared levels', () => {
      expect([scopeDepth('village'), scopeDepth('town'), scopeDepth('county'), scopeDepth('city'), scopeDepth('province'), scopeDepth('anywhere'), scopeDepth(null), scopeDepth('nonsense')]).toEqual([5, 4, 3, 2, 1, 0, 0, 0]);
      expect(commonDepth(HOME, HOME)).toBe(5);
      expect(commonDepth(HOME, '140225100')).toBe(4);
      expect(commonDepth(HOME, '140225')).toBe(3);
      expect(commonDepth(HOME, '140200')).toBe(2);
      expect(commonDepth(HOME, '141127')).toBe(1);
      expect(commonDepth(HOME, '440300')).toBe(0);
    });
  });

  describe('age limits on the day work begins', () => {
    it('checks the minimum and the maximum age inclusive', () => {
      // born 1990-06-15: 35 on 2026-03-10
      expect(codes({}, { ageMin: 35, ageMax: 35 })).toEqual([]);
      expect(codes({}, { ageMin: 36 })).toEqual(['too_young']);
      expect(codes({}, { ageMax: 34 })).toEqual(['too_old']);
    });
    it('takes the birthday into account', () => {
      expect(codes({ birthDate: '1991-03-10' }, { ageMin: 35 })).toEqual([]);
      expect(codes({ birthDate: '1991-03-11' }, { ageMin: 35 })).toEqual(['too_young']);
    });
  });

  describe('health certificate', () => {
    it('requires a certificate entry naming 健康证 when the posting asks for it', () => {
      expect(codes({}, { healthCertificate: true })).toEqual(['health_certificate_required']);
      const holder = { skills: [{ occupation: '4-03-02-01', certificate: '健康证', level: null }] };
      expect(codes(holder, { healthCertificate: true })).toEqual([]);
      expect(hasHealthCertificate([{ occupation: '4-03-02-01', certificate: '食品从业人员健康合格证', level: null }])).toBe(true);
      expect(hasHealthCertificate([{ occupation: '4-03-02-01', certificate: 'Health certificate 2025', level: null }])).toBe(true);
      expect(hasHealthCertificate([{ occupation: '6-18-02-04', certificate: '焊工证', level: null }])).toBe(false);
      expect(hasHealthCertificate([{ occupation: '6-18-02-04', certificate: null, level: null }])).toBe(false);
    });
  });

  describe('weak capacity', () => {
    it('sends a weak-capacity person only to postings marked suitable', () => {
      expect(codes({ laborCapacity: 'weak' }, {})).toEqual(['not_suitable_for_weak_capacity']);
      expect(codes({ laborCapacity: 'weak' }, { weakLaborOk: true })).toEqual([]);
      expect(codes({ laborCapacity: 'full' }, { weakLaborOk: true })).toEqual([]);
      expect(codes({ laborCapacity: 'skilled' }, {})).toEqual([]);
    });
  });

  it('reports every failing rule at once, in both languages', () => {
    const r = checkFit(person({ employmentStatus: 'not_seeking', minMonthlyPayYuan: 9000, preferredScope: 'village', laborCapacity: 'weak' }), posting({ status: 'closed', occupationCode: '6-29-01-01', ageMax: 20, healthCertificate: true }), { on: ON });
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.code)).toEqual(['not_seeking', 'posting_not_open', 'occupation_mismatch', 'pay_below_minimum', 'outside_preferred_scope', 'too_old', 'health_certificate_required', 'not_suitable_for_weak_capacity']);
    for (const f of r.failures) {
      expect(f.en.length).toBeGreaterThan(5);
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(r.failures.find((f) => f.code === 'pay_below_minimum')!.en).toContain('9,000');
  });
});
