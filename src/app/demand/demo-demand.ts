import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../domain/demand/credit-code.ts';
import { PUBLIC_WELFARE_MIN_INSURANCE_FEN } from '../../domain/demand/posting-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { employersRepository } from '../../store/repositories/employers.repository.ts';
import type { App } from '../context.ts';
import { checkIn, createCampaign, createEvent, recordIntention } from './campaigns.ts';
import { createEmployer } from './employers.ts';
import { postingContextLoader } from './posting-context.ts';
import { createPosting, type PostingInput } from './postings.ts';
import { inRegion } from '../../store/region-prefix.ts';

export interface DemandDemoOptions {
  /** Six-digit county code whose regions are loaded. */
  county: string;
  seed: number;
  /** Local employers to create (default 24); out-of-province employers come on top. */
  employers?: number;
  /** The day the demo is set on (YYYY-MM-DD); postings start around it. Default: 1 February of this year. */
  asOf?: string;
}

export interface DemandDemoReport {
  employers: number;
  postings: number;
  publicWelfare: number;
  temporary: number;
  outOfProvince: number;
  campaignId: number;
  events: number;
  attendance: number;
  intentions: number;
  skipped: boolean;
}

/** A small deterministic generator (mulberry32), so the same seed gives the same demo. */
function rng(seed: number) {
  let a = seed >>> 0 || 1;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}
type Rng = ReturnType<typeof rng>;

