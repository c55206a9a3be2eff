import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { evaluatePolicy, presentEvaluation } from './evaluate.ts';
import { compilePolicy, type PolicyRule } from './rule.ts';

const PACK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../policies');
const rule = (id: string): PolicyRule => JSON.parse(fs.readFileSync(path.join(PACK, `${id}.json`), 'utf8'));
const hiring = compilePolicy(rule('hiring-subsidy-lan-2020'));
const transport = compilePolicy(rule('transport-subsidy-shanxi-2020'));
const welfare = compilePolicy(rule('public-welfare-post-shanxi-2020'));

const hire = { employerRegion: '141127100', employerSme: true, newRecruit: true, personCategory: 'lifted', personRelocated: false, hireDate: '2020-03-16' };
const trip = { personCategory: 'monitored', homeRegion: '141127100200', workRegion: '610821', travelCost: 650.5, travelDate: '2020-03-10', claimsThisYear: 0 };
const post = { personCategory: 'lifted', monthlyPay: 600, insuranceCoverage: 300000, postRegion: '141127100', startDate: '2020-04-01', minimumWage: 1700 };

function failed(e: ReturnType<typeof evaluatePolicy>) {
  return e.explanation.filter((l) => !l.passed).map((l) => l.condition);
}

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('the default pack', () => {
  it('every file is a valid rule', () => {
    for (const f of fs.readdirSync(PACK).filter((x) => x.endsWith('.json'))) expect(() => compilePolicy(JSON.parse(fs.readFileSync(path.join(PACK, f), 'utf8'))), f).not.toThrow();
  });

  it('hiring-subsidy-lan-2020: 1,500 yuan a person, 2,000 from a relocated household, SMEs in Lan County, hires of 2020', () => {
    expect(presentEvaluation(evaluatePolicy(hiring, hire))).toMatchObject({ eligible: true, amount: 1500 });
    expect(evaluatePolicy(hiring, { ...hire, personRelocated: true }).amountFen).toBe(200000);
    expect(evaluatePolicy(hiring, { ...hire, personCategory: 'monitored' }).eligible).toBe(true);
    const cases: [Record<string, unknown>, string][] = [
      [{ personCategory: 'none' }, 'person-poor'],
      [{ employerSme: false }, 'employer-sme'],
      [{ newRecruit: false }, 'new-recruit'],
      [{ employerRegion: '140225' }, 'employer-in-scope'],
      [{ hireDate: '2021-01-01' }, 'hired-in-period'],
      [{ hireDate: '2019-12-31' }, 'hired-in-period'],
    ];
    for (const [change, condition] of cases) {
      const e = evaluatePolicy(hiring, { ...hire, ...change });
      expect(e.eligible, condition).toBe(false);
      expect(e.amountFen).toBe(0);
      expect(failed(e)).toEqual([condition]);
    }
  });

  it('transport-subsidy-shanxi-2020: the travel cost up to 800 yuan, outside the home county, once a year', () => {
    expect(presentEvaluation(evaluatePolicy(transport, trip))).toMatchObject({ eligible: true, amount: 650.5 });
    expect(presentEvaluation(evaluatePolicy(transport, { ...trip, travelCost: 1234.56 })).amount).toBe(800);
    expect(evaluatePolicy(transport, { ...trip, travelCost: 1234.56 }).capped).toBe(false);
    expect(failed(evaluatePolicy(transport, { ...trip, workRegion: '141127200' }))).toEqual(['works-outside-home-county']);
    expect(failed(evaluatePolicy(transport, { ...trip, claimsThisYear: 1 }))).toEqual(['first-claim-this-year']);
    expect(failed(evaluatePolicy(transport, { ...trip, homeRegion: '610821100' }))).toEqual(['home-in-scope', 'works-outside-home-county']);
  });

  it('public-welfare-post-shanxi-2020: at least 4,000 ÷ 12 yuan (333.33), at most half the minimum wage, 300,000 yuan insurance', () => {
    expect(presentEvaluation(evaluatePolicy(welfare, post))).toMatchObject({ eligible: true, amount: 600 });
    expect(presentEvaluation(evaluatePolicy(welfare, { ...post, monthlyPay: 333.33 })).amount).toBe(333.33);
    expect(failed(evaluatePolicy(welfare, { ...post, monthlyPay: 333.32 }))).toEqual(['pay-at-least-poverty-line']);
    expect(evaluatePolicy(welfare, { ...post, monthlyPay: 850 }).eligible).toBe(true);
    expect(failed(evaluatePolicy(welfare, { ...post, monthlyPay: 850.01 }))).toEqual(['pay-at-most-half-minimum-wage']);
    expect(failed(evaluatePolicy(welfare, { ...post, insuranceCoverage: 299999.99 }))).toEqual(['accident-insurance']);
    const line = evaluatePolicy(welfare, post).explanation.find((l) => l.condition === 'pay-at-most-half-minimum-wage')!;
    expect(line).toMatchObject({ fact: 'monthlyPay, minimumWage', value: { monthlyPay: 600, minimumWage: 1700 }, passed: true });
    expect(line.description.zh).toMatch(/最低工资/);
    expect(line.description.en).toMatch(/minimum wage/);
  });
});

