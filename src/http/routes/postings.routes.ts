import { z } from 'zod';
import { publicPostings } from '../../app/demand/job-board.ts';
import { createPosting, getPosting, listPostings, updatePosting } from '../../app/demand/postings.ts';
import { POST_TYPES, POSTING_STATUSES } from '../../domain/demand/vocabulary.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

const date = z.string().max(10);
const occupation = z.string().regex(/^\d{1,2}(-\d{2}){0,3}$/);

const requirementsIn = z.strictObject({
  ageMin: z.number().int().nullable().optional(),
  ageMax: z.number().int().nullable().optional(),
  skills: z.array(z.string().max(60)).max(30).optional(),
  certificates: z.array(z.string().max(100)).max(30).optional(),
  healthCertificate: z.boolean().optional(),
  other: z.string().max(500).nullable().optional(),
  // Accepted only so the rule can refuse it by name (gender_requirement).
  gender: z.unknown().optional(),
});
const requirementsOut = z.object({ ageMin: z.number().nullable(), ageMax: z.number().nullable(), skills: z.array(z.string()), certificates: z.array(z.string()), healthCertificate: z.boolean(), other: z.string().nullable() });

const postingFields = {
  externalNo: z.string().max(60).nullable().optional(),
  title: z.string().max(120),
  occupationCode: z.string().max(20),
  postType: z.enum(POST_TYPES),
  openings: z.number().int().min(0).max(1_000_000),
  filled: z.number().int().min(0).max(1_000_000).optional(),
  payMinFen: z.number().int().min(0).max(100_000_000),
  payMaxFen: z.number().int().min(0).max(100_000_000),
  regionCode: z.string().max(12).optional(),
  address: z.string().max(300).optional(),
  startDate: date,
  endDate: date.nullable().optional(),
  hours: z.string().max(100).optional(),
  requirements: requirementsIn.optional(),
  board: z.boolean().optional(),
  lodging: z.boolean().optional(),
  weakLaborOk: z.boolean().optional(),
  status: z.enum(POSTING_STATUSES).optional(),
  accidentInsuranceFen: z.number().int().min(0).max(10_000_000_000).nullable().optional(),
  description: z.string().max(4000).optional(),
};

export const postingView = z.object({
  id: z.number(),
  employerId: z.number(),
  employerName: z.string().nullable(),
  externalNo: z.string().nullable(),
  title: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  postType: z.string(),
  openings: z.number(),
  filled: z.number(),
  payMinFen: z.number(),
  payMaxFen: z.number(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  scopeCode: z.string(),
  address: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.string(),
  requirements: requirementsOut,
  board: z.boolean(),
  lodging: z.boolean(),
  weakLaborOk: z.boolean(),
  status: z.string(),
  accidentInsuranceFen: z.number().nullable(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const boardItem = z.object({
  id: z.number(),
  title: z.string(),
  employerName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  occupationNameEn: z.string().nullable(),
  postType: z.string(),
  openings: z.number(),
  payMinFen: z.number(),
  payMaxFen: z.number(),
  regionCode: z.string(),
  place: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.string(),
  board: z.boolean(),
  lodging: z.boolean(),
  weakLaborOk: z.boolean(),
  requirements: requirementsOut,
});


export async function postingRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/postings', {
    config: { access: { action: 'posting.read' } },
    schema: {
      tags: ['demand'],
      summary: 'Job postings managed within your region (an employer account sees its own)',
      querystring: z.strictObject({
        region: z.string().regex(/^\d{2,12}$/).optional(),
        employerId: idParam.optional(),
        status: z.enum(POSTING_STATUSES).optional(),
        postType: z.enum(POST_TYPES).optional(),
        q: z.string().max(100).optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(postingView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listPostings(app, actorOf(req), req.query));

  server.post('/api/v1/postings', {
    config: { access: { action: 'posting.manage' } },
    schema: {
      tags: ['demand'],
      summary: 'Create a posting; the post-type rules (temporary, public welfare, no gender requirement) are checked with their own error codes',
      body: z.strictObject({ employerId: z.number().int().positive(), ...postingFields }),
      response: { 201: postingView },
    },
  }, async (req, reply) => reply.code(201).send(await createPosting(app, actorOf(req), req.body as any)));

  server.get('/api/v1/postings/:id', {
    config: { access: { action: 'posting.read', resource: 'posting' } },
    schema: { tags: ['demand'], summary: 'One posting', params: idParams, response: { 200: postingView } },
  }, async (req) => getPosting(app, actorOf(req), req.params.id));

  server.patch('/api/v1/postings/:id', {
    config: { access: { action: 'posting.manage', resource: 'posting' } },
    schema: {
      tags: ['demand'],
      summary: 'Change a posting (rules re-checked); send the version you read (stale → 412 version_conflict)',
      params: idParams,
      body: z.strictObject({ employerId: z.number().int().positive().optional(), ...Object.fromEntries(Object.entries(postingFields).map(([k, v]) => [k, v.optional()])), version: z.number().int().positive() }),
      response: { 200: postingView },
    },
  }, async (req) => updatePosting(app, actorOf(req), req.params.id, req.body as any));

  server.get('/api/v1/public/postings', {
    config: { access: { action: 'public' }, rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'],
      summary: 'Open job postings for anyone, newest first (no personal data); filter by region prefix, occupation, type and the pay wanted',
      security: [],
      querystring: z.strictObject({
        region: z.string().max(12).optional(),
        occupation: occupation.optional(),
        postType: z.enum(POST_TYPES).optional(),
        minPayFen: z.coerce.number().int().min(0).max(100_000_000).optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
      }),
      response: { 200: z.object({ items: z.array(boardItem), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => publicPostings(app, req.query));
}
