import { describe, expect, it } from 'vitest';
import { checkEmployer, operatingRates, type EmployerDraft } from './employer-rules.ts';
import { minimumWageFor, povertyLineMonthlyFen, type MinimumWageSetup } from './minimum-wage.ts';
import { checkPosting, genderRequirementIn, monthsBetween, type PostingDraft } from './posting-rules.ts';

const SHANXI: MinimumWageSetup = {
  tables: [
    { provinceCode: '14', effectiveFrom: '2017-10-01', classesFen: [170000, 160000, 150000, 140000] },
    { provinceCode: '14', effectiveFrom: '2021-10-01', classesFen: [188000, 176000, 163000] },
    { provinceCode: '14', effectiveFrom: '2023-01-01', classesFen: [198000, 188000, 178000] },
  ],
  countyClass: new Map([['140105', 1], ['140225', 3]]),
  defaultClass: 3,
};

function posting(over: Partial<PostingDraft> = {}): PostingDraft {
  return {
    title: '保洁员', occupationCode: '4-09-08-01', postType: 'regular', openings: 5, filled: 0, payMinFen: 200000, payMaxFen: 300000,
    regionCode: '140225100218', address: '村委会', startDate: '2024-03-01', endDate: null, hours: '8:00-17:00',
    requirements: { ageMin: 18, ageMax: 55 }, board: false, lodging: false, weakLaborOk: false, status: 'open', accidentInsuranceFen: null, description: '', ...over,
  };
}
const ctx = (date = '2024-03-01', region = '140225100218') => ({ minimumWageFen: minimumWageFor(SHANXI, region, date)?.monthlyFen ?? null, povertyLineMonthlyFen: povertyLineMonthlyFen() });
const codes = (p: PostingDraft, c = ctx(p.startDate, p.regionCode)) => checkPosting(p, c).map((i) => `${i.field}:${i.code}`);

describe('minimum wage table', () => {
  it('uses the table in force on the date and the county class', () => {
    expect(minimumWageFor(SHANXI, '140225100218', '2023-01-01')?.monthlyFen).toBe(178000);
    expect(minimumWageFor(SHANXI, '140225', '2022-12-31')?.monthlyFen).toBe(163000);
    expect(minimumWageFor(SHANXI, '140105', '2021-09-30')?.monthlyFen).toBe(170000);
    expect(minimumWageFor(SHANXI, '141127', '2019-05-01')?.monthlyFen).toBe(150000); // default class 3
    expect(minimumWageFor(SHANXI, '140225', '2017-09-30')).toBeUndefined();
    expect(minimumWageFor(SHANXI, '440305', '2024-01-01')).toBeUndefined();
  });
  it('gives a class beyond a shorter table the lowest class', () => {
    const s = { ...SHANXI, countyClass: new Map([['140225', 4]]) };
    expect(minimumWageFor(s, '140225', '2018-01-01')?.monthlyFen).toBe(140000);
    expect(minimumWageFor(s, '140225', '2024-01-01')?.monthlyFen).toBe(178000);
  });
  it('takes the poverty line as 4,000 yuan a year by default', () => {
    expect(povertyLineMonthlyFen()).toBe(33334);
    expect(povertyLineMonthlyFen(4800)).toBe(40000);
  });
});

