import { Client } from '../support/http.ts';
import { patient, seedHouseholds } from '../field-training/seed.ts';
import type { AccessFixture, Probe, Setup } from './fixture.ts';
import { COUNTY_A, COUNTY_B } from './fixture.ts';

/**
 * County B runs a verification round (a team, a village, tasks, a visit and an open conflict) and a
 * course with an enrollment of one of its people. Officer A probes every route; a field verifier
 * of county A (in no team of B's round) and a trainer of another provider probe the routes they
 * could reach by role, and must see nothing of B either.
 */
const others: { verifierA?: Client; trainerA?: Client } = {};
const ROUND = '/api/v1/verification-rounds';

async function login(f: AccessFixture, username: string): Promise<Client> {
  const c = patient(new Client(f.server));
  await c.login(username, `${username}-pass-1`);
  return c;
}

async function must(r: { status: number; body: any }, what: string, status = [200, 201]) {
  if (!status.includes(r.status)) throw new Error(`field-training setup: ${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const fieldTrainingSetup: Setup = async (f) => {
  const app = f.server.jiuye;
  const village = (await app.database.db.selectFrom('regions').select('code').where('level', '=', 5).where('code', 'like', `${COUNTY_B}%`).where('code', '!=', '141127100200').orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
  const [h1, h2] = await seedHouseholds(app, village, 2, { trainingWish: '4-10-01-06' });
  f.ids.ftPersonB = h1.personIds[0];

  const vb = await must(await f.officerB.post('/api/v1/users', { username: 'ft-verifier-b', password: 'ft-verifier-b-pass-1', role: 'field_verifier', regionCode: COUNTY_B }), 'verifier B');
  await must(await f.admin.post('/api/v1/users', { username: 'ft-verifier-a', password: 'ft-verifier-a-pass-1', role: 'field_verifier', regionCode: COUNTY_A }), 'verifier A');
  const round = await must(await f.officerB.post(ROUND, { name: '岚县2020年3月核查' }), 'round');
  f.ids.roundB = round.id;
  f.ids.roundBVersion = round.version;
  const team = await must(await f.officerB.post(`${ROUND}/${round.id}/teams`, { name: '岚县一组', memberIds: [vb.id] }), 'team');
  f.ids.teamB = team.id;
  await must(await f.officerB.post(`${ROUND}/${round.id}/assignments`, { teamId: team.id, villageCodes: [village] }), 'assignment');
  const verifierB = await login(f, 'ft-verifier-b');
  const tasks = (await must(await verifierB.get(`${ROUND}/${round.id}/tasks`), 'download')).items;
  const t1 = tasks.find((t: any) => t.householdId === h1.householdId);
  const t2 = tasks.find((t: any) => t.householdId === h2.householdId);
  f.ids.taskB = t1.id;
  f.ids.taskB2 = t2.id;
  await must(await verifierB.post(`${ROUND}/${round.id}/visits`, { taskId: t1.id, visitedAt: '2020-03-10T02:00:00Z', persons: [{ personId: h1.personIds[0], version: 1, outcome: 'verified' }] }, { 'idempotency-key': 'ft-probe-visit-1' }), 'visit');
  await app.database.db.updateTable('persons').set({ employer_name: '岚县某厂', version: 2 }).where('id', '=', h2.personIds[0]).execute();
  const stale = await must(await verifierB.post(`${ROUND}/${round.id}/visits`, { taskId: t2.id, visitedAt: '2020-03-10T03:00:00Z', persons: [{ personId: h2.personIds[0], version: 1, outcome: 'working_away' }] }, { 'idempotency-key': 'ft-probe-visit-2' }), 'stale visit');
  f.ids.conflictB = stale.conflicts[0].conflictId;
  f.ids.personB2 = h2.personIds[0];

  const trainerB = await must(await f.officerB.post('/api/v1/users', { username: 'ft-trainer-b', password: 'ft-trainer-b-pass-1', role: 'trainer', regionCode: COUNTY_B }), 'trainer B');
  const trainerA = await must(await f.officerA.post('/api/v1/users', { username: 'ft-trainer-a', password: 'ft-trainer-a-pass-1', role: 'trainer', regionCode: COUNTY_A }), 'trainer A');
  f.ids.trainerA = trainerA.id;
  const providerB = await must(await f.officerB.post('/api/v1/training-providers', { name: '岚县培训学校' }), 'provider B');
  f.ids.providerB = providerB.id;
  await must(await f.officerB.post(`/api/v1/training-providers/${providerB.id}/accounts`, { userId: trainerB.id }), 'link B');
  const providerA = await must(await f.officerA.post('/api/v1/training-providers', { name: '浑源培训学校' }), 'provider A');
  await must(await f.officerA.post(`/api/v1/training-providers/${providerA.id}/accounts`, { userId: trainerA.id }), 'link A');
  const course = await must(await f.officerB.post('/api/v1/courses', { providerId: providerB.id, title: '岚县家政班', occupationCode: '4-10-01-06', mode: 'offline', hours: 40, startsOn: '2020-04-01', endsOn: '2020-04-20', place: '岚县职教中心', capacity: 30, subsidyApplies: false }), 'course');
  f.ids.courseB = course.id;
  const enrolled = await must(await f.officerB.post('/api/v1/enrollments', { courseId: course.id, personId: h1.personIds[1] }), 'enrollment');
  f.ids.enrollmentB = enrolled.id;
  const done = await must(await f.officerB.post('/api/v1/enrollments', { courseId: course.id, personId: h1.personIds[0] }), 'enrollment 2');
  await must(await f.officerB.post(`/api/v1/enrollments/${done.id}/complete`, { completedOn: '2020-04-20', certificateNo: 'LX-1' }), 'completion');

  others.verifierA = await login(f, 'ft-verifier-a');
  others.trainerA = await login(f, 'ft-trainer-a');
};

const hasB = (items: any[] | undefined) => (items ?? []).some((x) => String(x.countyCode ?? x.regionCode ?? x.villageCode ?? '').startsWith(COUNTY_B));
const ok = (r: { status: number }) => r.status >= 200 && r.status < 300;

async function roundB(f: AccessFixture) {
  return (await f.officerB.get(`${ROUND}/${f.ids.roundB}`)).body;
}
async function enrollmentB(f: AccessFixture) {
  return (await f.officerB.get(`/api/v1/enrollments/${f.ids.enrollmentB}`)).body;
}

/** A read of one of B's round sub-resources: refused for officer A and for a verifier of another team. */
const roundRead = (sub: string): Probe => ({
  kind: 'scoped',
  probe: async (f) => {
    const res = await f.officerA.get(`${ROUND}/${f.ids.roundB}${sub}`);
    const byVerifier = await others.verifierA!.get(`${ROUND}/${f.ids.roundB}${sub}`);
    return { res, leaked: ok(byVerifier) };
  },
});

const enrollmentWrite = (sub: string, body: unknown): Probe => ({
  kind: 'scoped',
  probe: async (f) => {
    const before = await enrollmentB(f);
    const res = await f.officerA.post(`/api/v1/enrollments/${f.ids.enrollmentB}${sub}`, body);
    const byTrainer = await others.trainerA!.post(`/api/v1/enrollments/${f.ids.enrollmentB}${sub}`, body);
    const after = await enrollmentB(f);
    return { res, leaked: ok(byTrainer) || after.version !== before.version };
  },
});

export const fieldTrainingProbes: Record<string, Probe> = {
  'GET /api/v1/verification-rounds': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`${ROUND}?region=${COUNTY_B}`);
      const own = await f.officerA.get(ROUND);
      const verifier = await others.verifierA!.get(ROUND);
      return { res, leaked: hasB(own.body.items) || hasB(verifier.body.items) };
    },
  },
  'POST /api/v1/verification-rounds': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(ROUND, { name: 'intruder round', countyCode: COUNTY_B });
      return { res, leaked: (await f.officerB.get(ROUND)).body.items.some((r: any) => r.name === 'intruder round') };
    },
  },
  'GET /api/v1/verification-rounds/:id': roundRead(''),
  'GET /api/v1/verification-rounds/:id/teams': roundRead('/teams'),
  'GET /api/v1/verification-rounds/:id/assignments': roundRead('/assignments'),
  'GET /api/v1/verification-rounds/:id/tasks': roundRead('/tasks'),
  'GET /api/v1/verification-rounds/:id/visits': roundRead('/visits'),
  'GET /api/v1/verification-rounds/:id/progress': roundRead('/progress'),
  'GET /api/v1/verification-rounds/:id/conflicts': roundRead('/conflicts'),
  'POST /api/v1/verification-rounds/:id/teams': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`${ROUND}/${f.ids.roundB}/teams`, { name: 'intruder team', memberIds: [] });
      return { res, leaked: (await f.officerB.get(`${ROUND}/${f.ids.roundB}/teams`)).body.items.some((t: any) => t.name === 'intruder team') };
    },
  },
  'PATCH /api/v1/verification-rounds/:id/teams/:teamId': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(`${ROUND}/${f.ids.roundB}/teams/${f.ids.teamB}`, { name: 'renamed by A', memberIds: [] });
      const teams = (await f.officerB.get(`${ROUND}/${f.ids.roundB}/teams`)).body.items;
      return { res, leaked: teams.some((t: any) => t.name === 'renamed by A' || t.members.length === 0) };
    },
  },
  'POST /api/v1/verification-rounds/:id/assignments': {
    kind: 'scoped',
    probe: async (f) => {
      const before = (await f.officerB.get(`${ROUND}/${f.ids.roundB}/assignments`)).body.items.length;
      const res = await f.officerA.post(`${ROUND}/${f.ids.roundB}/assignments`, { teamId: f.ids.teamB, villageCodes: ['141127100200'] });
      const after = (await f.officerB.get(`${ROUND}/${f.ids.roundB}/assignments`)).body.items.length;
      return { res, leaked: after !== before };
    },
  },
  'POST /api/v1/verification-rounds/:id/visits': {
    kind: 'scoped',
    probe: async (f) => {
      const body = { taskId: f.ids.taskB2, visitedAt: '2020-03-11T02:00:00Z', persons: [{ personId: f.ids.personB2, version: 2, outcome: 'deceased' }] };
      const res = await f.officerA.post(`${ROUND}/${f.ids.roundB}/visits`, body, { 'idempotency-key': 'ft-probe-intrude-1' });
      const byVerifier = await others.verifierA!.post(`${ROUND}/${f.ids.roundB}/visits`, body, { 'idempotency-key': 'ft-probe-intrude-2' });
      const replay = await others.verifierA!.post(`${ROUND}/${f.ids.roundB}/visits`, body, { 'idempotency-key': 'ft-probe-visit-1' });
      const visits = (await f.officerB.get(`${ROUND}/${f.ids.roundB}/visits`)).body.items;
      return { res, leaked: ok(byVerifier) || ok(replay) || visits.length !== 2 };
    },
  },
  'POST /api/v1/verification-rounds/:id/conflicts/:conflictId/resolve': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`${ROUND}/${f.ids.roundB}/conflicts/${f.ids.conflictB}/resolve`, { choices: { verificationStatus: 'field' } });
      const open = (await f.officerB.get(`${ROUND}/${f.ids.roundB}/conflicts`)).body.items;
      return { res, leaked: !open.some((c: any) => c.id === f.ids.conflictB) };
    },
  },
  'POST /api/v1/verification-rounds/:id/close': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`${ROUND}/${f.ids.roundB}/close`, { version: f.ids.roundBVersion });
      return { res, leaked: (await roundB(f)).status !== 'open' };
    },
  },

  'GET /api/v1/training-providers': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/training-providers?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/training-providers');
      const trainer = await others.trainerA!.get('/api/v1/training-providers');
      return { res, leaked: hasB(own.body.items) || hasB(trainer.body.items) };
    },
  },
  'POST /api/v1/training-providers': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post('/api/v1/training-providers', { name: 'intruder school', regionCode: COUNTY_B });
      return { res, leaked: (await f.officerB.get('/api/v1/training-providers')).body.items.some((p: any) => p.name === 'intruder school') };
    },
  },
  'POST /api/v1/training-providers/:id/accounts': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.post(`/api/v1/training-providers/${f.ids.providerB}/accounts`, { userId: f.ids.trainerA });
      const p = (await f.officerB.get('/api/v1/training-providers')).body.items.find((x: any) => x.id === f.ids.providerB);
      return { res, leaked: p.accounts.some((a: any) => a.userId === f.ids.trainerA) };
    },
  },
  'GET /api/v1/courses': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/courses?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/courses');
      const trainer = await others.trainerA!.get('/api/v1/courses');
      return { res, leaked: hasB(own.body.items) || hasB(trainer.body.items) };
    },
  },
  'POST /api/v1/courses': {
    kind: 'scoped',
    probe: async (f) => {
      const body = { providerId: f.ids.providerB, title: 'intruder course', occupationCode: '4-10-01-06', mode: 'online', hours: 10, startsOn: '2020-05-01', endsOn: '2020-05-02', onlinePlatform: 'x', regionCode: COUNTY_B, capacity: 5 };
      const res = await f.officerA.post('/api/v1/courses', body);
      const byTrainer = await others.trainerA!.post('/api/v1/courses', body);
      const list = (await f.officerB.get('/api/v1/courses')).body.items;
      return { res, leaked: ok(byTrainer) || list.some((c: any) => c.title === 'intruder course') };
    },
  },
  'GET /api/v1/courses/outcomes': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/courses/outcomes?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/courses/outcomes');
      const trainer = await others.trainerA!.get('/api/v1/courses/outcomes');
      return { res, leaked: own.body.total.completed > 0 || trainer.body.total.completed > 0 };
    },
  },
  'GET /api/v1/courses/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/courses/${f.ids.courseB}`);
      return { res, leaked: ok(await others.trainerA!.get(`/api/v1/courses/${f.ids.courseB}`)) };
    },
  },
  'PATCH /api/v1/courses/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.patch(`/api/v1/courses/${f.ids.courseB}`, { version: 1, capacity: 1 });
      const byTrainer = await others.trainerA!.patch(`/api/v1/courses/${f.ids.courseB}`, { version: 1, capacity: 1 });
      const c = (await f.officerB.get(`/api/v1/courses/${f.ids.courseB}`)).body;
      return { res, leaked: ok(byTrainer) || c.capacity !== 30 };
    },
  },
  'GET /api/v1/courses/:id/targets': {
    kind: 'scoped',
    probe: async (f) => ({ res: await f.officerA.get(`/api/v1/courses/${f.ids.courseB}/targets`), leaked: false }),
  },
  'GET /api/v1/enrollments': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/enrollments?region=${COUNTY_B}`);
      const own = await f.officerA.get('/api/v1/enrollments');
      const byCourse = await f.officerA.get(`/api/v1/enrollments?courseId=${f.ids.courseB}`);
      const trainer = await others.trainerA!.get('/api/v1/enrollments');
      return { res, leaked: [own, byCourse, trainer].some((r) => (r.body.items ?? []).length > 0) };
    },
  },
  'POST /api/v1/enrollments': {
    kind: 'scoped',
    probe: async (f) => {
      const before = (await f.officerB.get(`/api/v1/courses/${f.ids.courseB}`)).body.enrolled;
      const res = await f.officerA.post('/api/v1/enrollments', { courseId: f.ids.courseB, personId: f.ids.ftPersonB });
      const after = (await f.officerB.get(`/api/v1/courses/${f.ids.courseB}`)).body.enrolled;
      return { res, leaked: after !== before };
    },
  },
  'GET /api/v1/enrollments/:id': {
    kind: 'scoped',
    probe: async (f) => {
      const res = await f.officerA.get(`/api/v1/enrollments/${f.ids.enrollmentB}`);
      return { res, leaked: ok(await others.trainerA!.get(`/api/v1/enrollments/${f.ids.enrollmentB}`)) };
    },
  },
  'POST /api/v1/enrollments/:id/attendance': enrollmentWrite('/attendance', { onDate: '2020-04-02', hours: 4 }),
  'POST /api/v1/enrollments/:id/complete': enrollmentWrite('/complete', { completedOn: '2020-04-20' }),
  'POST /api/v1/enrollments/:id/drop': enrollmentWrite('/drop', { droppedOn: '2020-04-05' }),
};