/** A valid unified social credit code: 9 (enterprise) or 1 (institution), 1, the region, 9 random characters, check character. */
function creditCode(r: Rng, region6: string, kind: '91' | '12' | '93' = '91'): string {
  let body = `${kind}${region6}`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[r.int(0, 30)];
  return body + creditCodeCheckChar(body);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const LOCAL_KINDS = [
  { name: '制衣厂', industry: '纺织服装', occupation: '6-05-01-03', title: '缝纫工', pay: [2200, 3200], workshop: true },
  { name: '食用菌种植合作社', industry: '农业', occupation: '5-01-02-03', title: '食用菌生产工', pay: [1900, 2600], workshop: true },
  { name: '建筑工程有限公司', industry: '建筑业', occupation: '6-29-01-01', title: '砌筑工', pay: [4500, 6500], workshop: false },
  { name: '物业服务有限公司', industry: '物业服务', occupation: '4-09-08-01', title: '保洁员', pay: [1900, 2300], workshop: false },
  { name: '家政服务有限公司', industry: '居民服务', occupation: '4-10-01-06', title: '家政服务员', pay: [3000, 4500], workshop: false },
  { name: '养老服务中心', industry: '卫生和社会工作', occupation: '4-10-01-05', title: '养老护理员', pay: [2600, 3400], workshop: false },
  { name: '农产品加工有限公司', industry: '农副食品加工', occupation: '6-01-06-00', title: '果蔬加工工', pay: [2000, 2800], workshop: true },
  { name: '手工艺品专业合作社', industry: '工艺品制造', occupation: '6-09-03-17', title: '手工艺品制作工', pay: [1800, 2600], workshop: true },
  { name: '物流有限公司', industry: '交通运输', occupation: '4-02-05-01', title: '装卸搬运工', pay: [3500, 5000], workshop: false },
  { name: '餐饮管理有限公司', industry: '餐饮业', occupation: '4-03-02-01', title: '中式烹调师', pay: [3200, 4500], workshop: false },
] as const;
const PREFIXES = ['恒源', '兴农', '宏达', '金穗', '润丰', '福康', '正阳', '永盛', '安居', '丰泽', '瑞祥', '汇通', '华恒', '绿源', '同心'];

/** Where the county's laborers really go: employers in other provinces' cities (codes in the NBS 2023 lists). */
const OUTSIDE = [
  { region: '440305', city: '深圳', name: '深圳市南山区某电子科技有限公司', occupation: '6-25-01-12', title: '电子装配工', pay: [4800, 6800], industry: '电子制造' },
  { region: '440306', city: '深圳', name: '深圳市宝安区某精密制造有限公司', occupation: '6-20-01-01', title: '装配钳工', pay: [5000, 7000], industry: '设备制造' },
  { region: '320583', city: '苏州', name: '昆山某光电有限公司', occupation: '6-25-01-12', title: '电子装配工', pay: [4500, 6500], industry: '电子制造' },
  { region: '370211', city: '青岛', name: '青岛黄岛某食品有限公司', occupation: '6-01-04-03', title: '肉制品加工工', pay: [4200, 5800], industry: '食品制造' },
  { region: '610116', city: '西安', name: '西安某物业管理有限公司', occupation: '4-07-05-01', title: '保安员', pay: [3200, 4200], industry: '物业服务' },
  { region: '610881', city: '神木', name: '神木某能源服务有限公司', occupation: '4-02-02-02', title: '道路货运汽车驾驶员', pay: [6500, 9000], industry: '交通运输' },
] as const;

/**
 * Creates, deterministically for a seed, the demand side of a demo county through the same use
 * cases as the API (so every record passes every rule): local employers with a mix of sizes,
 * workshops and operating states; their postings; public-welfare and temporary posts in the
 * villages; postings in other provinces' cities; and a Spring Breeze campaign with fairs. When
 * the county's ledger has people, some of them attend and state intentions.
 * Running it again for the same county finds its first employer and changes nothing.
 */
export async function generateDemandDemo(app: App, opts: DemandDemoOptions): Promise<DemandDemoReport> {
  const { county, seed } = opts;
  if (!/^\d{6}$/.test(county)) throw DomainError.invalid([{ field: 'county', code: 'region_code_format', message: 'must be a six-digit county code' }]);
  const db = app.database.db;
  const r = rng(seed);
  const asOf = opts.asOf ?? `${new Date().getUTCFullYear()}-02-01`;
  const year = asOf.slice(0, 4);
  const countyRow = await db.selectFrom('regions').select(['code', 'name']).where('code', '=', county).executeTakeFirst();
  if (!countyRow) throw DomainError.invalid([{ field: 'county', code: 'region_unknown', message: `the regions of county ${county} are not loaded` }]);
  const towns = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', county).orderBy('code').execute();
  const villages = await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 5).where('code', 'like', `${county}%`).orderBy('code').execute();
  if (!villages.length) throw DomainError.invalid([{ field: 'county', code: 'region_unknown', message: `county ${county} has no villages loaded` }]);
  const report: DemandDemoReport = { employers: 0, postings: 0, publicWelfare: 0, temporary: 0, outOfProvince: 0, campaignId: 0, events: 0, attendance: 0, intentions: 0, skipped: false };

  const firstCode = creditCode(rng(seed), county);
  if (await employersRepository.byCreditCode(db, firstCode)) return { ...report, skipped: true };

  const actor = SYSTEM_ACTOR;
  const ctxFor = await postingContextLoader(db);
  const wageAt = (region: string, date: string) => ctxFor(region, date);
  const local = opts.employers ?? 24;
  const postingIds: number[] = [];
  const villagePostingIds: number[] = [];
  const statuses = ['operating', 'operating', 'operating', 'resumed', 'resumed', 'suspended'] as const;
  const make = async (input: PostingInput & { employerId: number }) => {
    const p = await createPosting(app, actor, input);
    report.postings++;
    postingIds.push(p.id);
    return p;
  };

  for (let i = 0; i < local; i++) {
    const kind = LOCAL_KINDS[i % LOCAL_KINDS.length];
    const town = towns.length ? r.pick(towns) : countyRow;
    const status = r.pick(statuses);
    const total = r.int(8, 260);
    const isWorkshop = kind.workshop && r.next() < 0.7;
    const e = await createEmployer(app, actor, {
      name: `${countyRow.name}${PREFIXES[i % PREFIXES.length]}${kind.name}${i >= PREFIXES.length ? `（${Math.floor(i / PREFIXES.length) + 1}）` : ''}`,
      creditCode: i === 0 ? firstCode : creditCode(r, county),
      regionCode: town.code,
      address: `${town.name}${r.int(1, 200)}号`,
      industry: kind.industry,
      isSme: total < 200,
      contactName: `${r.pick(['张', '王', '李', '赵', '刘', '陈'])}经理`,
      contactPhone: `0352-${r.int(5000000, 8999999)}`,
      operatingStatus: status,
      statusDate: status === 'operating' ? null : addDays(asOf, -r.int(10, 60)),
      employeesTotal: total,
      poorEmployees: Math.floor(total * (isWorkshop ? 0.4 : 0.1) * r.next()),
      isWorkshop,
      workshopRecognizedOn: isWorkshop ? `${Number(year) - r.int(1, 4)}-0${r.int(1, 9)}-15` : null,
    });
    report.employers++;
    const start = addDays(asOf, r.int(0, 40));
    const minimum = wageAt(e.regionCode, start).minimumWageFen;
    const payMin = Math.max(kind.pay[0] * 100, minimum ?? 0);
    await make({
      employerId: e.id, title: kind.title, occupationCode: kind.occupation, postType: isWorkshop ? 'workshop' : 'regular', openings: r.int(2, 30), filled: 0,
      payMinFen: payMin, payMaxFen: Math.max(payMin, kind.pay[1] * 100), regionCode: e.regionCode, address: e.address, startDate: start, endDate: null, hours: '8:00-12:00, 14:00-18:00',
      requirements: { ageMin: 18, ageMax: r.pick([50, 55, 60]), healthCertificate: kind.occupation.startsWith('4-03') || kind.occupation.startsWith('6-01'), skills: [], certificates: [] },
      board: r.next() < 0.5, lodging: r.next() < 0.3, weakLaborOk: isWorkshop, status: status === 'suspended' ? 'draft' : 'open', description: isWorkshop ? '扶贫车间，就近就业，可照顾家庭' : '',
    });
    if (i % 3 === 0 && status !== 'suspended') {
      // A temporary post: three to six months, paid at least the minimum wage in force on its start day.
      const village = r.pick(villages);
      const tStart = addDays(asOf, r.int(20, 60));
      const floor = wageAt(village.code, tStart).minimumWageFen ?? 200000;
      await make({
        employerId: e.id, title: `临时${kind.title}`, occupationCode: kind.occupation, postType: 'temporary', openings: r.int(3, 15), payMinFen: floor + r.int(0, 4) * 10000, payMaxFen: floor + r.int(5, 12) * 10000,
        regionCode: village.code, address: `${village.name}`, startDate: tStart, endDate: addMonths(tStart, r.int(3, 6)), hours: '按班次', requirements: { ageMin: 18, ageMax: 60 }, board: true, status: 'open',
      });
      report.temporary++;
      villagePostingIds.push(postingIds[postingIds.length - 1]);
    }
  }

  // Public-welfare posts in the villages, offered by the county's human-resources bureau.
  const bureau = await createEmployer(app, actor, {
    name: `${countyRow.name}人力资源和社会保障局（公益性岗位）`, creditCode: creditCode(r, county, '12'), regionCode: county, industry: '公共管理', isSme: false, operatingStatus: 'operating', employeesTotal: 120, poorEmployees: 0,
  });
  report.employers++;
  const PUBLIC = [
    { title: '村级保洁员', occupation: '4-09-08-01' },
    { title: '护林员', occupation: '5-02-03-01' },
    { title: '乡村道路养护员', occupation: '6-29-02-04' },
    { title: '农村环境保护工', occupation: '5-05-04-00' },
  ];
  const pwVillages = [...villages].sort(() => r.next() - 0.5).slice(0, Math.min(12, villages.length));
  for (const village of pwVillages) {
    const job = r.pick(PUBLIC);
    const start = `${year}-03-01`;
    const ctx = wageAt(village.code, start);
    const cap = Math.floor((ctx.minimumWageFen ?? 0) * 0.5);
    const low = Math.max(ctx.povertyLineMonthlyFen, 50000);
    const payMax = Math.min(cap, low + r.int(2, 4) * 10000);
    await make({
      employerId: bureau.id, title: job.title, occupationCode: job.occupation, postType: 'public_welfare', openings: r.int(1, 4), payMinFen: Math.min(low, payMax), payMaxFen: payMax,
      regionCode: village.code, address: `${village.name}村委会`, startDate: start, endDate: `${year}-12-31`, hours: '每月不少于15天', requirements: { ageMin: 18, ageMax: 65 },
      weakLaborOk: true, status: 'open', accidentInsuranceFen: PUBLIC_WELFARE_MIN_INSURANCE_FEN + r.int(0, 2) * 10_000_000, description: '优先安置弱劳动力、半劳动力',
    });
    report.publicWelfare++;
    villagePostingIds.push(postingIds[postingIds.length - 1]);
  }

  // Employers in other provinces' cities, kept in the county's scope (the county office recruits for them).
  const outsideIds: number[] = [];
  for (const o of OUTSIDE) {
    const e = await createEmployer(app, actor, {
      name: o.name, creditCode: creditCode(r, o.region), regionCode: o.region, scopeCode: county, industry: o.industry, isSme: false, operatingStatus: 'operating', employeesTotal: r.int(300, 3000), poorEmployees: r.int(5, 60),
      contactName: '招聘专员', contactPhone: `0${r.int(100, 999)}-${r.int(5000000, 8999999)}`,
    });
    report.employers++;
    const p = await make({
      employerId: e.id, title: o.title, occupationCode: o.occupation, postType: 'regular', openings: r.int(20, 120), payMinFen: o.pay[0] * 100, payMaxFen: o.pay[1] * 100, regionCode: o.region,
      startDate: addDays(asOf, r.int(10, 40)), hours: '两班倒，每天8小时', requirements: { ageMin: 18, ageMax: 45, healthCertificate: true }, board: true, lodging: true, status: 'open', description: `${o.city}点对点输送，往返路费可申请交通补贴`,
    });
    outsideIds.push(p.id);
    report.outOfProvince++;
  }

  // The Spring Breeze Action: an on-site fair in the county seat, an online fair, caravan visits to villages.
  const campaign = await createCampaign(app, actor, { name: `${year}年${countyRow.name}春风行动`, regionCode: county, startsOn: `${year}-02-01`, endsOn: `${year}-04-30`, description: '春风行动暨就业援助月：送岗位、送政策、送服务到村到户' });
  report.campaignId = campaign.id;
  const seat = towns[0] ?? countyRow;
  const events = [
    await createEvent(app, actor, campaign.id, { kind: 'onsite_fair', name: `${countyRow.name}春风行动专场招聘会`, regionCode: seat.code, place: `${seat.name}人力资源市场`, heldOn: `${year}-02-18`, postingIds: postingIds.slice(0, 40) }),
    await createEvent(app, actor, campaign.id, { kind: 'online_fair', name: '东西部劳务协作网络招聘会', regionCode: county, place: '线上直播', heldOn: `${year}-02-25`, postingIds: outsideIds }),
  ];
  for (const village of pwVillages.slice(0, 3)) {
    events.push(await createEvent(app, actor, campaign.id, { kind: 'caravan', name: `就业大篷车进${village.name}`, regionCode: village.code, place: `${village.name}村委会广场`, heldOn: `${year}-03-0${events.length + 1}`, postingIds: [...villagePostingIds.slice(0, 6), ...outsideIds.slice(0, 3)] }));
  }
  report.events = events.length;

  // When the ledger already holds the county's people, a few of them come to the fairs.
  const people = await db.selectFrom('persons').select(['id', 'village_code']).where((eb) => inRegion(eb, 'village_code', county)).where('deleted_at', 'is', null).orderBy('id').limit(400).execute();
  for (const ev of events) {
    const here = people.filter((p) => p.village_code.startsWith(ev.regionCode));
    for (let k = 0; k < Math.min(here.length, ev.kind === 'caravan' ? 12 : 25); k++) {
      const person = here[r.int(0, here.length - 1)];
      const a = await checkIn(app, actor, campaign.id, ev.id, Number(person.id));
      if (a.created) report.attendance++;
      if (ev.postingIds.length && r.next() < 0.4) {
        const i = await recordIntention(app, actor, campaign.id, ev.id, { personId: Number(person.id), postingId: r.pick(ev.postingIds) });
        if (i.created) report.intentions++;
      }
    }
  }
  return report;
}
