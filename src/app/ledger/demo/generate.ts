import { BUILTIN_OCCUPATIONS } from '../../../domain/occupations/catalog.ts';
import { makeIdNumber } from '../../../domain/ledger/id-number.ts';
import { COL, COLUMN_COUNT } from '../import/template.ts';

/**
 * Synthetic but believable households for a real county: the demo ledger, the benchmarks and the
 * tests all read this one generator. Deterministic for a seed; rows come out as spreadsheet cells of
 * the standard template (Chinese labels), so they take exactly the path an imported file takes.
 */

/** sfc32: small, fast and good enough for synthetic data; seeded so the same seed gives the same ledger. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed * 7;
  let c = 0xb7e15162 ^ (seed << 3);
  let d = 1;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

type Weighted<T> = readonly (readonly [T, number])[];

function picker(rnd: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const weighted = <T>(items: Weighted<T>): T => {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = rnd() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1][0];
  };
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  return { pick, weighted, int, chance: (p: number) => rnd() < p };
}

// The most common surnames of northern Shanxi, weighted roughly by frequency.
const SURNAMES: Weighted<string> = [
  ['王', 90], ['李', 80], ['张', 75], ['刘', 60], ['赵', 40], ['杨', 35], ['郭', 30], ['高', 28], ['陈', 25], ['武', 22],
  ['梁', 20], ['马', 20], ['贾', 18], ['田', 18], ['韩', 16], ['孙', 16], ['任', 15], ['霍', 12], ['薛', 12], ['乔', 12],
  ['白', 11], ['吴', 10], ['胡', 10], ['郝', 10], ['段', 9], ['侯', 9], ['牛', 8], ['闫', 8], ['冯', 8], ['安', 7],
  ['周', 7], ['徐', 7], ['常', 6], ['康', 6], ['崔', 6], ['温', 5], ['宋', 5], ['邢', 4], ['曹', 4], ['尹', 4],
];
const MALE_CHARS = '建国军伟强志明海平刚永红文华庆福林生忠宝亮东俊鹏飞斌旺喜德成春杰荣兴旭涛磊彬宇浩'.split('');
const FEMALE_CHARS = '秀英兰芳玉梅桂珍丽霞娟红艳琴凤翠花燕莉萍丹敏静慧婷雪芬巧娥月彩'.split('');

const EMPLOYERS_COUNTY = ['恒山建筑工程有限公司', '黄芪产业扶贫车间', '万家福超市', '永安物业服务有限公司', '旅游景区管理处', '众兴食用菌合作社', '宏达运输有限公司'];
const EMPLOYERS_PROVINCE = ['大同煤矿集团物业公司', '太原市城建集团有限公司', '大同市云冈区好家政服务中心', '朔州市同盛食品有限公司', '太原富士康科技工业园'];
const EMPLOYERS_OUTSIDE = ['北京鸿运保洁服务有限公司', '天津滨海新区建工集团', '河北雄安建设投资有限公司', '内蒙古包头市钢城物业', '苏州工业园区电子装配厂', '深圳市宝安区鞋业有限公司', '浙江义乌小商品物流园'];
const OCCUPATION_NAMES = BUILTIN_OCCUPATIONS.map((o) => o.zh);
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '176', '177', '180', '182', '183', '185', '186', '187', '188', '189', '191', '195', '199'];

export interface DemoOptions {
  /** Village codes of the county (12 digits), in a stable order. */
  villages: string[];
  /** Six-digit county code the ID numbers start with. */
  county: string;
  /** The county's name, which local employers carry (浑源县 when not given). */
  countyName?: string;
  households: number;
  seed: number;
  /** Ages are reckoned on this date; the wishes sit around March 2020 as in the field reports. */
  today?: string;
}

const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Yields one template row (cells in canonical column order) per person, household by household.
 * Every ID number is valid and unique within the run: the county's own code, a plausible birth date,
 * a sequence whose parity matches the gender, and the right check character.
 */
