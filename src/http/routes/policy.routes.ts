import { z } from 'zod';
import { idParam } from '../params.ts';
import { evaluateFacts, getPolicy, listPolicies, savePolicy } from '../../app/policy/policies.ts';
import { actorOf, type Server } from '../types.ts';
import { claimRoutes } from './policy-claims.routes.ts';
import { paymentRoutes } from './policy-payments.routes.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const summary = z.object({
  id: z.string(),
  name: text,
  regionScope: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  subjectKind: z.string(),
  payee: z.string(),
  fund: z.string(),
  currentVersion: z.number(),
  updatedAt: z.string(),
});
const explanation = z.object({ condition: z.string(), fact: z.string(), value: z.unknown(), passed: z.boolean(), description: text });
const policyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

/** A rule arrives either bare or as `{rule, note}`; the domain validates it field by field. */
function ruleOf(body: Record<string, unknown>): { rule: unknown; note?: string } {
  if (body.rule && typeof body.rule === 'object' && !Array.isArray(body.rule)) return { rule: body.rule, note: typeof body.note === 'string' ? body.note.slice(0, 500) : undefined };
  return { rule: body };
}

export async function policyRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/policies', {
    config: { access: { action: 'policy.read' } },
    schema: { tags: ['policy'], summary: 'Subsidy policies (current versions)', querystring: z.strictObject({ region: z.string().regex(/^\d{2,12}$/).optional() }), response: { 200: z.object({ items: z.array(summary) }) } },
  }, async (req) => ({ items: await listPolicies(app, actorOf(req), { region: req.query.region }) }));

  server.get('/api/v1/policies/:id', {
    config: { access: { action: 'policy.read', resource: 'policy' } },
    schema: {
      tags: ['policy'],
      summary: 'A policy with its rule in words and all its versions',
      params: z.strictObject({ id: policyId }),
      querystring: z.strictObject({ version: idParam.optional() }),
      response: { 200: summary.extend({ version: z.number(), rule: z.record(z.string(), z.unknown()), words: z.record(z.string(), z.unknown()), versions: z.array(z.record(z.string(), z.unknown())) }) },
    },
  }, async (req) => (await getPolicy(app, actorOf(req), req.params.id, { version: req.query.version })) as any);

  server.post('/api/v1/policies', {
    config: { access: { action: 'policy.manage' } },
    schema: { tags: ['policy'], summary: 'Add a policy (validated fully, saved as version 1; administrators)', body: z.record(z.string(), z.unknown()), response: { 201: summary.extend({ version: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await savePolicy(app, actorOf(req), { ...ruleOf(req.body), expectNew: true })));

  server.put('/api/v1/policies/:id', {
    config: { access: { action: 'policy.manage', resource: 'policy' } },
    schema: { tags: ['policy'], summary: 'Change a policy: saves a new version, the old stays (administrators)', params: z.strictObject({ id: policyId }), body: z.record(z.string(), z.unknown()), response: { 200: summary.extend({ version: z.number() }) } },
  }, async (req) => savePolicy(app, actorOf(req), { ...ruleOf(req.body), id: req.params.id }));

  server.post('/api/v1/policy/evaluate', {
    config: { access: { action: 'policy.evaluate' } },
    schema: {
      tags: ['policy'],
      summary: 'Evaluate a policy over facts: eligibility, amount (yuan) and an explanation per condition',
      body: z.strictObject({ policy: z.string().max(63), facts: z.record(z.string(), z.unknown()), version: z.number().int().positive().optional() }),
      response: { 200: z.object({ eligible: z.boolean(), amount: z.number(), explanation: z.array(explanation) }) },
    },
  }, async (req) => evaluateFacts(app, actorOf(req), req.body));

  await claimRoutes(server);
  await paymentRoutes(server);
}
