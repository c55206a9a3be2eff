import { z } from 'zod';
import { idParams } from '../params.ts';
import { createClaim, decideClaim, getClaim, listClaims, submitClaim } from '../../app/policy/claims.ts';
import { previewSubjectFacts } from '../../app/policy/subject-facts.ts';
import { CLAIM_STATUSES } from '../../domain/policy/claims.ts';
import { SUBJECT_KINDS } from '../../domain/policy/rule.ts';
import { actorOf, type Server } from '../types.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const explanationLine = z.object({ condition: z.string(), fact: z.string(), value: z.unknown(), passed: z.boolean(), description: text });
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
  explanation: z.array(explanationLine),
  createdAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(z.object({ step: z.number(), level: z.string(), decision: z.string(), reason: z.string(), by: z.string(), at: z.string() })).optional(),
});
const id = idParams;
const gathered = z.object({
  policy: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  personId: z.number().nullable(),
  employerId: z.number().nullable(),
  regionCode: z.string(),
  facts: z.record(z.string(), z.unknown()),
  missing: z.array(z.string()),
  evaluation: z.object({ eligible: z.boolean(), amount: z.number(), explanation: z.array(explanationLine) }),
});

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

  server.get('/api/v1/claims/facts', {
    config: { access: { action: 'claim.create' } },
    schema: {
      tags: ['policy'],
      summary: 'The facts the records hold for a claim on a subject, those they lack, and the evaluation: a preview that writes nothing',
      description: 'Subjects: `hire` = the referral id of a hire; `trip` = TRIP:PERSON (a seat on an organised trip); `post-month` = PERSON:YYYY-MM (a month on a public-welfare post); `course-completion` = the enrollment id. A subject outside your region is not found. Conditions that read a missing fact show as not passed.',
      querystring: z.strictObject({ policy: z.string().min(1).max(63), subjectKind: z.enum(SUBJECT_KINDS), subjectId: z.string().min(1).max(64) }),
      response: { 200: gathered },
    },
  }, async (req) => (await previewSubjectFacts(app, actorOf(req), req.query)) as any);

  server.post('/api/v1/claims', {
    config: { access: { action: 'claim.create' } },
    schema: {
      tags: ['policy'],
      summary: 'Create a claim: the facts come from the records of the subject; `submit` submits it at once',
      description: 'When the subject is in the records, its facts, person, employer and region come from them, and `facts` given here fill only the facts the records lack (a caller cannot override a recorded fact). A subject not in the records needs `facts` and `regionCode` (the claim then stands on them); without `facts` it is not found. Required evidence is checked at each approval, not here.',
      body: z.strictObject({
        policy: z.string().max(63),
        subjectKind: z.enum(SUBJECT_KINDS),
        subjectId: z.string().min(1).max(64),
        personId: z.number().int().positive().nullable().optional(),
        employerId: z.number().int().positive().nullable().optional(),
        regionCode: z.string().max(12).optional(),
        facts: z.record(z.string(), z.unknown()).optional(),
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
      summary: 'Approve or reject a submitted claim at the level it waits for; an approval needs the evidence the policy requires, the last one checks the budget',
      params: id,
      body: z.strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().max(1000).optional() }),
      response: { 200: claim },
    },
  }, async (req) => (await decideClaim(app, actorOf(req), req.params.id, req.body)) as any);
}
