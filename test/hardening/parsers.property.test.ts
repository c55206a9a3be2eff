import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowValidator } from '../../src/app/ledger/import/validate-row.ts';
import { COLUMN_COUNT, COLUMN_KEYS, COL } from '../../src/app/ledger/import/template.ts';
import { parseAssignmentInput, solveAssignmentJson } from '../../src/app/solvers/assignment-json.ts';
import { parseTransportInput, solveTransportJson } from '../../src/app/solvers/transport-json.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeMessage, creditCodeProblem, normalizeCreditCode } from '../../src/domain/demand/credit-code.ts';
import { checkEmployer } from '../../src/domain/demand/employer-rules.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { validateHousehold } from '../../src/domain/ledger/household.ts';
import { ID_NUMBER_MESSAGES, idCheckChar, makeIdNumber, parseIdNumber, PROVINCE_PREFIXES } from '../../src/domain/ledger/id-number.ts';
import { validatePerson } from '../../src/domain/ledger/person.ts';
import { parsePhone } from '../../src/domain/ledger/phone.ts';
import { EMPLOYMENT_STATUS, HOUSEHOLD_CATEGORY, LABOR_CAPACITY, RELATION } from '../../src/domain/ledger/vocabulary.ts';
import { ExpressionSyntaxError, parseExpression } from '../../src/domain/policy/expression/parse.ts';
import { printExpression } from '../../src/domain/policy/expression/print.ts';
import { evaluatePolicy } from '../../src/domain/policy/evaluate.ts';
import { compilePolicy } from '../../src/domain/policy/rule.ts';

/**
 * Hostile input for every parser and validator: whatever arrives, the answer is a value or a
 * structured error that names the field and the rule, never a crash. Valid input is accepted.
 */

const TODAY = '2024-06-30';
const RUNS = { numRuns: 400 };

/** Text the way it arrives from forms, spreadsheets and scripts: any code point, lone surrogates, controls. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('0', '1', '9', 'X', 'x', '１', 'Ｘ', ' ', '\u3000', '-', '+', '8', '6', '\u0000', '\uD800', "'", ';', '--', '年', '月'), maxLength: 24 }),
  fc.constantFrom('', ' ', "1' OR '1'='1", '../../etc/passwd', '<script>alert(1)</script>', '=HYPERLINK("x")', '\uFEFF', 'NaN', 'Infinity', '-1', '1e309', '__proto__', 'constructor'),
);

/** Anything a JSON body or a spreadsheet reader could hand over. */
const anyInput = fc.oneof(hostileText, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, null, Number.NaN, -0, 1e308, new Date('2020-02-30'), new Date(0)));

const validIdParts = fc.record({
  province: fc.constantFrom(...PROVINCE_PREFIXES),
  rest: fc.stringMatching(/^\d{4}$/),
  birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
  seq: fc.integer({ min: 0, max: 999 }),
});
const validId = validIdParts.map(({ province, rest, birth, seq }) => makeIdNumber(province + rest, birth.toISOString().slice(0, 10), seq));

const validPhone = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/)).map(([b, r]) => `1${b}${r}`);

const validCreditCode = fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => {
  const body = cs.join('');
  return body + creditCodeCheckChar(body);
});

function expectStructured(e: unknown): DomainError {
  expect(e).toBeInstanceOf(DomainError);
  const d = e as DomainError;
  expect(typeof d.code).toBe('string');
  if (d.code === 'validation_failed') {
    expect(d.issues.length).toBeGreaterThan(0);
    for (const i of d.issues) {
      expect(typeof i.field).toBe('string');
      expect(i.field.length).toBeGreaterThan(0);
      expect(typeof i.code).toBe('string');
      expect(typeof i.message).toBe('string');
    }
  }
  return d;
}

