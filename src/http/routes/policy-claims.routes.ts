import { z } from 'zod';
import { createClaim, decideClaim, getClaim, listClaims, submitClaim } from '../../app/policy/claims.ts';
import { CLAIM_STATUSES } from '../../domain/policy/claims.ts';
import { SUBJECT_KINDS } from '../../domain/policy/rule.ts';
import { actorOf, type Server } from '../types.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const claim = z.object({
  id: z.number(),
  policy: z.string(),
  policyVersion: z.number(),
  subjectKind: z.string(),
  subjectId: z.string(),
  personId: z.number().nullable(),
  employerId: z.number().nullable(),
  payee: z.string(),
  regionCode: z.string(),
  year: z.number(),
  fund: z.string(),
  eligible: z.boolean(),
  amount: z.number(),
  amountFen: z.number(),
  status: z.string(),
  currentStep: z.number(),
  batchId: z.number().nullable(),
  facts: z.record(z.string(), z.unknown()),
  explanation: z.array(z.object({ condition: z.string(), fact: z.string(), value: z.unknown(), passed: z.boolean(), description: text })),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(z.object({ step: z.number(), level: z.string(), decision: z.string(), reason: z.string(), by: z.string(), at: z.string() })).optional(),
});
const id = z.strictObject({ id: z.coerce.number().int().positive() });

/** Claims under a policy: created with facts, submitted, decided level by level. */
export async function claimRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/claims', {
    config: { access: { action: 'claim.read' } },
    schema: {
      tags: ['policy'],
      summary: 'Claims within your region (newest first)',
      querystring: z.strictObject({ region: z.string().regex(/^\d{2,12}$/).optional(), status: z.enum(CLAIM_STATUSES).optional(), policy: z.string().max(63).optional(), cursor: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.object({ items: z.array(claim), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listClaims(app, actorOf(req), req.query) as any);

  server.post('/api/v1/claims', {
    config: { access: { action: 'claim.create' } },
    schema: {
      tags: ['policy'],
      summary: 'Create a claim: the policy is evaluated on the facts given; `submit` submits it at once',
      body: z.strictObject({
        policy: z.string().max(63),
        subjectKind: z.enum(SUBJECT_KINDS),
        subjectId: z.string().min(1).max(64),
        personId: z.number().int().positive().nullable().optional(),
        employerId: z.number().int().positive().nullable().optional(),
        regionCode: z.string().max(12),
        facts: z.record(z.string(), z.unknown()),
        payee: z.string().min(1).max(120).optional(),
        submit: z.boolean().optional(),
      }),
      response: { 201: claim },
    },
  }, async (req, reply) => reply.code(201).send((await createClaim(app, actorOf(req), req.body)) as any));

  server.get('/api/v1/claims/:id', {
    config: { access: { action: 'claim.read', resource: 'claim' } },
    schema: { tags: ['policy'], summary: 'A claim with its facts, explanation and approval steps', params: id, response: { 200: claim } },
  }, async (req) => (await getClaim(app, actorOf(req), req.params.id)) as any);

  server.post('/api/v1/claims/:id/submit', {
    config: { access: { action: 'claim.create', resource: 'claim' } },
    schema: { tags: ['policy'], summary: 'Submit a draft claim (limits are taken here)', params: id, response: { 200: claim } },
  }, async (req) => (await submitClaim(app, actorOf(req), req.params.id)) as any);

  server.post('/api/v1/claims/:id/decisions', {
    config: { access: { action: 'claim.decide', resource: 'claim' } },
    schema: {
      tags: ['policy'],
      summary: 'Approve or reject a submitted claim at the level it waits for; the last approval checks the budget',
      params: id,
      body: z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().max(1000).optional() }),
      response: { 200: claim },
    },
  }, async (req) => (await decideClaim(app, actorOf(req), req.params.id, req.body)) as any);
}
