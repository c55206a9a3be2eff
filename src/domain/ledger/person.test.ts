import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.ts';
import { parsePhone, maskPhone } from './phone.ts';
import { formatSkills, validatePerson } from './person.ts';
import { householdFacts, validateHousehold } from './household.ts';

const ID = makeIdNumber('140225', '1985-06-15', 37);
const base = { relation: '户主', name: '张建国', idNumber: ID, laborCapacity: '普通劳动力', employmentStatus: '未就业有意愿' };

describe('phones', () => {
  it('accepts mainland mobiles with or without +86 and empty', () => {
    expect(parsePhone('+86 138-0013-8000')).toEqual({ ok: true, value: '13800138000' });
    expect(parsePhone('')).toEqual({ ok: true, value: null });
    expect(parsePhone('12800138000')).toEqual({ ok: false, error: 'phone_format' });
    expect(parsePhone('0352-1234567')).toEqual({ ok: false, error: 'phone_format' });
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('person validation', () => {
  it('normalizes Chinese labels to codes and derives gender and birth date', () => {
    const r = validatePerson({ ...base, skills: '砌筑工(初级):SX2020-01、保洁员', jobWishTypes: '保洁员，保安员', preferredScope: '本县', minMonthlyPay: '3,000元', availableFrom: '2020/3/1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      relation: 'head', laborCapacity: 'full', employmentStatus: 'seeking', gender: 'male', birthDate: '1985-06-15',
      jobWishTypes: ['4-09-08-01', '4-07-05-01'], preferredScope: 'county', minMonthlyPay: 3000, availableFrom: '2020-03-01',
    });
    expect(r.value.skills).toEqual([{ occupation: '6-29-01-01', level: '初级', certificate: 'SX2020-01' }, { occupation: '4-09-08-01', level: null, certificate: null }]);
    const again = validatePerson({ ...base, skills: formatSkills(r.value.skills) });
    expect(again.ok && again.value.skills).toEqual(r.value.skills);
  });

  it('reports every failing field at once, in both languages', () => {
    const r = validatePerson({ relation: '邻居', name: '', idNumber: '123', phone: '123', laborCapacity: 'x', employmentStatus: '', minMonthlyPay: '-5', availableFrom: '2020-02-30', jobWishTypes: '宇航员' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.issues.map((i) => `${i.field}:${i.code}`);
    expect(got).toEqual(expect.arrayContaining(['name:required', 'idNumber:id_number_format', 'phone:phone_format', 'relation:value_unknown', 'laborCapacity:value_unknown', 'employmentStatus:required', 'minMonthlyPay:amount_range', 'availableFrom:date_format', 'jobWishTypes:occupation_unknown']));
    expect(r.issues.every((i) => i.message && i.messageZh)).toBe(true);
  });

  it('cross-checks a given gender and birth date against the ID number', () => {
    const r = validatePerson({ ...base, gender: '女', birthDate: '1985-06-16' });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['gender_mismatch', 'birth_date_mismatch']);
  });
});

describe('household validation and facts', () => {
  it('requires a subtype for monitored households only', () => {
    const ok = validateHousehold({ householdNo: 'H-001', villageCode: '140225100218', category: '监测户', monitoredSubtype: '边缘易致贫户', relocated: '是' });
    expect(ok.ok && ok.value).toMatchObject({ category: 'monitored', monitoredSubtype: 'marginal', relocated: true });
    const missing = validateHousehold({ householdNo: 'H-001', villageCode: '140225100218', category: 'monitored' });
    expect(!missing.ok && missing.issues[0].code).toBe('subtype_required');
    const extra = validateHousehold({ householdNo: 'H-001', villageCode: '140225', category: '一般户', monitoredSubtype: 'marginal', relocated: '也许' });
    expect(!extra.ok && extra.issues.map((i) => i.code)).toEqual(['village_code_format', 'subtype_not_allowed', 'yes_no']);
  });

  it('finds zero-employment households', () => {
    const on = '2020-03-01';
    expect(householdFacts([{ birthDate: '1980-01-01', employmentStatus: 'seeking', laborCapacity: 'full' }, { birthDate: '1950-01-01', employmentStatus: 'not_seeking', laborCapacity: 'none' }], on)).toEqual({ members: 2, workingAge: 1, employed: 0, zeroEmployment: true });
    expect(householdFacts([{ birthDate: '1980-01-01', employmentStatus: 'employed_outside', laborCapacity: 'full' }], on).zeroEmployment).toBe(false);
    expect(householdFacts([{ birthDate: '1940-01-01', employmentStatus: 'not_seeking', laborCapacity: 'none' }], on).zeroEmployment).toBe(false);
  });
});
