import { describe, expect, it } from 'vitest';
import { generateDemoRows } from '../../src/app/ledger/demo/generate.ts';
import { COL } from '../../src/app/ledger/import/template.ts';
import { createRowValidator } from '../../src/app/ledger/import/validate-row.ts';
import { validatePerson } from '../../src/domain/ledger/person.ts';

const TODAY = '2026-11-29';

describe('the import row validator', () => {
  it('gives exactly what validatePerson gives for the whole row, valid or not (same keys, same order)', () => {
    const validate = createRowValidator(TODAY);
    const rows = [...generateDemoRows({ villages: ['140225100200', '140225101201'], county: '140225', households: 300, seed: 11 })];
    const mutations: [number, string][] = [[COL.education, '博士后'], [COL.skills, '宇航员(高级)'], [COL.min_monthly_pay, '-1'], [COL.available_from, '2020-02-30'], [COL.name, ''], [COL.phone, '123'], [COL.training_wish, '保洁员、保安员']];
    rows.forEach((r, i) => {
      if (i % 7 === 0) r[mutations[(i / 7) % mutations.length][0]] = mutations[(i / 7) % mutations.length][1];
    });
    for (const r of rows) {
      const mine = validate(r);
      const ref = validatePerson({
        relation: r[COL.relation], name: r[COL.name], idNumber: r[COL.id_number], phone: r[COL.phone], education: r[COL.education], laborCapacity: r[COL.labor_capacity],
        skills: r[COL.skills], employmentStatus: r[COL.employment_status], employerName: r[COL.employer_name], monthlyIncome: r[COL.monthly_income],
        trainingWish: r[COL.training_wish], jobWishTypes: r[COL.job_wish], preferredScope: r[COL.preferred_location], minMonthlyPay: r[COL.min_monthly_pay], availableFrom: r[COL.available_from],
      }, { today: TODAY });
      expect(mine.ok).toBe(ref.ok);
      if (mine.ok && ref.ok) expect(JSON.stringify(mine.person)).toBe(JSON.stringify(ref.value));
      if (!mine.ok && !ref.ok) expect(mine.issues.map((i) => i.code).sort()).toEqual(ref.issues.map((i) => i.code).sort());
    }
  });
});
