import { z } from 'zod';
import { idParams } from '../params.ts';
import { createFund, listBudgets, listFunds, setBudget } from '../../app/policy/budgets.ts';
import { createBatch, exportBatch, getBatch, listBatches, paymentTotals, reverseEntry } from '../../app/policy/payments.ts';
import { simulatePolicy } from '../../app/policy/simulate.ts';
import { actorOf, type Server } from '../types.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const region = z.string().regex(/^\d{2,12}$/);
const id = idParams;
const budget = z.object({
  id: z.number(),
  fund: z.string(),
  regionCode: z.string(),
  year: z.number(),
  amount: z.number(),
  amountFen: z.number(),
  approvedUnpaidFen: z.number(),
  paidFen: z.number(),
  remaining: z.number(),
  remainingFen: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
const batch = z.object({ id: z.number(), fund: z.string(), regionCode: z.string(), reference: z.string(), entryDate: z.string(), total: z.number(), totalFen: z.number(), entryCount: z.number(), createdAt: z.string() });
const entry = z.object({
  id: z.number(),
  kind: z.string(),
  batchId: z.number().nullable(),
  claimId: z.number().nullable(),
  policy: z.string().nullable(),
  fund: z.string(),
  regionCode: z.string(),
  year: z.number(),
  payee: z.string(),
  amount: z.number(),
  amountFen: z.number(),
  entryDate: z.string(),
  reference: z.string(),
  reversesId: z.number().nullable(),
  reason: z.string(),
  createdAt: z.string(),
});
const simTotals = z.object({ people: z.number(), incomplete: z.number(), eligibleBefore: z.number(), eligibleAfter: z.number(), newlyEligible: z.number(), newlyIneligible: z.number(), costBeforeFen: z.number(), costAfterFen: z.number(), costBefore: z.number(), costAfter: z.number() });

/** Funds, budgets, payment batches, the payment ledger and what-if simulation. */
export async function paymentRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/funds', {
    config: { access: { action: 'fund.read' } },
    schema: { tags: ['policy'], summary: 'Fund sources subsidies are paid from', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: text, createdAt: z.string() })) }) } },
  }, async (req) => ({ items: await listFunds(app, actorOf(req)) }));

  server.post('/api/v1/funds', {
    config: { access: { action: 'fund.manage' } },
    schema: { tags: ['policy'], summary: 'Add a fund source (administrators)', body: z.strictObject({ id: z.string().max(63), name: z.strictObject({ zh: z.string().max(100), en: z.string().max(100) }) }), response: { 201: z.object({ id: z.string(), name: text }) } },
  }, async (req, reply) => reply.code(201).send(await createFund(app, actorOf(req), req.body)));

  server.get('/api/v1/budgets', {
    config: { access: { action: 'budget.read' } },
    schema: {
      tags: ['policy'],
      summary: 'Budgets within your region with approved, paid and remaining amounts',
      querystring: z.strictObject({ region: region.optional(), fund: z.string().max(63).optional(), year: z.coerce.number().int().optional() }),
      response: { 200: z.object({ items: z.array(budget) }) },
    },
  }, async (req) => ({ items: await listBudgets(app, actorOf(req), req.query) }));

  server.put('/api/v1/budgets', {
    config: { access: { action: 'budget.manage' } },
    schema: { tags: ['policy'], summary: 'Set the budget of a fund for a region and year (yuan, exact to the fen)', body: z.strictObject({ fund: z.string().max(63), regionCode: z.string().max(12), year: z.number().int(), amount: z.number() }), response: { 200: budget } },
  }, async (req) => setBudget(app, actorOf(req), req.body));

  server.get('/api/v1/payment-batches', {
    config: { access: { action: 'payment.read' } },
    schema: { tags: ['policy'], summary: 'Payment batches within your region', querystring: z.strictObject({ region: region.optional(), fund: z.string().max(63).optional(), cursor: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), response: { 200: z.object({ items: z.array(batch), nextCursor: z.string().nullable() }) } },
  }, async (req) => listBatches(app, actorOf(req), req.query));

  server.post('/api/v1/payment-batches', {
    config: { access: { action: 'payment.manage' } },
    schema: {
      tags: ['policy'],
      summary: 'Pay approved claims of a fund within a region as one batch of ledger entries',
      body: z.strictObject({ fund: z.string().max(63), regionCode: z.string().max(12), claimIds: z.array(z.number().int().positive()).max(10000).optional(), entryDate: z.string().max(10).optional(), reference: z.string().min(1).max(80).optional() }),
      response: { 201: batch },
    },
  }, async (req, reply) => reply.code(201).send(await createBatch(app, actorOf(req), req.body)));

  server.get('/api/v1/payment-batches/:id', {
    config: { access: { action: 'payment.read', resource: 'payment_batch' } },
    schema: { tags: ['policy'], summary: 'A payment batch with its entries and reversals', params: id, response: { 200: batch.extend({ entries: z.array(entry), reversals: z.array(entry), netFen: z.number() }) } },
  }, async (req) => getBatch(app, actorOf(req), req.params.id));

  server.get('/api/v1/payment-batches/:id/export', {
    config: { access: { action: 'payment.read', resource: 'payment_batch' } },
    schema: { tags: ['policy'], summary: 'A payment batch as an .xlsx workbook', params: id },
  }, async (req, reply) => {
    const x = await exportBatch(app, actorOf(req), req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${x.filename.replace(/[^\w.-]/g, '_')}"`)
      .send(x.body);
  });

  server.post('/api/v1/payment-entries/:id/reversal', {
    config: { access: { action: 'payment.manage', resource: 'payment_entry' } },
    schema: { tags: ['policy'], summary: 'Reverse a payment with a negative entry (the ledger is never edited)', params: id, body: z.strictObject({ reason: z.string().max(1000), entryDate: z.string().max(10).optional() }), response: { 201: entry } },
  }, async (req, reply) => reply.code(201).send(await reverseEntry(app, actorOf(req), req.params.id, req.body)));

  server.get('/api/v1/payments/totals', {
    config: { access: { action: 'payment.read' } },
    schema: {
      tags: ['policy'],
      summary: 'Net paid totals by policy, fund or region, exact to the fen',
      querystring: z.strictObject({ by: z.enum(['policy', 'fund', 'region']), region: region.optional(), year: z.coerce.number().int().optional(), fund: z.string().max(63).optional(), regionDigits: z.coerce.number().int().refine((n) => [2, 4, 6, 9, 12].includes(n), 'must be 2, 4, 6, 9 or 12').optional() }),
      response: { 200: z.object({ by: z.string(), items: z.array(z.object({ key: z.string(), amount: z.number(), amountFen: z.number(), entries: z.number() })), total: z.number(), totalFen: z.number() }) },
    },
  }, async (req) => paymentTotals(app, actorOf(req), req.query));

  server.post('/api/v1/policy/simulate', {
    config: { access: { action: 'policy.simulate' } },
    schema: {
      tags: ['policy'],
      summary: 'What-if: a changed version of a policy over current records, next to the policy as it stands; writes nothing',
      body: z.strictObject({ policy: z.string().max(63), set: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional(), region: region.optional() }),
      response: { 200: z.object({ policy: z.string(), version: z.number(), set: z.record(z.string(), z.string()), region: z.string(), source: z.string(), ms: z.number(), total: simTotals, byRegion: z.array(simTotals.extend({ region: z.string() })) }) },
    },
  }, async (req) => simulatePolicy(app, actorOf(req), { policy: req.body.policy, set: Object.fromEntries(Object.entries(req.body.set ?? {}).map(([k, v]) => [k, String(v)])), region: req.body.region }));
}