describe('resident ID numbers', () => {
  const errors = Object.keys(ID_NUMBER_MESSAGES);

  it('answers every input with a value or a named error, never a throw', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const r = parseIdNumber(s, TODAY);
        if (r.ok) {
          expect(r.info.value).toMatch(/^\d{17}[\dX]$/);
          expect(r.info.birthDate <= TODAY).toBe(true);
        } else expect(errors).toContain(r.error);
      }),
      RUNS,
    );
  });

  it('accepts every valid number, also written full-width, lower-case or with spaces, and reads birth date and gender from it', () => {
    fc.assert(
      fc.property(validId, fc.boolean(), fc.boolean(), (id, wide, spaced) => {
        let written = wide ? id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : id.toLowerCase();
        if (spaced) written = ` ${written.slice(0, 6)} ${written.slice(6, 14)}\u3000${written.slice(14)} `;
        const r = parseIdNumber(written, TODAY);
        expect(r).toMatchObject({ ok: true, info: { value: id, regionPrefix: id.slice(0, 6) } });
        if (r.ok) {
          expect(r.info.birthDate.replace(/-/g, '')).toBe(id.slice(6, 14));
          expect(r.info.gender).toBe(Number(id[16]) % 2 ? 'male' : 'female');
        }
      }),
      RUNS,
    );
  });

  it('refuses any single wrong check character, and a birth date after today', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), (id, c) => {
        fc.pre(c !== id[17]);
        expect(parseIdNumber(id.slice(0, 17) + c, TODAY)).toEqual({ ok: false, error: 'id_number_checksum' });
      }),
      RUNS,
    );
    const future = makeIdNumber('140225', '2024-07-01', 11);
    expect(parseIdNumber(future, TODAY)).toEqual({ ok: false, error: 'id_number_future_birth' });
    const feb30 = '14022520000230011';
    expect(parseIdNumber(feb30 + idCheckChar(feb30), TODAY)).toEqual({ ok: false, error: 'id_number_birth_date' });
  });

  it('expands a 15-digit legacy number to 18 characters of the 1900s', () => {
    expect(parseIdNumber('140225800101011', TODAY)).toMatchObject({ ok: true, info: { birthDate: '1980-01-01', value: makeIdNumber('140225', '1980-01-01', 11) } });
  });
});

describe('phone numbers', () => {
  it('answers every input with a normalized number, null or phone_format', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const r = parsePhone(s);
        if (r.ok) expect(r.value === null || /^1[3-9]\d{9}$/.test(r.value)).toBe(true);
        else expect(r.error).toBe('phone_format');
      }),
      RUNS,
    );
  });

  it('accepts mainland mobiles with +86 / 0086, spaces, dashes and full-width digits', () => {
    fc.assert(
      fc.property(validPhone, fc.constantFrom('', '+86', '0086', '86', '+86 '), fc.boolean(), (p, prefix, wide) => {
        const body = wide ? p.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : `${p.slice(0, 3)}-${p.slice(3, 7)} ${p.slice(7)}`;
        expect(parsePhone(prefix + body)).toEqual({ ok: true, value: p });
      }),
      RUNS,
    );
    for (const bad of ['12345678901', '1381234567', '138123456789', '+1 2025550123', '138abcd5678']) expect(parsePhone(bad)).toEqual({ ok: false, error: 'phone_format' });
  });
});

describe('unified social credit codes', () => {
  it('classifies any text as valid or one named problem, with a message for it', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const code = normalizeCreditCode(raw);
        const p = creditCodeProblem(code);
        if (p) expect(creditCodeMessage(p, code).message.length).toBeGreaterThan(0);
        else expect(code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      }),
      RUNS,
    );
  });

  it('accepts every code with the right check character and refuses every other check character', () => {
    fc.assert(
      fc.property(validCreditCode, fc.constantFrom(...CREDIT_CODE_ALPHABET), fc.boolean(), (code, c, lower) => {
        expect(creditCodeProblem(normalizeCreditCode(lower ? ` ${code.toLowerCase()} ` : code))).toBeNull();
        if (c !== code[17]) expect(creditCodeProblem(code.slice(0, 17) + c)).toBe('credit_code_check');
      }),
      RUNS,
    );
  });

  it('names the creditCode field when an employer carries a bad one', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const code = normalizeCreditCode(raw);
        const issues = checkEmployer({ name: '某合作社', creditCode: code, regionCode: '140225', address: '', industry: '', isSme: true, contactName: '', contactPhone: '', operatingStatus: 'operating', statusDate: null, employeesTotal: 10, poorEmployees: 1, isWorkshop: false, workshopRecognizedOn: null });
        if (creditCodeProblem(code)) expect(issues.map((i) => i.field)).toContain('creditCode');
      }),
      RUNS,
    );
  });
});

