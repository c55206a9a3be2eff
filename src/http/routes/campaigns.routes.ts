import { z } from 'zod';
import { checkIn, createCampaign, createEvent, findPeopleForCheckIn, getCampaign, getEvent, listCampaigns, recordIntention, updateCampaign, updateEvent } from '../../app/demand/campaigns.ts';
import { EVENT_KINDS } from '../../domain/demand/vocabulary.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

const campaign = z.object({ id: z.number(), name: z.string(), regionCode: z.string(), startsOn: z.string(), endsOn: z.string(), description: z.string(), createdAt: z.string(), updatedAt: z.string(), version: z.number() });
const event = z.object({ id: z.number(), campaignId: z.number(), kind: z.string(), name: z.string(), regionCode: z.string(), place: z.string(), heldOn: z.string(), employerIds: z.array(z.number()), postingIds: z.array(z.number()), version: z.number() });
const counts = { employers: z.number(), postings: z.number(), openings: z.number(), attendees: z.number(), intentions: z.number() };
const campaignFields = { name: z.string().max(120), regionCode: z.string().max(12).optional(), startsOn: z.string().max(10), endsOn: z.string().max(10), description: z.string().max(2000).optional() };
const eventFields = { kind: z.enum(EVENT_KINDS), name: z.string().max(120), regionCode: z.string().max(12), place: z.string().max(200).optional(), heldOn: z.string().max(10), employerIds: z.array(z.number().int().positive()).max(500).optional(), postingIds: z.array(z.number().int().positive()).max(2000).optional() };
const optional = <T extends Record<string, z.ZodType>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
const eventId = z.strictObject({ id: idParam, eventId: idParam });
const person = { personId: z.number(), name: z.string(), idMasked: z.string(), villageCode: z.string() };

