import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatch } from '../../src/app/matching/match-run.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { seedEmployer, seedPerson, seedPosting } from './seed.ts';

const run = promisify(execFile);

describe.each(ENGINES)('matching: batch run on %s', (engine) => {
  let t: TestApp;
  const people: number[] = [];
  const postings: number[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine);
    const employer = await seedEmployer(t.app);
    // Two cleaner places in the village and one in the county; four cleaners and a welder nearby.
    postings.push(await seedPosting(t.app, employer, { regionCode: '140225100218', openings: 2 }));
    postings.push(await seedPosting(t.app, employer, { regionCode: '140225', openings: 1, payMinYuan: 3000, payMaxYuan: 3000 }));
    postings.push(await seedPosting(t.app, employer, { regionCode: '140225', occupationCode: '6-18-02-04', openings: 1 }));
    postings.push(await seedPosting(t.app, employer, { regionCode: '141127', openings: 5 })); // another county: nobody's scope reaches it
    for (let i = 0; i < 4; i++) people.push(await seedPerson(t.app, { villageCode: i < 2 ? '140225100218' : '140225101001', zeroEmployment: i === 3 }));
    people.push(await seedPerson(t.app, { jobWishTypes: [], skills: [{ occupation: '6-18-02-04', certificate: null, level: null }] }));
    await seedPerson(t.app, { villageCode: '141127100003' }); // outside the region of the run
  });
  afterAll(async () => t?.close());

  it('solves without writing anything on a dry run', async () => {
    const s = await runMatch(t.app, SYSTEM_ACTOR, { region: '140225' });
    expect(s).toMatchObject({ committed: false, people: 5, postings: 3, places: 4, assigned: 4, referralsCreated: 0, provenOptimal: true });
    expect(s.arcs).toBe(4 * 2 + 1);
    // The optimum puts the two village people in the village and the zero-employment household's member in the county post.
    const byPerson = new Map(s.assignments.map((a) => [a.personId, a.postingId]));
    expect(byPerson.get(people[0])).toBe(postings[0]);
    expect(byPerson.get(people[1])).toBe(postings[0]);
    expect(byPerson.get(people[3])).toBe(postings[1]);
    expect(byPerson.get(people[4])).toBe(postings[2]);
    expect(s.totalScore).toBeGreaterThanOrEqual(s.greedyScore);
    const n = await t.app.database.db.selectFrom('referrals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('gives the same answer in a worker thread', async () => {
    const inline = await runMatch(t.app, SYSTEM_ACTOR, { region: '140225', worker: false });
    const threaded = await runMatch(t.app, SYSTEM_ACTOR, { region: '140225', worker: true });
    expect(threaded.worker).toBe(true);
    expect(threaded.assignments).toEqual(inline.assignments);
    expect(threaded.totalScore).toBe(inline.totalScore);
  });

  it('writes referrals in recommended state on commit, and a re-run adds none', async () => {
    const s = await runMatch(t.app, SYSTEM_ACTOR, { region: '140225', commit: true });
    expect(s).toMatchObject({ committed: true, assigned: 4, referralsCreated: 4 });
    const rows = await t.app.database.db.selectFrom('referrals').selectAll().execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toMatchObject({ status: 'recommended', source: 'batch', match_run: s.runId });
    const steps = await t.app.database.db.selectFrom('referral_steps').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(steps.n)).toBe(4);
    const again = await runMatch(t.app, SYSTEM_ACTOR, { region: '140225', commit: true });
    expect(again).toMatchObject({ people: 1, peopleWithOpenReferrals: 4, places: 0, assigned: 0, referralsCreated: 0 });
    expect(await t.app.database.db.selectFrom('referrals').selectAll().execute()).toHaveLength(4);
    const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'match.run').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a malformed region and a region outside the caller’s scope', async () => {
    await expect(runMatch(t.app, SYSTEM_ACTOR, { region: '1402x' })).rejects.toMatchObject({ code: 'validation_failed' });
    const county = { userId: 9, username: 'c', role: 'county_officer' as const, regionCode: '140225', employerId: null };
    await expect(runMatch(t.app, county, { region: '141127' })).rejects.toMatchObject({ code: 'out_of_scope' });
    const town = { ...county, role: 'town_commissioner' as const, regionCode: '140225100' };
    await expect(runMatch(t.app, town, { region: '140225100' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it.runIf(engine === 'sqlite')('is the `jiuye match run` command, with a text and a JSON summary', async () => {
    const env = { ...process.env, JIUYE_DATA_DIR: t.app.config.dataDir };
    const text = await run('node', ['bin/jiuye.mjs', '--db', t.app.config.databaseUrl, 'match', 'run', '--region', '140225'], { env });
    expect(text.stdout).toMatch(/dry run/);
    expect(text.stdout).toMatch(/assigned\s+0/);
    const json = await run('node', ['bin/jiuye.mjs', '--db', t.app.config.databaseUrl, 'match', 'run', '--region', '140225', '--json'], { env });
    const s = JSON.parse(json.stdout);
    expect(s).toMatchObject({ region: '140225', committed: false, people: 1, arcs: expect.any(Number), assigned: 0, totalScore: 0, solveMs: expect.any(Number) });
    const bad = await run('node', ['bin/jiuye.mjs', '--db', t.app.config.databaseUrl, 'match', 'run', '--region', 'x'], { env }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/region/);
  });
});