describe('household and person validation', () => {
  const householdInput = fc.record({ householdNo: anyInput, villageCode: anyInput, address: anyInput, category: anyInput, monitoredSubtype: anyInput, relocated: anyInput, incomePerCapita: anyInput }, { requiredKeys: [] });
  const personInput = fc.record(
    {
      relation: anyInput, name: anyInput, idNumber: anyInput, gender: anyInput, birthDate: anyInput, phone: anyInput, education: anyInput, laborCapacity: anyInput, skills: anyInput,
      employmentStatus: anyInput, employerName: anyInput, monthlyIncome: anyInput, trainingWish: anyInput, jobWishTypes: anyInput, availableFrom: anyInput, preferredScope: anyInput, minMonthlyPay: anyInput,
    },
    { requiredKeys: [] },
  );
  const householdFields = ['householdNo', 'villageCode', 'address', 'category', 'monitoredSubtype', 'relocated', 'incomePerCapita'];
  const personFields = ['relation', 'name', 'idNumber', 'gender', 'birthDate', 'phone', 'education', 'laborCapacity', 'skills', 'employmentStatus', 'employerName', 'monthlyIncome', 'trainingWish', 'jobWishTypes', 'availableFrom', 'preferredScope', 'minMonthlyPay'];

  it('answers any household input with a value or issues that each name a household field', () => {
    fc.assert(
      fc.property(householdInput, (input) => {
        const r = validateHousehold(input);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(householdFields).toContain(i.field);
        } else expect(r.value.villageCode).toMatch(/^\d{12}$/);
      }),
      RUNS,
    );
  });

  it('answers any person input with a value or issues that each name a person field', () => {
    fc.assert(
      fc.property(personInput, (input) => {
        const r = validatePerson(input, { today: TODAY });
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(personFields).toContain(i.field.split('.')[0]);
        }
      }),
      RUNS,
    );
  });

  it('accepts every well-formed person and keeps the ID number, gender and birth date consistent', () => {
    fc.assert(
      fc.property(validId, validPhone, fc.constantFrom(...RELATION.values), fc.constantFrom(...LABOR_CAPACITY.values), fc.constantFrom(...EMPLOYMENT_STATUS.values), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0), (idNumber, phone, relation, laborCapacity, employmentStatus, name) => {
        const r = validatePerson({ idNumber, phone, relation, laborCapacity, employmentStatus, name }, { today: TODAY });
        expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true);
        if (r.ok) expect(r.value).toMatchObject({ idNumber, phone, birthDate: parseIdNumber(idNumber, TODAY).ok ? expect.any(String) : null });
      }),
      RUNS,
    );
  });

  it('accepts every well-formed household', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.stringMatching(/^14\d{10}$/), fc.constantFrom(...HOUSEHOLD_CATEGORY.values), fc.constantFrom('是', '否', '', 'yes', 'no'), (householdNo, villageCode, category, relocated) => {
        const r = validateHousehold({ householdNo, villageCode, category, relocated, monitoredSubtype: category === 'monitored' ? 'marginal' : '' });
        expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('ledger import rows', () => {
  const validateRow = createRowValidator(TODAY);
  const cell = fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: fc.string({ maxLength: 5000 }) });

  it('answers any row of cells with a value or issues naming template columns', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: COLUMN_COUNT, maxLength: COLUMN_COUNT }), (cells) => {
        const r = validateRow(cells);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) {
            expect(COLUMN_KEYS).toContain(i.column);
            expect(i.message.length).toBeGreaterThan(0);
            expect(i.messageZh.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('accepts a valid row and refuses it again with exactly the column that was broken', () => {
    const good = (id: string, phone: string) => {
      const cells = new Array<string>(COLUMN_COUNT).fill('');
      Object.assign(cells, { [COL.household_no]: 'H-1', [COL.relation]: '户主', [COL.name]: '张三', [COL.id_number]: id, [COL.phone]: phone, [COL.village_code]: '140225100218', [COL.household_category]: '脱贫户', [COL.labor_capacity]: 'full', [COL.employment_status]: 'seeking' });
      return cells;
    };
    const breakable = ['id_number', 'phone', 'village_code', 'household_category', 'labor_capacity', 'employment_status', 'relation', 'available_from', 'monthly_income'] as const;
    const garbage: Record<(typeof breakable)[number], string> = { id_number: '14022519800101001Z', phone: '12345', village_code: '1402', household_category: '富裕户', labor_capacity: '超强', employment_status: '退休?', relation: '邻居', available_from: '2020-02-30', monthly_income: '-5' };
    fc.assert(
      fc.property(validId, validPhone, fc.constantFrom(...breakable), (id, phone, col) => {
        expect(validateRow(good(id, phone)).ok).toBe(true);
        const bad = good(id, phone);
        bad[COL[col]] = garbage[col];
        const r = validateRow(bad);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.map((i) => i.column)).toEqual([col]);
      }),
      RUNS,
    );
  });
});

