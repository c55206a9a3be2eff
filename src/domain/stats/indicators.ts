/**
 * The indicators reported at every region level. Each is a count (or an amount in fen) of records
 * attached to a region, summed up the hierarchy; its definition is shown next to it in the UI.
 * Ratios are derived from two counts when presented, never stored.
 */
export interface Indicator {
  key: string;
  /** Which records it counts; one recount query per family (src/store/stats/). */
  family: string;
  unit: 'people' | 'households' | 'employers' | 'postings' | 'openings' | 'trips' | 'claims' | 'fen' | 'vehicles';
  zh: string;
  en: string;
  definitionZh: string;
  definitionEn: string;
}

const ind = (key: string, family: string, unit: Indicator['unit'], zh: string, en: string, definitionZh: string, definitionEn: string): Indicator => ({ key, family, unit, zh, en, definitionZh, definitionEn });

export const INDICATORS: Indicator[] = [
  ind('laborers', 'persons', 'people', '登记劳动力', 'Registered laborers', '台账中未删除的人员数', 'Live persons in the ledger'),
  ind('laborers_lifted', 'persons', 'people', '脱贫户劳动力', 'Laborers of lifted households', '所在户类别为脱贫户的人员数', 'Persons whose household category is lifted'),
  ind('laborers_monitored', 'persons', 'people', '监测户劳动力', 'Laborers of monitored households', '所在户类别为监测户的人员数', 'Persons whose household category is monitored'),
  ind('laborers_none', 'persons', 'people', '一般户劳动力', 'Laborers of other households', '所在户类别为一般户的人员数', 'Persons whose household category is none'),
  ind('laborers_relocated', 'persons', 'people', '易地搬迁户劳动力', 'Laborers of relocated households', '所在户为易地扶贫搬迁户的人员数', 'Persons whose household is relocated'),
  ind('willing_to_work', 'persons', 'people', '有就业意愿', 'Willing to work', '就业状态为“未就业有意愿”的人员数', 'Persons whose employment status is not working, seeking'),
  ind('willing_to_train', 'persons', 'people', '有培训意愿', 'Willing to train', '填写了培训意愿（职业）的人员数', 'Persons with a training wish (an occupation)'),
  ind('at_work', 'persons', 'people', '已就业', 'At work', '就业状态为县内、省内县外、省外务工、自主创业或公益性岗位的人员数', 'Persons working in the county, elsewhere in the province, outside it, self-employed or on a public-welfare post'),
  ind('at_work_county', 'persons', 'people', '县内务工', 'Working in the county', '就业状态为县内务工的人员数', 'Persons whose status is working in the county'),
  ind('at_work_province', 'persons', 'people', '省内县外务工', 'Working elsewhere in the province', '就业状态为省内县外务工的人员数', 'Persons whose status is working elsewhere in the province'),
  ind('at_work_outside', 'persons', 'people', '省外务工', 'Working outside the province', '就业状态为省外务工的人员数', 'Persons whose status is working outside the province'),
  ind('at_work_public_welfare', 'persons', 'people', '公益性岗位', 'On public-welfare posts', '就业状态为公益性岗位的人员数', 'Persons whose status is a public-welfare post'),
  ind('at_work_self_employed', 'persons', 'people', '自主创业', 'Self-employed', '就业状态为自主创业的人员数', 'Persons whose status is self-employed'),
  ind('persons_verified', 'persons', 'people', '已核实人员', 'Persons verified', '核实状态不是“未核实”的人员数', 'Persons whose verification status is not unverified'),
  ind('households', 'households', 'households', '登记户数', 'Households', '台账中未删除的户数', 'Live households in the ledger'),
  ind('households_verified', 'households', 'households', '已核实户数', 'Households verified', '有成员且全部成员都已核实的户数', 'Households with members, every one of them verified'),
  ind('households_zero_employment', 'households', 'households', '零就业家庭', 'Zero-employment households', '有劳动能力的劳动年龄成员、但无人就业的户数', 'Households with an able member of working age and nobody at work'),
];

/** Ratios shown beside the counts: numerator ÷ denominator, as a percentage. */
export const RATIOS = [
  { key: 'households_verified_pct', numerator: 'households_verified', denominator: 'households', zh: '入户核实率', en: 'Households verified (%)' },
  { key: 'at_work_pct', numerator: 'at_work', denominator: 'laborers', zh: '就业率', en: 'At work (%)' },
];

const registry = new Map(INDICATORS.map((i) => [i.key, i]));

/** Lets a module add the indicators of its records (employers, postings, referrals, trips, claims…). */
export function addIndicators(list: Indicator[]): void {
  for (const i of list) {
    if (registry.has(i.key)) continue;
    registry.set(i.key, i);
    INDICATORS.push(i);
  }
}

export function indicator(key: string): Indicator | undefined {
  return registry.get(key);
}

/** Percentages of the ratios over a set of counts; null when the denominator is zero. */
export function ratios(values: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const r of RATIOS) {
    const d = values[r.denominator] ?? 0;
    out[r.key] = d === 0 ? null : Math.round(((values[r.numerator] ?? 0) / d) * 10000) / 100;
  }
  return out;
}
