import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemandDemo, type DemandDemoReport } from '../../src/app/demand/demo-demand.ts';
import { postingContextLoader } from '../../src/app/demand/posting-context.ts';
import { creditCodeProblem } from '../../src/domain/demand/credit-code.ts';
import { checkEmployer } from '../../src/domain/demand/employer-rules.ts';
import { checkPosting } from '../../src/domain/demand/posting-rules.ts';
import { decodeEmployer } from '../../src/store/repositories/employers.repository.ts';
import { decodePosting } from '../../src/store/repositories/postings.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';

const COUNTY = '140225';

async function snapshot(t: TestApp) {
  const db = t.app.database.db;
  const employers = (await db.selectFrom('employers').selectAll().orderBy('id').execute()).map(decodeEmployer);
  const postings = (await db.selectFrom('postings').selectAll().orderBy('id').execute()).map(decodePosting);
  return { employers, postings };
}

describe.each(ENGINES)('demand demo on %s', (engine) => {
  let t: TestApp;
  let report: DemandDemoReport;
  beforeAll(async () => {
    t = await createTestApp(engine);
    report = await generateDemandDemo(t.app, { county: COUNTY, seed: 7, asOf: '2026-02-01' });
  });
  afterAll(async () => t?.close());

  it('creates employers, postings of every kind and a campaign with fairs', () => {
    expect(report.employers).toBeGreaterThanOrEqual(24 + 1 + 5);
    expect(report.publicWelfare).toBeGreaterThan(0);
    expect(report.temporary).toBeGreaterThan(0);
    expect(report.outOfProvince).toBeGreaterThanOrEqual(5);
    expect(report.events).toBeGreaterThanOrEqual(3);
  });

  it('obeys every rule: credit codes, employer rules and the post-type rules in force', async () => {
    const { employers, postings } = await snapshot(t);
    const ctxFor = await postingContextLoader(t.app.database.db);
    for (const e of employers) {
      expect(creditCodeProblem(e.creditCode), e.creditCode).toBeNull();
      expect(checkEmployer(e), e.name).toEqual([]);
      expect(e.scopeCode.startsWith(COUNTY), e.name).toBe(true);
    }
    for (const p of postings) expect(checkPosting(p, ctxFor(p.regionCode, p.startDate)), `${p.title} ${p.postType}`).toEqual([]);
    const statuses = new Set(employers.map((e) => e.operatingStatus));
    expect([...statuses].sort()).toEqual(['operating', 'resumed', 'suspended']);
    expect(employers.some((e) => e.isSme) && employers.some((e) => !e.isSme)).toBe(true);
    expect(employers.some((e) => e.isWorkshop)).toBe(true);
    const villageTypes = new Set(postings.filter((p) => p.regionCode.length === 12 && p.regionCode.startsWith(COUNTY)).map((p) => p.postType));
    expect(villageTypes).toEqual(new Set(['public_welfare', 'temporary']));
    const provinces = new Set(postings.map((p) => p.regionCode.slice(0, 2)));
    expect([...provinces].sort()).toEqual(['14', '32', '37', '44', '61']);
  });

  it('is the same for the same seed, and a second run changes nothing', async () => {
    const before = await snapshot(t);
    expect((await generateDemandDemo(t.app, { county: COUNTY, seed: 7, asOf: '2026-02-01' })).skipped).toBe(true);
    expect((await snapshot(t)).postings.length).toBe(before.postings.length);
    if (engine !== 'sqlite') return;
    const other = await createTestApp(engine);
    try {
      await generateDemandDemo(other.app, { county: COUNTY, seed: 7, asOf: '2026-02-01' });
      const again = await snapshot(other);
      expect(again.employers.map((e) => [e.creditCode, e.name, e.operatingStatus])).toEqual(before.employers.map((e) => [e.creditCode, e.name, e.operatingStatus]));
      expect(again.postings.map((p) => [p.title, p.payMinFen, p.regionCode])).toEqual(before.postings.map((p) => [p.title, p.payMinFen, p.regionCode]));
    } finally {
      await other.close();
    }
  });
});