export function* generateDemoRows(o: DemoOptions): Generator<string[]> {
  if (!o.villages.length) throw new Error(`no villages loaded for county ${o.county}`);
  const rnd = prng(o.seed);
  const { pick, weighted, int, chance } = picker(rnd);
  const todayMs = Date.parse(`${o.today ?? '2020-03-01'}T00:00:00Z`);
  const usedIds = new Set<number>();
  const perVillage = new Map<string, number>();
  const wishStart = Date.parse('2020-02-10T00:00:00Z');
  const countyName = o.countyName ?? '浑源县';
  const countyEmployers = EMPLOYERS_COUNTY.map((e) => countyName + e);

  const idFor = (age: number, male: boolean): string => {
    for (;;) {
      const birth = todayMs - (age * 365.25 + int(0, 364)) * DAY;
      const day = Math.floor(birth / DAY);
      let seq = int(0, 999);
      if ((seq % 2 === 1) !== male) seq = (seq + 1) % 1000;
      const key = day * 1000 + seq;
      if (usedIds.has(key)) continue;
      usedIds.add(key);
      return makeIdNumber(o.county, isoDay(day * DAY), seq);
    }
  };
  const givenName = (male: boolean) => {
    const chars = male ? MALE_CHARS : FEMALE_CHARS;
    return chance(0.22) ? pick(chars) : pick(chars) + pick(chars);
  };

  for (let h = 0; h < o.households; h++) {
    const village = o.villages[Math.floor(rnd() * o.villages.length)];
    const n = (perVillage.get(village) ?? 0) + 1;
    perVillage.set(village, n);
    const householdNo = `${village}${String(n).padStart(5, '0')}`;
    const category = weighted([['脱贫户', 55], ['监测户', 10], ['一般户', 35]] as const);
    const subtype = category === '监测户' ? weighted([['脱贫不稳定户', 40], ['边缘易致贫户', 42], ['突发严重困难户', 18]] as const) : '';
    const relocated = category !== '一般户' && chance(0.14) ? '是' : '否';
    const surname = weighted(SURNAMES);
    const headAge = int(24, 72);
    const headMale = chance(0.86);

    const members: { relation: string; age: number; male: boolean; surname: string }[] = [{ relation: '户主', age: headAge, male: headMale, surname }];
    if (chance(0.82)) members.push({ relation: '配偶', age: Math.max(20, headAge + int(-4, 3)), male: !headMale, surname: weighted(SURNAMES) });
    const kids = headAge < 30 ? int(0, 1) : weighted([[0, 10], [1, 35], [2, 40], [3, 15]] as const);
    for (let k = 0; k < kids; k++) {
      const age = headAge - int(22, 32);
      if (age >= 16) members.push({ relation: '子女', age, male: chance(0.52), surname });
    }
    if (headAge < 45 && chance(0.25)) members.push({ relation: '父母', age: Math.min(75, headAge + int(22, 30)), male: chance(0.45), surname });

    for (const m of members) {
      const row: string[] = new Array(COLUMN_COUNT).fill('');
      row[COL.household_no] = householdNo;
      row[COL.relation] = m.relation;
      row[COL.name] = m.surname + givenName(m.male);
      row[COL.id_number] = idFor(m.age, m.male);
      row[COL.phone] = m.age < 70 && chance(0.86) ? pick(PHONE_PREFIXES) + String(int(0, 99_999_999)).padStart(8, '0') : '';
      row[COL.village_code] = village;
      row[COL.household_category] = category;
      row[COL.monitored_subtype] = subtype;
      row[COL.relocated] = relocated;
      const young = m.age < 35;
      row[COL.education] = weighted(
        young
          ? ([['小学', 8], ['初中', 45], ['高中', 18], ['中专或技校', 16], ['大专', 9], ['本科及以上', 4]] as const)
          : m.age < 55
            ? ([['文盲或半文盲', 4], ['小学', 30], ['初中', 48], ['高中', 12], ['中专或技校', 6]] as const)
            : ([['文盲或半文盲', 18], ['小学', 52], ['初中', 26], ['高中', 4]] as const),
      );
      const capacity = m.age >= 65
        ? weighted([['弱劳动力或半劳动力', 55], ['无劳动力', 45]] as const)
        : weighted([['普通劳动力', 64], ['技能劳动力', 16], ['弱劳动力或半劳动力', 13], ['无劳动力', 7]] as const);
      row[COL.labor_capacity] = capacity;
      const skillCount = capacity === '技能劳动力' ? int(1, 2) : capacity === '普通劳动力' && chance(0.25) ? 1 : 0;
      const skills: string[] = [];
      for (let s = 0; s < skillCount; s++) {
        const name = pick(OCCUPATION_NAMES);
        if (skills.some((x) => x.startsWith(name))) continue;
        const level = capacity === '技能劳动力' ? weighted([['初级', 60], ['中级', 32], ['高级', 8]] as const) : '';
        const cert = level && chance(0.5) ? `:SX${int(2012, 2019)}${String(int(1, 99_999)).padStart(5, '0')}` : '';
        skills.push(`${name}${level ? `(${level})` : ''}${cert}`);
      }
      row[COL.skills] = skills.join('、');
      const status =
        capacity === '无劳动力'
          ? '未就业无意愿'
          : weighted([['县内务工', 20], ['省内县外务工', 13], ['省外务工', 19], ['自主创业', 5], ['公益性岗位', capacity === '弱劳动力或半劳动力' ? 20 : 4], ['未就业有意愿', 26], ['未就业无意愿', 13]] as const);
      row[COL.employment_status] = status;
      const [employers, pay]: [string[], [number, number]] | [null, null] =
        status === '县内务工' ? [countyEmployers, [1800, 3600]]
          : status === '省内县外务工' ? [EMPLOYERS_PROVINCE, [2500, 4800]]
            : status === '省外务工' ? [EMPLOYERS_OUTSIDE, [3500, 7500]]
              : status === '公益性岗位' ? [[`${countyName}乡村公益岗`], [600, 1200]]
                : status === '自主创业' ? [[''], [1500, 6000]] : [null, null];
      if (employers) {
        row[COL.employer_name] = pick(employers);
        row[COL.monthly_income] = String(Math.round(int(pay[0], pay[1]) / 100) * 100);
      }
      if (status !== '未就业无意愿' && chance(0.32)) row[COL.training_wish] = pick(OCCUPATION_NAMES);
      if (status === '未就业有意愿' || (status !== '未就业无意愿' && chance(0.2))) {
        const wishes = new Set<string>();
        for (let w = int(1, 3); w > 0; w--) wishes.add(pick(OCCUPATION_NAMES));
        row[COL.job_wish] = [...wishes].join('、');
        row[COL.preferred_location] = weighted([['本村', 5], ['本乡镇', 15], ['本县', 35], ['本市', 15], ['本省', 15], ['不限', 15]] as const);
        row[COL.min_monthly_pay] = String(int(20, 50) * 100);
        row[COL.available_from] = isoDay(wishStart + int(0, 60) * DAY);
      }
      yield row;
    }
  }
}
