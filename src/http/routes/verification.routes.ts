import { z } from 'zod';
import { listConflicts, resolveConflict } from '../../app/field/conflicts.ts';
import { assignVillages, closeRound, createRound, createTeam, getRound, listAssignments, listRounds, listTeams, roundProgress, updateTeam } from '../../app/field/rounds.ts';
import { listTasks, listVisits, submitVisit } from '../../app/field/visits.ts';
import { EMPLOYMENT_STATUS, LOCATION_SCOPE } from '../../domain/ledger/vocabulary.ts';
import { VISIT_OUTCOMES } from '../../domain/field/visit.ts';
import { registerErrorStatuses } from '../errors.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

registerErrorStatuses({ round_closed: 409, idempotency_key_reused: 409, conflict_resolved: 409 });

const region = z.string().regex(/^\d{2,12}$/);
const date = z.string().max(10);
const tags = ['verification'];

const roundView = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string().nullable(),
  name: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  myTeamId: z.number().nullable(),
  version: z.number(),
});

const teamView = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  members: z.array(z.object({ userId: z.number(), username: z.string(), displayName: z.string(), regionCode: z.string() })),
  villages: z.array(z.string()),
});

const fieldPerson = z.object({
  id: z.number(),
  householdId: z.number(),
  name: z.string(),
  relation: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  laborCapacity: z.string(),
  phone: z.string().nullable(),
  employmentStatus: z.string(),
  employerName: z.string().nullable(),
  jobWishTypes: z.array(z.string()),
  trainingWish: z.string().nullable(),
  availableFrom: z.string().nullable(),
  preferredScope: z.string().nullable(),
  minMonthlyPay: z.number().nullable(),
  verificationStatus: z.string(),
  verifiedAt: z.string().nullable(),
  version: z.number(),
});

const taskView = z.object({
  id: z.number(),
  teamId: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  address: z.string().nullable(),
  category: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  status: z.string(),
  visitedAt: z.string().nullable(),
  frozen: z.boolean(),
  persons: z.array(fieldPerson),
});

const visitResult = z.object({
  visitId: z.number(),
  taskId: z.number(),
  taskStatus: z.string(),
  applied: z.array(z.object({ personId: z.number(), version: z.number(), outcome: z.string() })),
  conflicts: z.array(z.object({ personId: z.number(), conflictId: z.number(), serverVersion: z.number() })),
});

const tally = {
  households: z.number(),
  visited: z.number(),
  conflicts: z.number(),
  persons: z.number(),
  checked: z.number(),
  outcomes: z.record(z.string(), z.number()),
  visitedPercent: z.number().nullable(),
  verifiedPercent: z.number().nullable(),
};

const conflictView = z.object({
  id: z.number(),
  roundId: z.number(),
  taskId: z.number(),
  personId: z.number(),
  personName: z.string().nullable(),
  villageCode: z.string(),
  verifierId: z.number(),
  verifier: z.string().nullable(),
  visitedAt: z.string(),
  baseVersion: z.number(),
  serverVersion: z.number(),
  currentVersion: z.number().nullable(),
  status: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.record(z.string(), z.string()).nullable(),
  fields: z.array(z.object({ field: z.string(), serverValue: z.unknown(), fieldValue: z.unknown() })),
});

const changes = z.strictObject({
  employmentStatus: z.enum(EMPLOYMENT_STATUS.values).optional(),
  employerName: z.string().max(100).nullable().optional(),
  jobWishTypes: z.array(z.string().max(20)).max(5).optional(),
  trainingWish: z.string().max(20).nullable().optional(),
  availableFrom: date.nullable().optional(),
  preferredScope: z.enum(LOCATION_SCOPE.values).nullable().optional(),
  minMonthlyPay: z.number().int().min(0).max(1_000_000).nullable().optional(),
  phone: z.string().max(20).nullable().optional(),
});