export async function campaignRoutes(server: Server) {
  const app = server.jiuye;
  server.get('/api/v1/campaigns', {
    config: { access: { action: 'campaign.read' } },
    schema: {
      tags: ['demand'],
      summary: 'Recruitment campaigns within your region and those covering it, newest first',
      querystring: z.strictObject({ region: z.string().regex(/^\d{2,12}$/).optional(), cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }),
      response: { 200: z.object({ items: z.array(campaign), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listCampaigns(app, actorOf(req), req.query));

  server.post('/api/v1/campaigns', {
    config: { access: { action: 'campaign.manage' } },
    schema: { tags: ['demand'], summary: 'Start a campaign (e.g. 春风行动) with a period and a region', body: z.strictObject(campaignFields), response: { 201: campaign } },
  }, async (req, reply) => reply.code(201).send(await createCampaign(app, actorOf(req), req.body)));

  server.get('/api/v1/campaigns/:id', {
    config: { access: { action: 'campaign.read', resource: 'campaign' } },
    schema: {
      tags: ['demand'],
      summary: 'A campaign with its events and a summary (employers, postings, openings, attendees, intentions) by region',
      params: idParams,
      response: {
        200: campaign.extend({
          events: z.array(event.extend({ regionName: z.string().nullable(), attendees: z.number(), intentions: z.number() })),
          summary: z.object({ total: z.object({ events: z.number(), ...counts }), byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string().nullable(), events: z.number(), ...counts })) }),
        }),
      },
    },
  }, async (req) => getCampaign(app, actorOf(req), req.params.id));

  server.patch('/api/v1/campaigns/:id', {
    config: { access: { action: 'campaign.manage', resource: 'campaign' } },
    schema: { tags: ['demand'], summary: 'Change a campaign; send the version you read (stale → 412)', params: idParams, body: z.strictObject({ ...optional(campaignFields), version: z.number().int().positive() }), response: { 200: campaign } },
  }, async (req) => updateCampaign(app, actorOf(req), req.params.id, req.body));

  server.post('/api/v1/campaigns/:id/events', {
    config: { access: { action: 'campaign.event', resource: 'campaign' } },
    schema: { tags: ['demand'], summary: 'Add an event: online fair, on-site fair or caravan visit, with participating employers and postings', params: idParams, body: z.strictObject(eventFields), response: { 201: event } },
  }, async (req, reply) => reply.code(201).send(await createEvent(app, actorOf(req), req.params.id, req.body)));

  server.get('/api/v1/campaigns/:id/events/:eventId', {
    config: { access: { action: 'campaign.read', resource: 'campaign_event' } },
    schema: {
      tags: ['demand'],
      summary: 'An event with its postings, attendance and intentions (people of your region, masked)',
      params: eventId,
      response: {
        200: z.object({
          campaign,
          event,
          employers: z.array(z.object({ id: z.number(), name: z.string() })),
          postings: z.array(z.object({ id: z.number(), title: z.string(), employerId: z.number(), employerName: z.string(), postType: z.string(), openings: z.number(), filled: z.number(), payMinFen: z.number(), payMaxFen: z.number(), regionCode: z.string(), status: z.string() })),
          attendance: z.array(z.object({ id: z.number(), ...person, checkedInAt: z.string() })),
          intentions: z.array(z.object({ id: z.number(), ...person, postingId: z.number(), postingTitle: z.string(), employerName: z.string(), note: z.string(), createdAt: z.string() })),
        }),
      },
    },
  }, async (req) => getEvent(app, actorOf(req), req.params.id, req.params.eventId));

  server.patch('/api/v1/campaigns/:id/events/:eventId', {
    config: { access: { action: 'campaign.event', resource: 'campaign_event' } },
    schema: { tags: ['demand'], summary: 'Change an event; send the version you read (stale → 412)', params: eventId, body: z.strictObject({ ...optional(eventFields), version: z.number().int().positive() }), response: { 200: event } },
  }, async (req) => updateEvent(app, actorOf(req), req.params.id, req.params.eventId, req.body));

  server.get('/api/v1/campaigns/:id/events/:eventId/people', {
    config: { access: { action: 'campaign.checkin', resource: 'campaign_event' } },
    schema: {
      tags: ['demand'],
      summary: 'Find people of the ledger in your region for check-in: by name, ID number or phone',
      params: eventId,
      querystring: z.strictObject({ q: z.string().max(40) }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), villageCode: z.string(), villageName: z.string().nullable(), idMasked: z.string(), phoneMasked: z.string().nullable(), birthDate: z.string() })) }) },
    },
  }, async (req) => findPeopleForCheckIn(app, actorOf(req), req.params.id, req.params.eventId, req.query.q));

  server.post('/api/v1/campaigns/:id/events/:eventId/attendance', {
    config: { access: { action: 'campaign.checkin', resource: 'campaign_event' } },
    schema: {
      tags: ['demand'],
      summary: 'Check a person in at the event (a repeated check-in returns the first, created: false)',
      params: eventId,
      body: z.strictObject({ personId: z.number().int().positive() }),
      response: { 200: z.object({ id: z.number(), ...person, checkedInAt: z.string(), created: z.boolean() }) },
    },
  }, async (req) => checkIn(app, actorOf(req), req.params.id, req.params.eventId, req.body.personId));

  server.post('/api/v1/campaigns/:id/events/:eventId/intentions', {
    config: { access: { action: 'campaign.checkin', resource: 'campaign_event' } },
    schema: {
      tags: ['demand'],
      summary: 'Record a person’s intention to take a posting offered at the event',
      params: eventId,
      body: z.strictObject({ personId: z.number().int().positive(), postingId: z.number().int().positive(), note: z.string().max(500).optional() }),
      response: { 200: z.object({ id: z.number(), personId: z.number(), postingId: z.number(), createdAt: z.string(), created: z.boolean() }) },
    },
  }, async (req) => recordIntention(app, actorOf(req), req.params.id, req.params.eventId, req.body));
}
