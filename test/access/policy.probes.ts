import type { Probe, Setup } from './fixture.ts';
import type { Client } from '../support/http.ts';
import { COUNTY_B } from './fixture.ts';

const HIRE = { employerRegion: '141127100', employerSme: true, newRecruit: true, personCategory: 'lifted', personRelocated: false, hireDate: '2020-03-16' };
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const attach = (c: Client, claimId: number, kind: string) => c.post(`/api/v1/claims/${claimId}/evidence?kind=${kind}&name=${kind}.pdf`, PDF, { 'content-type': 'application/pdf' });
const hireClaim = (subjectId: string, submit: boolean) => ({ policy: 'hiring-subsidy-lan-2020', subjectKind: 'hire', subjectId, personId: 501, employerId: 61, regionCode: `${COUNTY_B}100`, facts: HIRE, submit });

/** County B (Lan County) gets a budget, a draft, a submitted (with a contract attached) and a paid hiring-subsidy claim, and a payment batch. */
export const policySetup: Setup = async (f) => {
  const must = (r: { status: number; body: any }, what: string) => {
    if (r.status >= 300) throw new Error(`policy setup: ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  must(await f.officerB.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: COUNTY_B, year: 2020, amount: 100000 }), 'budget');
  f.ids.claimDraftB = must(await f.officerB.post('/api/v1/claims', hireClaim('probe-hire-draft', false)), 'draft').id;
  f.ids.claimSubmittedB = must(await f.officerB.post('/api/v1/claims', hireClaim('probe-hire-submitted', true)), 'submitted').id;
  f.ids.evidenceB = must(await attach(f.officerB, Number(f.ids.claimSubmittedB), 'labor-contract'), 'evidence').id;
  const paid = must(await f.officerB.post('/api/v1/claims', hireClaim('probe-hire-paid', true)), 'to pay').id;
  for (const kind of ['labor-contract', 'sme-proof']) must(await attach(f.officerB, paid, kind), `evidence ${kind}`);
  must(await f.admin.post(`/api/v1/claims/${paid}/decisions`, { decision: 'approve' }), 'town approval');
  must(await f.admin.post(`/api/v1/claims/${paid}/decisions`, { decision: 'approve' }), 'county approval');
  const batch = must(await f.officerB.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: COUNTY_B, claimIds: [paid], reference: 'PROBE-B-1' }), 'batch');
  f.ids.batchB = batch.id;
  f.ids.entryB = must(await f.officerB.get(`/api/v1/payment-batches/${batch.id}`), 'batch detail').entries[0].id;
};

const statusOf = async (f: Parameters<Setup>[0], id: number | string) => (await f.officerB.get(`/api/v1/claims/${id}`)).body.status;

export const policyProbes: Record<string, Probe> = {
  'GET /api/v1/policies': { kind: 'reference', why: 'subsidy rules are published policy, the same for every county' },
  'GET /api/v1/policies/:id': { kind: 'reference', why: 'subsidy rules are published policy, the same for every county' },
  'POST /api/v1/policy/evaluate': { kind: 'reference', why: 'evaluates facts the caller sends against published rules; it reads no county record' },
  'GET /api/v1/funds': { kind: 'reference', why: 'fund sources are a short list of named funds, not county records' },
  'POST /api/v1/policies': {
    kind: 'scoped',
    probe: async (f) => {
      const rule = (await f.admin.get('/api/v1/policies/hiring-subsidy-lan-2020')).body.rule;
      const res = await f.officerA.post('/api/v1/policies', { ...rule, id: 'intruder-policy' });
      return { res, leaked: (await f.admin.get('/api/v1/policies/intruder-policy')).status === 200 };
    },
  },
  'PUT /api/v1/policies/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const rule = (await f.admin.get('/api/v1/policies/hiring-subsidy-lan-2020')).body.rule;
      const res = await f.officerA.put('/api/v1/policies/hiring-subsidy-lan-2020', { ...rule, parameters: { ...rule.parameters, standardAmount: { ...rule.parameters.standardAmount, value: 99999 } } });
      return { res, leaked: (await f.admin.get('/api/v1/policies/hiring-subsidy-lan-2020')).body.currentVersion !== 1 };
    },
  },
  'POST /api/v1/policy/simulate': {
    kind: 'scoped',
    probe: async (f) => ({ res: await f.officerA.post('/api/v1/policy/simulate', { policy: 'hiring-subsidy-lan-2020', region: COUNTY_B }), leaked: false }),
  },
  'POST /api/v1/funds': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/funds', { id: 'intruder-fund', name: { zh: '入侵', en: 'Intruder' } });
      return { res, leaked: (await f.admin.get('/api/v1/funds')).body.items.some((x: any) => x.id === 'intruder-fund') };
    },
  },
  'GET /api/v1/budgets': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/budgets?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/budgets');
      return { res, leaked: own.body.items.some((b: any) => b.regionCode.startsWith(COUNTY_B)) };
    },
  },
  'PUT /api/v1/budgets': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.put('/api/v1/budgets', { fund: 'employment-subsidy', regionCode: COUNTY_B, year: 2020, amount: 1 });
      const b = await f.officerB.get('/api/v1/budgets?year=2020');
      return { res, leaked: b.body.items.some((x: any) => x.regionCode === COUNTY_B && x.amountFen === 100) };
    },
  },
  'GET /api/v1/claims': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/claims?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/claims');
      return { res, leaked: own.body.items.some((c: any) => c.regionCode.startsWith(COUNTY_B)) };
    },
  },
  'POST /api/v1/claims': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/claims', hireClaim('intruder-hire', true));
      const list = await f.officerB.get('/api/v1/claims?limit=500');
      return { res, leaked: list.body.items.some((c: any) => c.subjectId === 'intruder-hire') };
    },
  },
  'GET /api/v1/claims/facts': {
    kind: 'scoped',
    probe: async (f) => {
      // A completed enrollment of county B (the training probes' setup) under the Shanxi training subsidy.
      const res = await f.officerA.get(`/api/v1/claims/facts?policy=training-subsidy-shanxi-2020&subjectKind=course-completion&subjectId=${f.ids.enrollmentB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'POST /api/v1/claims/:id/evidence': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await attach(f.officerA, Number(f.ids.claimSubmittedB), 'sme-proof');
      const list = await f.officerB.get(`/api/v1/claims/${f.ids.claimSubmittedB}/evidence`);
      return { res, leaked: list.body.items.some((e: any) => e.kind === 'sme-proof') };
    },
  },
  'GET /api/v1/claims/:id/evidence': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/claims/${f.ids.claimSubmittedB}/evidence`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/claims/:id/evidence/:evidenceId': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/claims/${f.ids.claimSubmittedB}/evidence/${f.ids.evidenceB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/claims/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/claims/${f.ids.claimSubmittedB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'POST /api/v1/claims/:id/submit': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/claims/${f.ids.claimDraftB}/submit`);
      return { res, leaked: (await statusOf(f, f.ids.claimDraftB)) !== 'draft' };
    },
  },
  'POST /api/v1/claims/:id/decisions': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/claims/${f.ids.claimSubmittedB}/decisions`, { decision: 'reject', reason: 'probe' });
      return { res, leaked: (await statusOf(f, f.ids.claimSubmittedB)) !== 'submitted' };
    },
  },
  'GET /api/v1/payment-batches': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/payment-batches?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/payment-batches');
      return { res, leaked: own.body.items.some((b: any) => b.regionCode.startsWith(COUNTY_B)) };
    },
  },
  'POST /api/v1/payment-batches': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/payment-batches', { fund: 'employment-subsidy', regionCode: COUNTY_B, reference: 'INTRUDER-1' });
      const list = await f.officerB.get('/api/v1/payment-batches');
      return { res, leaked: list.body.items.some((b: any) => b.reference === 'INTRUDER-1') };
    },
  },
  'GET /api/v1/payment-batches/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/payment-batches/${f.ids.batchB}`);
      return { res, leaked: res.status === 200 };
    },
  },
  'GET /api/v1/payment-batches/:id/export': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/payment-batches/${f.ids.batchB}/export`);
      return { res, leaked: res.status === 200 };
    },
  },
  'POST /api/v1/payment-entries/:id/reversal': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/payment-entries/${f.ids.entryB}/reversal`, { reason: 'probe' });
      return { res, leaked: (await f.officerB.get(`/api/v1/payment-batches/${f.ids.batchB}`)).body.reversals.length > 0 };
    },
  },
  'GET /api/v1/payments/totals': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/payments/totals?by=region&region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/payments/totals?by=region');
      return { res, leaked: own.body.items.some((i: any) => i.key.startsWith(COUNTY_B)) };
    },
  },
};
