import { z } from 'zod';
import { courseTargets, createCourse, getCourse, listCourses, trainingOutcomes, updateCourse } from '../../app/training/courses.ts';
import { completeEnrollment, dropEnrollment, enroll, getEnrollment, listEnrollments, recordAttendance } from '../../app/training/enrollments.ts';
import { createProvider, linkTrainer, listProviders } from '../../app/training/providers.ts';
import { COURSE_MODES, COURSE_STATUSES, ENROLLMENT_STATUSES } from '../../domain/training/course.ts';
import { registerErrorStatuses } from '../errors.ts';
import { idParam, idParams } from '../params.ts';
import { actorOf, type Server } from '../types.ts';

registerErrorStatuses({ course_full: 409, already_enrolled: 409, course_not_open: 409, enrollment_closed: 409 });

const tags = ['training'];
const region = z.string().regex(/^\d{2,12}$/);
const date = z.string().max(10);
const limit = z.coerce.number().int().min(1).max(1000).optional();

const providerView = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string(),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  createdAt: z.string(),
  version: z.number(),
  accounts: z.array(z.object({ userId: z.number(), username: z.string(), displayName: z.string() })),
});

const courseView = z.object({
  id: z.number(),
  providerId: z.number(),
  providerName: z.string(),
  title: z.string(),
  occupationCode: z.string(),
  mode: z.string(),
  hours: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  schedule: z.string(),
  place: z.string().nullable(),
  onlinePlatform: z.string().nullable(),
  regionCode: z.string(),
  capacity: z.number(),
  enrolled: z.number(),
  subsidyApplies: z.boolean(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const courseFields = {
  providerId: z.number().int().positive().optional(),
  title: z.string().max(200),
  occupationCode: z.string().max(20),
  mode: z.enum(COURSE_MODES),
  hours: z.number().int(),
  startsOn: date,
  endsOn: date,
  schedule: z.string().max(400).optional(),
  place: z.string().max(200).nullable().optional(),
  onlinePlatform: z.string().max(200).nullable().optional(),
  regionCode: z.string().max(12).optional(),
  capacity: z.number().int(),
  subsidyApplies: z.boolean().optional(),
};

const enrollmentView = z.object({
  id: z.number(),
  courseId: z.number(),
  courseTitle: z.string(),
  courseHours: z.number(),
  personId: z.number(),
  personName: z.string(),
  villageCode: z.string(),
  status: z.string(),
  hoursAttended: z.number(),
  progressPercent: z.number(),
  enrolledAt: z.string(),
  completedOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateLevel: z.string().nullable(),
  droppedOn: z.string().nullable(),
  dropReason: z.string().nullable(),
  claim: z.record(z.string(), z.unknown()).nullable(),
  updatedAt: z.string(),
  version: z.number(),
  attendance: z.array(z.object({ onDate: z.string(), hours: z.number(), note: z.string().nullable(), recordedAt: z.string() })).optional(),
});

const outcome = { enrolled: z.number(), completed: z.number(), dropped: z.number(), atWork: z.number(), windowOpen: z.number(), atWorkPercent: z.number().nullable() };

export async function trainingRoutes(server: Server) {
  const app = server.jiuye;

  server.get('/api/v1/training-providers', {
    config: { access: { action: 'training_provider.read' } },
    schema: { tags, summary: 'Training providers within your region (a trainer sees its own)', querystring: z.strictObject({ region: region.optional() }), response: { 200: z.object({ items: z.array(providerView) }) } },
  }, async (req) => listProviders(app, actorOf(req), req.query));

  server.post('/api/v1/training-providers', {
    config: { access: { action: 'training_provider.manage' } },
    schema: { tags, summary: 'Register a training provider', body: z.strictObject({ name: z.string().max(200), regionCode: z.string().max(12).optional(), creditCode: z.string().max(40).nullable().optional(), address: z.string().max(300).optional(), contactName: z.string().max(60).optional(), contactPhone: z.string().max(30).optional() }), response: { 201: providerView } },
  }, async (req, reply) => reply.code(201).send(await createProvider(app, actorOf(req), req.body)));

  server.post('/api/v1/training-providers/:id/accounts', {
    config: { access: { action: 'training_provider.manage', resource: 'training_provider' } },
    schema: { tags, summary: 'Link a trainer account to the provider it acts for', params: idParams, body: z.strictObject({ userId: z.number().int().positive() }), response: { 200: providerView } },
  }, async (req) => linkTrainer(app, actorOf(req), req.params.id, req.body));

  server.get('/api/v1/courses', {
    config: { access: { action: 'course.read' } },
    schema: {
      tags, summary: 'Courses reaching your region (a trainer sees its own provider\'s)',
      querystring: z.strictObject({ region: region.optional(), providerId: idParam.optional(), status: z.enum(COURSE_STATUSES).optional(), occupation: z.string().max(20).optional(), cursor: z.string().max(100).optional(), limit }),
      response: { 200: z.object({ items: z.array(courseView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listCourses(app, actorOf(req), req.query));

  server.post('/api/v1/courses', {
    config: { access: { action: 'course.manage' } },
    schema: { tags, summary: 'Create a course (online theory, offline practice or both)', body: z.strictObject(courseFields), response: { 201: courseView } },
  }, async (req, reply) => reply.code(201).send(await createCourse(app, actorOf(req), req.body)));

  server.get('/api/v1/courses/outcomes', {
    config: { access: { action: 'course.outcomes' } },
    schema: {
      tags, summary: 'Of the people trained, how many were at work within 3 months of completion, by course and provider',
      querystring: z.strictObject({ region: region.optional(), providerId: idParam.optional(), courseId: idParam.optional() }),
      response: {
        200: z.object({
          asOf: z.string(), months: z.number(), total: z.object(outcome),
          byCourse: z.array(z.object({ courseId: z.number(), title: z.string(), providerId: z.number(), providerName: z.string(), occupationCode: z.string(), ...outcome })),
          byProvider: z.array(z.object({ providerId: z.number(), providerName: z.string(), ...outcome })),
        }),
      },
    },
  }, async (req) => trainingOutcomes(app, actorOf(req), req.query));

  server.get('/api/v1/courses/:id', {
    config: { access: { action: 'course.read', resource: 'course' } },
    schema: { tags, summary: 'One course', params: idParams, response: { 200: courseView } },
  }, async (req) => getCourse(app, actorOf(req), req.params.id));

  server.patch('/api/v1/courses/:id', {
    config: { access: { action: 'course.manage', resource: 'course' } },
    schema: {
      tags, summary: 'Change a course; send the version you read (412 when stale)', params: idParams,
      body: z.strictObject({ ...Object.fromEntries(Object.entries(courseFields).map(([k, v]) => [k, v.optional()])), status: z.enum(COURSE_STATUSES).optional(), version: z.number().int().positive() }),
      response: { 200: courseView },
    },
  }, async (req) => updateCourse(app, actorOf(req), req.params.id, req.body as any));

  server.get('/api/v1/courses/:id/targets', {
    config: { access: { action: 'course.target', resource: 'course' } },
    schema: {
      tags, summary: 'People whose training or job wish fits the course\'s occupation (same code or minor group) in its region, best fit first',
      params: idParams, querystring: z.strictObject({ region: region.optional(), cursor: z.string().max(100).optional(), limit }),
      response: {
        200: z.object({
          courseId: z.number(),
          items: z.array(z.object({ personId: z.number(), name: z.string(), gender: z.string(), age: z.number(), villageCode: z.string(), villageName: z.string().nullable(), phone: z.string().nullable(), employmentStatus: z.string(), trainingWish: z.string().nullable(), jobWishTypes: z.array(z.string()), affinity: z.number(), via: z.string().nullable(), enrollment: z.string().nullable() })),
          nextCursor: z.string().nullable(),
        }),
      },
    },
  }, async (req) => courseTargets(app, actorOf(req), req.params.id, req.query));

  server.get('/api/v1/enrollments', {
    config: { access: { action: 'enrollment.read' } },
    schema: {
      tags, summary: 'Enrollments of people in your region (a trainer: of its own courses)',
      querystring: z.strictObject({ courseId: idParam.optional(), region: region.optional(), status: z.enum(ENROLLMENT_STATUSES).optional(), cursor: z.string().max(100).optional(), limit }),
      response: { 200: z.object({ items: z.array(enrollmentView), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listEnrollments(app, actorOf(req), req.query));

  server.post('/api/v1/enrollments', {
    config: { access: { action: 'enrollment.create' } },
    schema: { tags, summary: 'Enroll a person of the course\'s region', body: z.strictObject({ courseId: z.number().int().positive(), personId: z.number().int().positive() }), response: { 201: enrollmentView } },
  }, async (req, reply) => reply.code(201).send(await enroll(app, actorOf(req), req.body)));

  server.get('/api/v1/enrollments/:id', {
    config: { access: { action: 'enrollment.read', resource: 'enrollment' } },
    schema: { tags, summary: 'One enrollment with its attendance', params: idParams, response: { 200: enrollmentView } },
  }, async (req) => getEnrollment(app, actorOf(req), req.params.id));

  server.post('/api/v1/enrollments/:id/attendance', {
    config: { access: { action: 'enrollment.progress', resource: 'enrollment' } },
    schema: { tags, summary: 'Record hours attended on a day', params: idParams, body: z.strictObject({ onDate: date, hours: z.number().int(), note: z.string().max(200).nullable().optional() }), response: { 200: enrollmentView } },
  }, async (req) => recordAttendance(app, actorOf(req), req.params.id, req.body));

  server.post('/api/v1/enrollments/:id/complete', {
    config: { access: { action: 'enrollment.progress', resource: 'enrollment' } },
    schema: {
      tags, summary: 'Complete with a certificate: the skill is added to the person; a training-subsidy claim is raised when the course\'s subsidy applies',
      params: idParams, body: z.strictObject({ completedOn: date, certificateNo: z.string().max(60).nullable().optional(), certificateLevel: z.string().max(40).nullable().optional(), version: z.number().int().positive().optional() }),
      response: { 200: enrollmentView },
    },
  }, async (req) => completeEnrollment(app, actorOf(req), req.params.id, req.body));

  server.post('/api/v1/enrollments/:id/drop', {
    config: { access: { action: 'enrollment.progress', resource: 'enrollment' } },
    schema: { tags, summary: 'Record a drop-out', params: idParams, body: z.strictObject({ droppedOn: date, reason: z.string().max(200).nullable().optional(), version: z.number().int().positive().optional() }), response: { 200: enrollmentView } },
  }, async (req) => dropEnrollment(app, actorOf(req), req.params.id, req.body));
}