describe('the evaluator', () => {
  it('explains every condition with its fact, value and result, even after one fails', () => {
    const e = evaluatePolicy(transport, { ...trip, personCategory: 'none' });
    expect(e.explanation.map((l) => l.condition)).toEqual(transport.conditions.map((c) => c.spec.id));
    expect(e.explanation[0]).toEqual({ condition: 'person-poor', fact: 'personCategory', value: 'none', passed: false, description: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }) });
  });

  it('names every missing fact', () => {
    const e = caught(() => evaluatePolicy(transport, { personCategory: 'lifted', travelCost: null }));
    expect(e.code).toBe('missing_facts');
    expect(e.message).toContain('homeRegion, workRegion, travelCost, travelDate, claimsThisYear');
    expect(e.details).toMatchObject({ policy: 'transport-subsidy-shanxi-2020', missing: ['homeRegion', 'workRegion', 'travelCost', 'travelDate', 'claimsThisYear'] });
    expect(caught(() => evaluatePolicy(welfare, { ...post, minimumWage: undefined })).details.missing).toEqual(['minimumWage']);
  });

  it('refuses malformed facts field by field', () => {
    const e = caught(() => evaluatePolicy(transport, { ...trip, personCategory: 'poor', travelCost: 10.005, travelDate: '10/03/2020', claimsThisYear: 0.5, homeRegion: 'Lan' }));
    expect(e.code).toBe('validation_failed');
    expect(e.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['facts.personCategory:fact_enum', 'facts.homeRegion:fact_region', 'facts.travelCost:fact_money', 'facts.travelDate:fact_date', 'facts.claimsThisYear:fact_integer']);
  });

  it('rounds to the fen half up and never pays more than the cap per claim', () => {
    const r = { ...rule('transport-subsidy-shanxi-2020'), amount: { expr: 'travelCost / 3' }, limits: { capPerClaim: 100 } };
    const p = compilePolicy(r);
    expect(evaluatePolicy(p, { ...trip, travelCost: 100 }).amountFen).toBe(3333);
    expect(evaluatePolicy(p, { ...trip, travelCost: 100.01 }).amountFen).toBe(3334);
    expect(evaluatePolicy(p, { ...trip, travelCost: 0.05 }).amountFen).toBe(2);
    expect(evaluatePolicy(p, { ...trip, travelCost: 900 })).toMatchObject({ amountFen: 10000, capped: true });
  });

  it('property: the amount is never above the cap nor below zero, and is a whole number of fen', () => {
    const cost = fc.integer({ min: 1, max: 100_000_000 }).map((fen) => fen / 100);
    const factor = fc.stringMatching(/^(0|[1-9]\d{0,2})(\.\d{1,2})?$/);
    fc.assert(
      fc.property(cost, factor, fc.integer({ min: 0, max: 5_000_00 }), (travelCost, k, capFen) => {
        const p = compilePolicy({ ...rule('transport-subsidy-shanxi-2020'), amount: { expr: `travelCost * ${k} - 1` }, limits: { capPerClaim: capFen / 100 } });
        const e = evaluatePolicy(p, { ...trip, travelCost });
        expect(Number.isInteger(e.amountFen)).toBe(true);
        expect(e.amountFen).toBeGreaterThanOrEqual(0);
        expect(e.amountFen).toBeLessThanOrEqual(capFen);
      }),
      { numRuns: 300 },
    );
  });

  it('property: the transport amount is exactly min(cost, 800) to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (fen) => {
        expect(evaluatePolicy(transport, { ...trip, travelCost: fen / 100 }).amountFen).toBe(Math.min(fen, 80000));
      }),
      { numRuns: 500 },
    );
  });
});

describe('rule validation', () => {
  it('parses and checks every expression and lists every problem at once', () => {
    const bad = {
      ...rule('transport-subsidy-shanxi-2020'),
      id: 'Bad Id',
      regionScope: '1411x',
      conditions: [
        { id: 'c1', expr: 'travelCost >' },
        { id: 'c2', expr: 'travelCosts > 0' },
        { id: 'c3', expr: 'travelCost + 1' },
        { id: 'c3', expr: 'true' },
      ],
      amount: { expr: 'personCategory * 2' },
      approvalLevels: [],
    };
    const e = caught(() => compilePolicy(bad));
    expect(e.code).toBe('validation_failed');
    expect(e.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'id:policy_id_format',
      'regionScope:region_code_format',
      'conditions[0].expr:expression_syntax',
      'conditions[1].expr:expression_type',
      'conditions[2].expr:expression_type',
      'conditions[3].id:condition_id_duplicate',
      'amount.expr:expression_type',
      'approvalLevels:approval_levels',
    ]);
    expect(e.issues[3].message).toMatch(/unknown name "travelCosts"/);
    expect(e.issues.every((i) => i.messageZh)).toBe(true);
  });

  it('computes parameters from expressions, money to the fen, and takes overrides for what-if', () => {
    expect(welfare.parameters.povertyLineMonthly).toEqual({ n: 33333, d: 100 });
    const changed = compilePolicy(rule('transport-subsidy-shanxi-2020'), 1, { maxAmount: '1000' });
    expect(evaluatePolicy(changed, { ...trip, travelCost: 950 }).amountFen).toBe(95000);
    expect(changed.capFen).toBe(100000);
    expect(caught(() => compilePolicy(rule('transport-subsidy-shanxi-2020'), 1, { maxAmout: '1000' })).issues[0]).toMatchObject({ field: 'parameters.maxAmout', code: 'parameter_unknown' });
    expect(caught(() => compilePolicy(rule('transport-subsidy-shanxi-2020'), 1, { maxAmount: 'travelCost' })).issues[0].message).toMatch(/cannot read facts|unknown name/);
  });
});
