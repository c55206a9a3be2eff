import { describe, expect, it } from 'vitest';
import { evaluatePair } from './evaluate.ts';
import { person, posting } from './fit.test-support.ts';
import { explainMatch } from './reasons.ts';
import { MAX_SCORE, payPoints, priorityPoints, scoreMatch, WEIGHTS } from './score.ts';

const ON = '2026-03-01';
const plain = { category: 'lifted', relocated: false, zeroEmployment: false };

describe('scoreMatch', () => {
  it('gives more points the fewer region levels apart', () => {
    const s = [0, 1, 2, 3, 4, 5].map((d) => scoreMatch({ commonDepth: d, affinity: 4, paySurplusYuan: 0 }, plain).parts.nearness);
    expect(s).toEqual([0, 4, 10, 20, 26, 30]);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });
  it('ranks same detailed > same minor > same medium group', () => {
    expect([4, 3, 2].map((a) => scoreMatch({ commonDepth: 3, affinity: a, paySurplusYuan: 0 }, plain).parts.occupation)).toEqual([25, 17, 10]);
  });
  it('gives a point per full 100 yuan above the minimum, capped at 20', () => {
    expect([null, -500, 0, 99, 100, 1250, 2000, 50000].map(payPoints)).toEqual([0, 0, 0, 0, 1, 12, 20, 20]);
  });
  it('adds priority for monitored, zero-employment, and relocated households near their site', () => {
    expect(priorityPoints({ category: 'monitored', relocated: false, zeroEmployment: false }, 0)).toEqual({ monitored: 15, zeroEmployment: 0, relocatedNearSite: 0 });
    expect(priorityPoints({ category: 'lifted', relocated: false, zeroEmployment: true }, 0)).toEqual({ monitored: 0, zeroEmployment: 15, relocatedNearSite: 0 });
    expect(priorityPoints({ category: 'none', relocated: true, zeroEmployment: false }, 3).relocatedNearSite).toBe(10);
    expect(priorityPoints({ category: 'none', relocated: true, zeroEmployment: false }, 2).relocatedNearSite).toBe(0);
  });
  it('sums the parts; every fitting pair scores at least 10 and at most the maximum', () => {
    const all = { category: 'monitored', relocated: true, zeroEmployment: true };
    expect(scoreMatch({ commonDepth: 5, affinity: 4, paySurplusYuan: 99999 }, all).total).toBe(MAX_SCORE);
    expect(scoreMatch({ commonDepth: 0, affinity: 2, paySurplusYuan: null }, plain).total).toBe(WEIGHTS.occupation[2]);
    const s = scoreMatch({ commonDepth: 3, affinity: 3, paySurplusYuan: 1200 }, plain);
    expect(s.total).toBe(20 + 17 + 12);
  });
  it('prefers a nearer posting over one paying a little more farther away', () => {
    const near = scoreMatch({ commonDepth: 3, affinity: 4, paySurplusYuan: 0 }, plain).total;
    const far = scoreMatch({ commonDepth: 2, affinity: 4, paySurplusYuan: 900 }, plain).total;
    expect(near).toBeGreaterThan(far);
  });
});

describe('reasons', () => {
  it('says nearness, occupation and pay in both languages', () => {
    const e = evaluatePair(person({ minMonthlyPayYuan: 1300 }), posting({ regionCode: '140225', payMinFen: 250000 }), { on: ON });
    expect(e.ok).toBe(true);
    expect(e.reasons.map((r) => r.code)).toEqual(['same_county', 'wish_same_occupation', 'pay_above_minimum']);
    expect(e.reasons[0]).toMatchObject({ en: 'same county', zh: '同县', points: 20 });
    expect(e.reasons[1]).toMatchObject({ en: 'the work you wished for: Cleaner', zh: '符合就业意愿：保洁员', points: 25 });
    expect(e.reasons[2]).toMatchObject({ en: 'pays 1,200 yuan above your minimum', zh: '比期望月薪高1,200元', points: 12 });
    expect(e.score!.total).toBe(57);
    expect(e.reasons.reduce((s, r) => s + r.points, 0)).toBe(e.score!.total);
  });
  it('names every nearness level', () => {
    const names = ['140225100218', '140225100', '140225', '140212', '141127', '440300'].map((r) => evaluatePair(person({ preferredScope: 'anywhere' }), posting({ regionCode: r }), { on: ON }).reasons[0].zh);
    expect(names).toEqual(['同村', '同乡镇', '同县', '同市', '同省', '省外']);
  });
  it('explains the occupation fit by wish or skill and by group', () => {
    const z = (p: Parameters<typeof person>[0], code: string) => evaluatePair(person(p), posting({ occupationCode: code }), { on: ON }).reasons[1];
    expect(z({}, '4-09-08-02')).toMatchObject({ code: 'wish_same_minor_group', zh: '与意愿职业保洁员相近（同小类）' });
    expect(z({}, '4-09-10-01')).toMatchObject({ code: 'wish_same_medium_group', en: 'related to the work you wished for, Cleaner (same medium group)' });
    const welder = { jobWishTypes: [], skills: [{ occupation: '6-18-02-04', certificate: null, level: null }] };
    expect(z(welder, '6-18-02-04')).toMatchObject({ code: 'skill_same_occupation', zh: '用得上您的技能：焊工' });
    expect(z(welder, '6-18-02-05').code).toBe('skill_same_minor_group');
    expect(z(welder, '6-18-01-01').code).toBe('skill_same_medium_group');
  });
  it('explains pay without a minimum, at the minimum and within the range', () => {
    const pay = (min: number | null) => evaluatePair(person({ minMonthlyPayYuan: min }), posting(), { on: ON }).reasons[2];
    expect(pay(null)).toMatchObject({ code: 'pay', en: 'pays 2,500–3,000 yuan a month', zh: '月薪2,500–3,000元' });
    expect(pay(2500)).toMatchObject({ code: 'pay_meets_minimum', zh: '月薪达到期望' });
    expect(pay(2800)).toMatchObject({ code: 'pay_range_covers_minimum', zh: '月薪2,500–3,000元，期望月薪2,800元在范围内' });
  });
  it('gives priority reasons to staff and hides them from employers', () => {
    const p = person({ household: { category: 'monitored', relocated: true, zeroEmployment: true }, laborCapacity: 'weak' });
    const j = posting({ weakLaborOk: true });
    const e = evaluatePair(p, j, { on: ON });
    expect(e.reasons.map((r) => r.zh)).toEqual(['同乡镇', '符合就业意愿：保洁员', '比期望月薪高500元', '适合弱劳动力或半劳动力', '监测户：优先', '零就业家庭：优先', '易地搬迁户，安置点附近就业：优先']);
    expect(e.reasons.find((r) => r.code === 'priority_zero_employment')!.en).toBe('zero-employment household: priority');
    const employer = explainMatch(p, j, e.match, e.score!, 'employer');
    expect(employer.some((r) => r.code.startsWith('priority'))).toBe(false);
  });
  it('gives no score or reasons to a pair that does not fit', () => {
    const e = evaluatePair(person({ employmentStatus: 'not_seeking' }), posting(), { on: ON });
    expect(e).toMatchObject({ ok: false, score: null, reasons: [] });
  });
});
