import { z } from 'zod';
import { getReturnDate, listEmployments, returnedToWorkSummary, setReturnDate } from '../../app/matching/employments.ts';
import { MAX_K, recommendPeople, recommendPostings } from '../../app/matching/recommend.ts';
import { createReferral, getReferral, listReferrals, transitionReferral } from '../../app/matching/referrals.ts';
import { REFERRAL_STATES } from '../../domain/matching/referral-states.ts';
import { registerErrorStatuses } from '../errors.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

registerErrorStatuses({
  transition_not_allowed: 409,
  posting_full: 409,
  posting_not_open: 409,
  person_employed: 409,
  referral_exists: 409,
  employment_missing: 409,
});

const county = z.object({ county: z.string().regex(/^\d{6}$/) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const region = z.string().regex(/^\d{2,12}$/);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const reason = z.object({ code: z.string(), en: z.string(), zh: z.string(), points: z.number() });
const name2 = z.object({ zh: z.string(), en: z.string() });

const postingBrief = z.object({
  id: z.number(), title: z.string(), employerId: z.number(), employerName: z.string(), occupationCode: z.string(), occupationName: name2.nullable(), postType: z.string(),
  regionCode: z.string(), address: z.string(), payMinYuan: z.number(), payMaxYuan: z.number(), openings: z.number(), filled: z.number(), startDate: z.string(), endDate: z.string().nullable(),
});
const recommendations = z.object({
  personId: z.number(),
  on: z.string(),
  items: z.array(z.object({ posting: postingBrief, score: z.number(), reasons: z.array(reason), referralId: z.number().nullable() })),
});
const candidates = z.object({
  postingId: z.number(),
  on: z.string(),
  items: z.array(z.object({ rank: z.number(), personId: z.number().nullable(), name: z.string(), age: z.number(), homeRegionCode: z.string(), score: z.number(), reasons: z.array(reason), referralId: z.number().nullable() })),
});

const step = z.object({ from: z.string().nullable(), to: z.string(), on: z.string(), at: z.string(), by: z.string().nullable(), note: z.string() });
const referralView = z.object({
  id: z.number(), personId: z.number().nullable(), personName: z.string(), villageCode: z.string(), postingId: z.number(), postingTitle: z.string(), employerId: z.number(),
  employerName: z.string(), status: z.string(), statusName: name2, source: z.string(), score: z.number().nullable(), reasons: z.array(reason), ownerId: z.number().nullable(),
  lastStepOn: z.string(), dueOn: z.string().nullable(), overdue: z.boolean(), closedOn: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
  steps: z.array(step).optional(),
});
const employmentView = z.object({
  id: z.number(), personId: z.number().nullable(), personName: z.string(), villageCode: z.string(), referralId: z.number().nullable(), employerId: z.number(), employerName: z.string(),
  postingId: z.number().nullable(), postingTitle: z.string(), regionCode: z.string(), address: z.string(), startDate: z.string(), endDate: z.string().nullable(), payYuan: z.number(),
  status: z.string(), employmentStatus: z.string(), createdAt: z.string(), version: z.number(),
});
const returnDate = z.object({ countyCode: z.string(), since: z.string().nullable(), updatedAt: z.string().nullable() });

export async function matchingRoutes(server: Server) {
  const app = server.jiuye;

  server.get('/api/v1/persons/:id/recommendations', {
    config: { access: { action: 'recommendation.read', resource: 'person' } },
    schema: {
      tags: ['matching'],
      summary: 'The postings that suit a person best, nearest home first, each with its score and reasons in Chinese and English',
      params: idParams,
      querystring: z.strictObject({ k: z.coerce.number().int().min(1).max(MAX_K).optional() }),
      response: { 200: recommendations },
    },
  }, async (req) => recommendPostings(app, actorOf(req), req.params.id, req.query.k));

  server.get('/api/v1/postings/:id/candidates', {
    config: { access: { action: 'candidate.read', resource: 'posting' } },
    schema: {
      tags: ['matching'],
      summary: 'The people who suit a posting best; an employer account sees its own postings’ candidates masked (surname, age, home county)',
      params: idParams,
      querystring: z.strictObject({ k: z.coerce.number().int().min(1).max(MAX_K).optional() }),
      response: { 200: candidates },
    },
  }, async (req) => recommendPeople(app, actorOf(req), req.params.id, req.query.k));

  server.get('/api/v1/referrals', {
    config: { access: { action: 'referral.read' } },
    schema: {
      tags: ['matching'],
      summary: 'Referrals of people in your region or to postings it manages; `mine=true` is the follow-up worklist, overdue first',
      querystring: z.strictObject({
        region: region.optional(),
        status: z.string().max(200).optional(),
        open: bool.optional(),
        personId: idParam.optional(),
        postingId: idParam.optional(),
        source: z.enum(['batch', 'manual', 'fair_intention', 'application']).optional(),
        mine: bool.optional(),
        overdue: bool.optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(referralView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listReferrals(app, actorOf(req), req.query));

  server.post('/api/v1/referrals', {
    config: { access: { action: 'referral.create' } },
    schema: {
      tags: ['matching'],
      summary: 'Refer a person of your region to a posting (manual pick, job-fair intention or own application); the pair must fit',
      body: z.strictObject({
        personId: z.number().int().positive(),
        postingId: z.number().int().positive(),
        source: z.enum(['manual', 'fair_intention', 'application']).optional(),
        note: z.string().max(500).optional(),
      }),
      response: { 201: referralView },
    },
  }, async (req, reply) => reply.code(201).send(await createReferral(app, actorOf(req), req.body)));

  server.get('/api/v1/referrals/:id', {
    config: { access: { action: 'referral.read', resource: 'referral' } },
    schema: { tags: ['matching'], summary: 'One referral with its dated steps', params: idParams, response: { 200: referralView } },
  }, async (req) => getReferral(app, actorOf(req), req.params.id));

  server.post('/api/v1/referrals/:id/transitions', {
    config: { access: { action: 'referral.transition', resource: 'referral' } },
    schema: {
      tags: ['matching'],
      summary: 'Move a referral on (dated, with a note); hiring creates the employment and takes an opening, 409 posting_full when none is left, 409 transition_not_allowed for a move the path does not allow',
      params: idParams,
      body: z.strictObject({ to: z.enum(REFERRAL_STATES), note: z.string().max(500), date: date.optional() }),
      response: { 200: referralView.extend({ employmentId: z.number().nullable() }) },
    },
  }, async (req) => transitionReferral(app, actorOf(req), req.params.id, req.body));

  server.get('/api/v1/employments', {
    config: { access: { action: 'employment.read' } },
    schema: {
      tags: ['matching'],
      summary: 'Employments of people living in your region (an employer account: its own, masked)',
      querystring: z.strictObject({
        region: region.optional(),
        personId: idParam.optional(),
        status: z.enum(['hired', 'at_work', 'ended']).optional(),
        startedFrom: date.optional(),
        cursor: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      response: { 200: z.object({ items: z.array(employmentView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listEmployments(app, actorOf(req), req.query));

  server.get('/api/v1/employments/returned-to-work', {
    config: { access: { action: 'employment.read' } },
    schema: {
      tags: ['matching'],
      summary: 'People at work and, of them, returned to work (started on or after the county’s date), by home county',
      querystring: z.strictObject({ region: region.optional() }),
      response: {
        200: z.object({ region: z.string(), atWork: z.number(), returned: z.number(), byCounty: z.array(z.object({ countyCode: z.string(), since: z.string().nullable(), atWork: z.number(), returned: z.number() })) }),
      },
    },
  }, async (req) => returnedToWorkSummary(app, actorOf(req), req.query));

  server.get('/api/v1/return-to-work-dates/:county', {
    config: { access: { action: 'return_date.read', resource: 'county' } },
    schema: { tags: ['matching'], summary: 'The date from which a county counts people at work as returned to work', params: county, response: { 200: returnDate } },
  }, async (req) => getReturnDate(app, actorOf(req), req.params.county));

  server.put('/api/v1/return-to-work-dates/:county', {
    config: { access: { action: 'return_date.manage', resource: 'county' } },
    schema: { tags: ['matching'], summary: 'Set your county’s return-to-work date', params: county, body: z.strictObject({ since: date }), response: { 200: returnDate } },
  }, async (req) => setReturnDate(app, actorOf(req), req.params.county, req.body));
}