describe('posting rules', () => {
  it('accepts a plain regular posting', () => expect(codes(posting())).toEqual([]));

  it('requires a temporary post to last 3 months and pay the minimum wage', () => {
    expect(codes(posting({ postType: 'temporary', endDate: '2024-05-31', payMinFen: 177900 }))).toEqual(['endDate:temporary_min_duration', 'payMinFen:temporary_below_minimum_wage']);
    expect(codes(posting({ postType: 'temporary', endDate: null }))).toContain('endDate:temporary_min_duration');
    expect(codes(posting({ postType: 'temporary', endDate: '2024-06-01', payMinFen: 178000 }))).toEqual([]);
    const msg = checkPosting(posting({ postType: 'temporary', endDate: '2024-06-01', payMinFen: 1000 }), ctx())[0];
    expect(msg.message).toContain('1,780');
    expect(msg.messageZh).toContain('1,780');
  });

  it('uses the table in force on the start date', () => {
    // 1,700 is enough under the 2021 table (class 3: 1,630) but not under the 2023 one (1,780).
    expect(codes(posting({ postType: 'temporary', startDate: '2022-06-01', endDate: '2022-12-01', payMinFen: 170000 }))).toEqual([]);
    expect(codes(posting({ postType: 'temporary', startDate: '2023-06-01', endDate: '2023-12-01', payMinFen: 170000 }))).toEqual(['payMinFen:temporary_below_minimum_wage']);
  });

  it('bounds public-welfare pay between the poverty line and half the minimum wage, with insurance', () => {
    const pw = (o: Partial<PostingDraft>) => posting({ postType: 'public_welfare', payMinFen: 60000, payMaxFen: 80000, accidentInsuranceFen: 30_000_000, ...o });
    expect(codes(pw({}))).toEqual([]);
    expect(codes(pw({ payMinFen: 30000 }))).toEqual(['payMinFen:public_welfare_below_poverty_line']);
    expect(codes(pw({ payMaxFen: 89001 }))).toEqual(['payMaxFen:public_welfare_above_cap']);
    expect(codes(pw({ payMaxFen: 89000 }))).toEqual([]);
    expect(codes(pw({ accidentInsuranceFen: 29_999_900 }))).toEqual(['accidentInsuranceFen:public_welfare_insurance']);
    expect(codes(pw({ accidentInsuranceFen: null }))).toEqual(['accidentInsuranceFen:public_welfare_insurance']);
    const cap = checkPosting(pw({ payMaxFen: 100000 }), ctx()).find((i) => i.code === 'public_welfare_above_cap')!;
    expect(cap.message).toContain('890');
    expect(cap.params).toMatchObject({ limitFen: 89000 });
  });

  it('refuses temporary and public-welfare posts where no minimum wage is known', () => {
    expect(codes(posting({ postType: 'temporary', regionCode: '440305', endDate: '2024-09-01' }))).toEqual(['regionCode:minimum_wage_unknown']);
    expect(codes(posting({ regionCode: '440305' }))).toEqual([]);
  });

  it('rejects any gender requirement, as a field or in words', () => {
    expect(codes(posting({ requirements: { gender: 'male' } }))).toEqual(['requirements.gender:gender_requirement']);
    expect(codes(posting({ title: '搬运工（限男性）' }))).toEqual(['title:gender_requirement']);
    expect(codes(posting({ requirements: { other: '仅限女性，45岁以下' } }))).toEqual(['requirements.other:gender_requirement']);
    expect(codes(posting({ description: '男性优先，包吃住' }))).toEqual(['description:gender_requirement']);
    for (const ok of ['男女不限', '性别不限，能吃苦', '适合留守劳动力', '女装缝纫']) expect(genderRequirementIn(ok), ok).toBeNull();
    for (const bad of ['女士优先', '只招男工', '要求男性', 'female only', 'men preferred']) expect(genderRequirementIn(bad), bad).not.toBeNull();
  });

  it('checks counts, pay order, dates and ages', () => {
    expect(codes(posting({ openings: 0, filled: -1, payMaxFen: 100, startDate: '2024-02-30', requirements: { ageMin: 14, ageMax: 80 } }))).toEqual([
      'openings:openings_min', 'filled:filled_negative', 'payMaxFen:pay_range', 'startDate:date_format', 'requirements.ageMin:age_range', 'requirements.ageMax:age_range',
    ]);
    expect(codes(posting({ openings: 2, filled: 3, endDate: '2024-01-01' }))).toEqual(['filled:filled_exceeds_openings', 'endDate:date_order']);
  });

  it('counts whole months', () => {
    expect(monthsBetween('2024-01-31', '2024-04-30')).toBe(2);
    expect(monthsBetween('2024-01-31', '2024-05-01')).toBe(3);
    expect(monthsBetween('2024-03-01', '2024-06-01')).toBe(3);
  });
});

describe('employer rules', () => {
  const e = (o: Partial<EmployerDraft> = {}): EmployerDraft => ({
    name: '浑源县某制衣厂', creditCode: '91350100M000100Y43', regionCode: '140225', address: '', industry: 'C18', isSme: true, contactName: '', contactPhone: '',
    operatingStatus: 'operating', statusDate: null, employeesTotal: 10, poorEmployees: 3, isWorkshop: false, workshopRecognizedOn: null, ...o,
  });
  it('accepts a valid record and names each failure', () => {
    expect(checkEmployer(e())).toEqual([]);
    expect(checkEmployer(e({ creditCode: '91350100M000100Y44', operatingStatus: 'resumed', poorEmployees: 11 })).map((i) => i.code)).toEqual(['credit_code_check', 'status_date_required', 'poor_exceeds_total']);
  });
  it('computes operating and resumption rates', () => {
    expect(operatingRates({ operating: 6, resumed: 2, suspended: 2 })).toEqual({ registered: 10, operatingRate: 0.8, resumptionRate: 0.5 });
    expect(operatingRates({ operating: 0, resumed: 0, suspended: 0 }).operatingRate).toBeNull();
  });
});
