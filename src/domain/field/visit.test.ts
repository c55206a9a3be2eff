import { describe, expect, it } from 'vitest';
import { checkPersonVisit, percent, resolvedValues } from './visit.ts';

describe('checkPersonVisit', () => {
  it('normalizes corrected fields and accepts labels for vocabularies', () => {
    const r = checkPersonVisit({ personId: 1, version: 3, outcome: '已核实', changes: { employmentStatus: '县内务工', preferredScope: 'county', minMonthlyPay: '3000', phone: '+86 138 1234 5678', jobWishTypes: ['4-09-08-01', '4-09-08-01'] } }, 'persons.0');
    expect(r).toEqual({ ok: true, value: { personId: 1, version: 3, outcome: 'verified', changes: { employmentStatus: 'employed_county', preferredScope: 'county', minMonthlyPay: 3000, phone: '13812345678', jobWishTypes: ['4-09-08-01'] } } });
  });

  it('lets a verifier clear a value', () => {
    const r = checkPersonVisit({ personId: 1, version: 1, outcome: 'working_away', changes: { phone: '', trainingWish: null, availableFrom: '' } }, 'p');
    expect(r.ok && r.value.changes).toEqual({ phone: null, trainingWish: null, availableFrom: null });
  });

  it('reports every bad field with its path', () => {
    const r = checkPersonVisit({ personId: 1, version: 1, outcome: 'unverified', changes: { phone: '123', availableFrom: '2020-02-30', idNumber: 'x', minMonthlyPay: -1, trainingWish: 'cook' } }, 'persons.2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'persons.2.changes.availableFrom:date_format',
      'persons.2.changes.idNumber:unknown_field',
      'persons.2.changes.minMonthlyPay:amount_range',
      'persons.2.changes.phone:phone_format',
      'persons.2.changes.trainingWish:occupation_code',
      'persons.2.outcome:value_unknown',
    ]);
  });

  it('refuses values of the wrong type instead of reading them as text, naming the field', () => {
    const r = checkPersonVisit({ personId: 1, version: 1, outcome: 'verified', changes: { employerName: { name: '某公司' }, trainingWish: ['4-10-01-06'], availableFrom: 20250101, preferredScope: true, phone: 13812345678, employmentStatus: {}, minMonthlyPay: [3000], jobWishTypes: '4-09-08-01' } }, 'persons.0');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'persons.0.changes.availableFrom:value_type',
      'persons.0.changes.employerName:value_type',
      'persons.0.changes.employmentStatus:value_type',
      'persons.0.changes.jobWishTypes:value_type',
      'persons.0.changes.minMonthlyPay:value_type',
      'persons.0.changes.phone:value_type',
      'persons.0.changes.preferredScope:value_type',
      'persons.0.changes.trainingWish:value_type',
    ]);
    const byField = Object.fromEntries(r.issues.map((i) => [i.field.split('.').pop(), i]));
    expect(byField.employerName.message).toBe('must be text or null, not an object');
    expect(byField.trainingWish.message).toBe('must be text or null, not a list');
    expect(byField.phone.params).toEqual({ expected: 'text or null', received: 'a number' });
    expect(byField.minMonthlyPay.message).toBe('must be an amount in yuan (a number) or null, not a list');
    expect(r.issues.every((i) => i.messageZh && !i.message.includes('[object'))).toBe(true);
  });

  it('refuses a list element that is not text, and pay written as anything but decimal digits', () => {
    const r = checkPersonVisit({ personId: 1, version: 1, outcome: 'verified', changes: { jobWishTypes: ['4-09-08-01', { code: '4-09-08-02' }] } }, 'p');
    expect(!r.ok && r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['p.changes.jobWishTypes.1:value_type']);
    for (const pay of ['0x10', '1e3', 'Infinity', true, {}]) {
      const bad = checkPersonVisit({ personId: 1, version: 1, outcome: 'verified', changes: { minMonthlyPay: pay } }, 'p');
      expect(!bad.ok && bad.issues.map((i) => `${i.field}:${i.code}`), String(pay)).toEqual(['p.changes.minMonthlyPay:value_type']);
    }
    const ok = checkPersonVisit({ personId: 1, version: 1, outcome: 'verified', changes: { minMonthlyPay: ' 3500.4 ', employerName: null, jobWishTypes: [null, ''] } }, 'p');
    expect(ok.ok && ok.value.changes).toEqual({ minMonthlyPay: 3500, employerName: null, jobWishTypes: [] });
  });

  it('takes the outcome only as text', () => {
    const r = checkPersonVisit({ personId: 1, version: 1, outcome: ['verified'] as unknown as string }, 'p');
    expect(!r.ok && r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['p.outcome:value_unknown']);
  });
});

describe('resolvedValues', () => {
  it('keeps the field values picked and needs a choice for every field', () => {
    expect(resolvedValues({ a: 1, b: 2 }, { a: 'field', b: 'server' })).toEqual({ keep: { a: 1 }, issues: [] });
    const r = resolvedValues({ a: 1, b: 2 }, { a: 'field', c: 'field' });
    expect(r.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual(['choices.b:choice_required', 'choices.c:not_in_conflict']);
  });
});

describe('percent', () => {
  it('rounds to one decimal and is null for nothing', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBeNull();
  });
});
