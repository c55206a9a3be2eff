/**
 * The closed vocabularies of the ledger, each value with its Chinese and English label and the
 * spellings county spreadsheets use for it (accepted on import, case-insensitive).
 */
export interface Term<V extends string> {
  value: V;
  zh: string;
  en: string;
  aliases?: string[];
}

function vocabulary<V extends string>(terms: Term<V>[]) {
  const values = terms.map((t) => t.value) as V[];
  const lookup = new Map<string, V>();
  for (const t of terms) for (const s of [t.value, t.zh, t.en, ...(t.aliases ?? [])]) lookup.set(s.trim().toLowerCase(), t.value);
  return {
    terms,
    values,
    /** The value for a code, label or alias; undefined when none fits. */
    parse(text: string | null | undefined): V | undefined {
      return text == null ? undefined : lookup.get(String(text).trim().toLowerCase());
    },
    has(v: unknown): v is V {
      return typeof v === 'string' && (values as string[]).includes(v);
    },
    label(v: V, lang: 'zh' | 'en'): string {
      return terms.find((t) => t.value === v)?.[lang] ?? v;
    },
  };
}

export const HOUSEHOLD_CATEGORY = vocabulary([
  { value: 'lifted', zh: '脱贫户', en: 'lifted out of poverty', aliases: ['脱贫', '建档立卡脱贫户'] },
  { value: 'monitored', zh: '监测户', en: 'monitored', aliases: ['监测', '防返贫监测户', '监测对象'] },
  { value: 'none', zh: '一般户', en: 'none', aliases: ['一般', '非贫困户', 'ordinary'] },
]);
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORY.values)[number];

export const MONITORED_SUBTYPE = vocabulary([
  { value: 'unstable', zh: '脱贫不稳定户', en: 'unstable after lifting', aliases: ['脱贫不稳定'] },
  { value: 'marginal', zh: '边缘易致贫户', en: 'marginal, prone to poverty', aliases: ['边缘易致贫'] },
  { value: 'sudden_hardship', zh: '突发严重困难户', en: 'sudden severe hardship', aliases: ['突发严重困难'] },
]);
export type MonitoredSubtype = (typeof MONITORED_SUBTYPE.values)[number];

export const RELATION = vocabulary([
  { value: 'head', zh: '户主', en: 'head', aliases: ['本人'] },
  { value: 'spouse', zh: '配偶', en: 'spouse', aliases: ['妻', '夫', '妻子', '丈夫'] },
  { value: 'child', zh: '子女', en: 'child', aliases: ['子', '女', '儿子', '女儿', '之子', '之女', '长子', '次子', '长女', '次女'] },
  { value: 'parent', zh: '父母', en: 'parent', aliases: ['父亲', '母亲', '父', '母'] },
  { value: 'grandchild', zh: '孙子女', en: 'grandchild', aliases: ['孙子', '孙女', '之孙', '之孙女'] },
  { value: 'child_in_law', zh: '儿媳女婿', en: 'child-in-law', aliases: ['儿媳', '女婿'] },
  { value: 'sibling', zh: '兄弟姐妹', en: 'sibling', aliases: ['兄', '弟', '姐', '妹'] },
  { value: 'grandparent', zh: '祖父母', en: 'grandparent', aliases: ['祖父', '祖母'] },
  { value: 'other', zh: '其他', en: 'other' },
]);
export type Relation = (typeof RELATION.values)[number];

export const EDUCATION = vocabulary([
  { value: 'none', zh: '文盲或半文盲', en: 'none', aliases: ['文盲', '半文盲', '未上学'] },
  { value: 'primary', zh: '小学', en: 'primary school' },
  { value: 'junior', zh: '初中', en: 'junior middle school' },
  { value: 'senior', zh: '高中', en: 'senior high school', aliases: ['高中及以上'] },
  { value: 'vocational', zh: '中专或技校', en: 'vocational school', aliases: ['中专', '技校', '职高'] },
  { value: 'college', zh: '大专', en: 'college' },
  { value: 'bachelor', zh: '本科及以上', en: 'bachelor or above', aliases: ['本科', '研究生'] },
]);
export type Education = (typeof EDUCATION.values)[number];