describe('policy expressions and facts', () => {
  const exprText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', '(', ')', '[', ']', ',', "'", '"', '\\', ' ', '+', '-', '*', '/', '<', '=', '!', 'and ', 'or ', 'not ', 'in ', 'min(', 'age('), maxLength: 60 }),
    fc.constantFrom('('.repeat(500), '-'.repeat(3000), `${'1+'.repeat(1999)}1`, 'x'.repeat(5000), "a == 'unterminated", '1/0', '1..2', '9'.repeat(400)),
  );

  it('parses any text into a tree or a syntax error with a position, and prints what it parses so it reparses the same', () => {
    fc.assert(
      fc.property(exprText, (src) => {
        let e;
        try {
          e = parseExpression(src);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionSyntaxError);
          expect((err as ExpressionSyntaxError).position).toBeGreaterThanOrEqual(0);
          return;
        }
        const printed = printExpression(e);
        // Printing adds spaces around operators, so only texts that stay within the length limit reparse.
        if (printed.length <= 4000) expect(parseExpression(printed)).toEqual(e);
      }),
      { numRuns: 1000 },
    );
  });

  const policyFiles = fs.readdirSync(path.resolve('policies')).filter((f) => f.endsWith('.json'));
  const rules = policyFiles.map((f) => JSON.parse(fs.readFileSync(path.resolve('policies', f), 'utf8')));

  it('compiles any JSON as a rule or refuses it with named fields', () => {
    const mutated = fc.tuple(fc.constantFrom(...rules), fc.constantFrom('id', 'name', 'regionScope', 'effectiveFrom', 'effectiveTo', 'subjectKind', 'payee', 'fund', 'facts', 'parameters', 'conditions', 'amount', 'dateFact', 'cap', 'limits', 'approvals'), anyInput).map(([r, k, v]) => ({ ...r, [k]: v }));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated), (input) => {
        try {
          compilePolicy(input);
        } catch (e) {
          expectStructured(e);
        }
      }),
      RUNS,
    );
  });

  it('evaluates every shipped policy over arbitrary facts to an evaluation or a structured error', () => {
    const compiled = rules.map((r) => compilePolicy(r));
    const factValue = fc.oneof(anyInput, fc.double(), fc.integer(), fc.constantFrom('2020-03-10', '140225', '14', 'lifted', true, false, 1e21, -1e21, 0.001));
    fc.assert(
      fc.property(fc.constantFrom(...compiled), fc.dictionary(fc.string({ maxLength: 12 }), factValue, { maxKeys: 4 }), fc.array(factValue, { minLength: 12, maxLength: 12 }), (policy, extra, values) => {
        const facts: Record<string, unknown> = { ...extra };
        policy.factNames.forEach((n, i) => (facts[n] = values[i % values.length]));
        try {
          const ev = evaluatePolicy(policy, facts);
          expect(Number.isSafeInteger(ev.amountFen)).toBe(true);
          expect(ev.amountFen).toBeGreaterThanOrEqual(0);
        } catch (e) {
          const d = expectStructured(e);
          expect(['validation_failed', 'missing_facts', 'policy_evaluation_failed']).toContain(d.code);
        }
      }),
      RUNS,
    );
  });
});