export async function verificationRoutes(server: Server) {
  const app = server.jiuye;

  server.get('/api/v1/verification-rounds', {
    config: { access: { action: 'verification.read' } },
    schema: { tags, summary: 'Verification rounds within your region; a field verifier sees the rounds its team works in', querystring: z.strictObject({ region: region.optional(), status: z.enum(['open', 'closed']).optional() }), response: { 200: z.object({ items: z.array(roundView) }) } },
  }, async (req) => listRounds(app, actorOf(req), req.query));

  server.post('/api/v1/verification-rounds', {
    config: { access: { action: 'verification.manage' } },
    schema: { tags, summary: 'Start a verification round in a county', body: z.strictObject({ name: z.string().max(100), countyCode: z.string().max(12).optional(), startsOn: date.nullable().optional(), endsOn: date.nullable().optional() }), response: { 201: roundView } },
  }, async (req, reply) => reply.code(201).send(await createRound(app, actorOf(req), req.body)));

  server.get('/api/v1/verification-rounds/:id', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: { tags, summary: 'One verification round', params: idParams, response: { 200: roundView } },
  }, async (req) => getRound(app, actorOf(req), req.params.id));

  server.get('/api/v1/verification-rounds/:id/teams', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: { tags, summary: 'Teams of a round with members and villages (a verifier sees its own team)', params: idParams, response: { 200: z.object({ items: z.array(teamView) }) } },
  }, async (req) => listTeams(app, actorOf(req), req.params.id));

  server.post('/api/v1/verification-rounds/:id/teams', {
    config: { access: { action: 'verification.manage', resource: 'verification_round' } },
    schema: { tags, summary: 'Make a team of field verifiers of the county', params: idParams, body: z.strictObject({ name: z.string().max(60), memberIds: z.array(z.number().int().positive()).max(50) }), response: { 201: teamView } },
  }, async (req, reply) => reply.code(201).send(await createTeam(app, actorOf(req), req.params.id, req.body)));

  server.patch('/api/v1/verification-rounds/:id/teams/:teamId', {
    config: { access: { action: 'verification.manage', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Rename a team or replace its members',
      params: z.strictObject({ id: idParam, teamId: idParam }),
      body: z.strictObject({ name: z.string().max(60).optional(), memberIds: z.array(z.number().int().positive()).max(50).optional() }),
      response: { 200: teamView },
    },
  }, async (req) => updateTeam(app, actorOf(req), req.params.id, req.params.teamId, req.body));

  server.get('/api/v1/verification-rounds/:id/assignments', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: { tags, summary: 'Villages assigned to teams', params: idParams, response: { 200: z.object({ items: z.array(z.object({ villageCode: z.string(), villageName: z.string().nullable(), teamId: z.number(), teamName: z.string() })) }) } },
  }, async (req) => listAssignments(app, actorOf(req), req.params.id));

  server.post('/api/v1/verification-rounds/:id/assignments', {
    config: { access: { action: 'verification.manage', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Assign villages to a team; every live household there becomes a task (re-assigning moves the village\'s tasks)',
      params: idParams, body: z.strictObject({ teamId: z.number().int().positive(), villageCodes: z.array(z.string().max(12)).max(500) }),
      response: { 200: z.object({ teamId: z.number(), villageCodes: z.array(z.string()), tasksCreated: z.number() }) },
    },
  }, async (req) => assignVillages(app, actorOf(req), req.params.id, req.body));

  server.get('/api/v1/verification-rounds/:id/tasks', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Tasks with each household\'s members at their current version (a verifier gets its team\'s only: what the phone downloads)',
      params: idParams,
      querystring: z.strictObject({ teamId: idParam.optional(), village: region.optional(), status: z.enum(['pending', 'visited', 'conflict']).optional(), cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(5000).optional() }),
      response: { 200: z.object({ roundId: z.number(), roundStatus: z.string(), downloadedAt: z.string(), items: z.array(taskView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listTasks(app, actorOf(req), req.params.id, req.query));

  server.get('/api/v1/verification-rounds/:id/visits', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Visits received, newest first', params: idParams,
      querystring: z.strictObject({ teamId: idParam.optional(), village: region.optional(), cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), taskId: z.number(), teamId: z.number(), householdNo: z.string(), villageCode: z.string(), verifierId: z.number(), verifier: z.string().nullable(), visitedAt: z.string(), receivedAt: z.string(), note: z.string().nullable(), applied: z.number(), conflicts: z.number() })), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listVisits(app, actorOf(req), req.params.id, req.query));

  server.post('/api/v1/verification-rounds/:id/visits', {
    config: { access: { action: 'verification.visit', resource: 'verification_round' } },
    schema: {
      tags,
      summary: 'Record a visit (header Idempotency-Key: a resend answers the first result). A person changed since download becomes a conflict, not an overwrite',
      params: idParams,
      headers: z.object({ 'idempotency-key': z.string().max(100).optional() }),
      body: z.strictObject({
        taskId: z.number().int().positive(),
        visitedAt: z.string().max(40),
        note: z.string().max(500).nullable().optional(),
        persons: z.array(z.strictObject({ personId: z.number().int().positive(), version: z.number().int().positive(), outcome: z.enum(VISIT_OUTCOMES as [string, ...string[]]), changes: changes.optional() })).max(30),
      }),
      response: { 200: visitResult, 201: visitResult },
    },
  }, async (req, reply) => {
    const { value, replayed } = await submitVisit(app, actorOf(req), req.params.id, req.headers['idempotency-key'] as string, req.body);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(replayed ? 200 : 201).send(value);
  });

  server.get('/api/v1/verification-rounds/:id/progress', {
    config: { access: { action: 'verification.read', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Households visited and people verified, by village and team', params: idParams,
      response: { 200: z.object({ roundId: z.number(), status: z.string(), total: z.object(tally), byVillage: z.array(z.object({ villageCode: z.string(), villageName: z.string().nullable(), teamId: z.number(), teamName: z.string().nullable(), ...tally })), byTeam: z.array(z.object({ teamId: z.number(), teamName: z.string().nullable(), ...tally })) }) },
    },
  }, async (req) => roundProgress(app, actorOf(req), req.params.id));

  server.get('/api/v1/verification-rounds/:id/conflicts', {
    config: { access: { action: 'verification.resolve', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Field values that met a person changed on the server since download: server value and field value per field',
      params: idParams, querystring: z.strictObject({ status: z.enum(['open', 'resolved']).optional(), village: region.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      response: { 200: z.object({ items: z.array(conflictView) }) },
    },
  }, async (req) => listConflicts(app, actorOf(req), req.params.id, req.query));

  server.post('/api/v1/verification-rounds/:id/conflicts/:conflictId/resolve', {
    config: { access: { action: 'verification.resolve', resource: 'verification_round' } },
    schema: {
      tags, summary: 'Resolve a conflict: keep the server value or take the field value, field by field (audited)',
      params: z.strictObject({ id: idParam, conflictId: idParam }),
      body: z.strictObject({ choices: z.record(z.string(), z.enum(['server', 'field'])), personVersion: z.number().int().positive().optional() }),
      response: { 200: conflictView },
    },
  }, async (req) => resolveConflict(app, actorOf(req), req.params.id, req.params.conflictId, req.body));

  server.post('/api/v1/verification-rounds/:id/close', {
    config: { access: { action: 'verification.manage', resource: 'verification_round' } },
    schema: { tags, summary: 'Close a round: its tasks freeze and further visits are refused', params: idParams, body: z.strictObject({ version: z.number().int().positive() }), response: { 200: roundView } },
  }, async (req) => closeRound(app, actorOf(req), req.params.id, req.body));
}