export const LABOR_CAPACITY = vocabulary([
  { value: 'full', zh: '普通劳动力', en: 'full', aliases: ['有劳动力', '普通'] },
  { value: 'skilled', zh: '技能劳动力', en: 'skilled', aliases: ['技能'] },
  { value: 'weak', zh: '弱劳动力或半劳动力', en: 'weak', aliases: ['弱劳动力', '半劳动力'] },
  { value: 'none', zh: '无劳动力', en: 'none', aliases: ['丧失劳动力', '无'] },
]);
export type LaborCapacity = (typeof LABOR_CAPACITY.values)[number];

export const EMPLOYMENT_STATUS = vocabulary([
  { value: 'employed_county', zh: '县内务工', en: 'working in the county', aliases: ['县内就业'] },
  { value: 'employed_province', zh: '省内县外务工', en: 'working elsewhere in the province', aliases: ['省内务工', '省内就业'] },
  { value: 'employed_outside', zh: '省外务工', en: 'working outside the province', aliases: ['省外就业'] },
  { value: 'self_employed', zh: '自主创业', en: 'self-employed', aliases: ['自营', '灵活就业'] },
  { value: 'public_welfare', zh: '公益性岗位', en: 'public-welfare post', aliases: ['公益岗'] },
  { value: 'seeking', zh: '未就业有意愿', en: 'not working, seeking', aliases: ['待业', '求职中'] },
  { value: 'not_seeking', zh: '未就业无意愿', en: 'not working, not seeking', aliases: ['无就业意愿'] },
]);
export type EmploymentStatus = (typeof EMPLOYMENT_STATUS.values)[number];

/** Statuses that count as at work. */
export const AT_WORK: ReadonlySet<EmploymentStatus> = new Set(['employed_county', 'employed_province', 'employed_outside', 'self_employed', 'public_welfare']);

export const LOCATION_SCOPE = vocabulary([
  { value: 'village', zh: '本村', en: 'same village', aliases: ['村内'] },
  { value: 'town', zh: '本乡镇', en: 'same town', aliases: ['乡镇内', '本镇', '本乡'] },
  { value: 'county', zh: '本县', en: 'same county', aliases: ['县内'] },
  { value: 'city', zh: '本市', en: 'same city', aliases: ['市内'] },
  { value: 'province', zh: '本省', en: 'same province', aliases: ['省内'] },
  { value: 'anywhere', zh: '不限', en: 'anywhere', aliases: ['省外', '全国', '任意'] },
]);
export type LocationScope = (typeof LOCATION_SCOPE.values)[number];

/** Region depth a location scope reaches: village = 5 … province = 1, anywhere = 0. */
export const SCOPE_DEPTH: Record<LocationScope, number> = { village: 5, town: 4, county: 3, city: 2, province: 1, anywhere: 0 };

export const VERIFICATION_STATUS = vocabulary([
  { value: 'unverified', zh: '未核实', en: 'unverified' },
  { value: 'verified', zh: '已核实', en: 'verified' },
  { value: 'moved', zh: '已迁出', en: 'moved' },
  { value: 'working_away', zh: '外出务工', en: 'working away' },
  { value: 'deceased', zh: '已故', en: 'deceased' },
  { value: 'refused', zh: '拒绝核查', en: 'refused' },
  { value: 'not_found', zh: '查无此人', en: 'not found' },
]);
export type VerificationStatus = (typeof VERIFICATION_STATUS.values)[number];

export const GENDER = vocabulary([
  { value: 'male', zh: '男', en: 'male', aliases: ['m'] },
  { value: 'female', zh: '女', en: 'female', aliases: ['f'] },
]);
export type Gender = (typeof GENDER.values)[number];

/** Working age in the ledger: 16 to 64 inclusive. */
export const WORKING_AGE = { min: 16, max: 64 };