describe('solver inputs', () => {
  it('parses any JSON as an assignment problem or a validation error naming fields', () => {
    const near = fc.record({
      people: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 5 }), anyInput),
      postings: fc.oneof(fc.array(fc.record({ id: fc.oneof(fc.string({ maxLength: 3 }), anyInput), capacity: fc.oneof(fc.integer({ min: -2, max: 3 }), anyInput) }), { maxLength: 4 }), anyInput),
      arcs: fc.oneof(fc.array(fc.record({ person: fc.string({ maxLength: 3 }), posting: fc.string({ maxLength: 3 }), score: fc.oneof(fc.double(), anyInput) }), { maxLength: 8 }), anyInput),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), near), (json) => {
        try {
          parseAssignmentInput(json);
          solveAssignmentJson(json);
        } catch (e) {
          expect(expectStructured(e).code).toBe('validation_failed');
        }
      }),
      RUNS,
    );
  });

  it('solves every well-formed assignment within the capacities', () => {
    const problem = fc.record({ nPeople: fc.integer({ min: 0, max: 8 }), caps: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }), arcs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -100, max: 100 })), { maxLength: 30 }) });
    fc.assert(
      fc.property(problem, ({ nPeople, caps, arcs }) => {
        const people = Array.from({ length: nPeople }, (_, i) => `p${i}`);
        const postings = caps.map((capacity, i) => ({ id: `j${i}`, capacity }));
        const json = { people, postings, arcs: nPeople && caps.length ? arcs.map(([a, b, s]) => ({ person: `p${a % nPeople}`, posting: `j${b % caps.length}`, score: s })) : [] };
        const out = solveAssignmentJson(json);
        const used = new Map<string, number>();
        for (const a of out.assignments) used.set(a.posting, (used.get(a.posting) ?? 0) + 1);
        for (const p of postings) expect(used.get(p.id) ?? 0).toBeLessThanOrEqual(p.capacity);
        expect(new Set(out.assignments.map((a) => a.person)).size).toBe(out.assignments.length);
      }),
      { numRuns: 200 },
    );
  });

  it('parses any JSON as a transport problem or a validation error naming fields', () => {
    const traveler = fc.record({ id: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), anyInput), origin: fc.oneof(fc.constantFrom('140225', '1101', '14'), anyInput), destination: fc.oneof(fc.constantFrom('1101', '4403'), anyInput), earliest: fc.oneof(fc.constantFrom('2020-03-10', '2020-02-30'), anyInput), latest: fc.oneof(fc.constantFrom('2020-03-12', '2020-03-01'), anyInput) }, { requiredKeys: [] });
    const vehicle = fc.record({ type: fc.oneof(fc.constantFrom('coach', 'car'), anyInput), capacity: fc.oneof(fc.integer({ min: -1, max: 50 }), anyInput), cost: fc.oneof(fc.double(), anyInput) }, { requiredKeys: [] });
    const near = fc.record({ travelers: fc.oneof(fc.array(traveler, { maxLength: 5 }), anyInput), vehicles: fc.oneof(fc.array(vehicle, { maxLength: 3 }), anyInput) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), near), (json) => {
        try {
          parseTransportInput(json);
          solveTransportJson(json);
        } catch (e) {
          expect(expectStructured(e).code).toBe('validation_failed');
        }
      }),
      RUNS,
    );
  });
});
