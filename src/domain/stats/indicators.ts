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
  // Employers count where they are located (region_code), not at the office that manages them.
  ind('employers', 'employers', 'employers', '登记用人单位', 'Employers registered', '登记在册、所在地在本区域的用人单位数', 'Employers on the register located in the region'),
  ind('employers_operating', 'employers', 'employers', '在产用人单位', 'Employers operating', '经营状态为“正常经营”或“已复工”的用人单位数', 'Employers whose operating status is operating or resumed'),
  ind('employers_resumed', 'employers', 'employers', '已复工用人单位', 'Employers resumed', '经营状态为“已复工”（曾停工、现已复工）的用人单位数', 'Employers whose operating status is resumed (stopped, now back at work)'),
  ind('employers_stopped', 'employers', 'employers', '曾停工用人单位', 'Employers that had stopped', '经营状态为“已复工”或“停工”的用人单位数（复工率的分母）', 'Employers whose status is resumed or suspended (the denominator of the resumption rate)'),
  // Postings count at their place of work (region_code); drafts are not yet offered to anyone.
  ind('postings', 'postings', 'postings', '发布岗位', 'Postings', '工作地点在本区域、状态不是“草稿”的岗位数（含招聘中、已招满、已关闭）', 'Postings whose place of work is in the region and whose status is not draft (open, filled or closed)'),
  ind('postings_open', 'postings', 'postings', '招聘中岗位', 'Postings open', '工作地点在本区域、状态为“招聘中”的岗位数', 'Postings in the region whose status is open'),
  ind('openings', 'postings', 'openings', '招聘人数', 'Openings', '上述已发布岗位的招聘人数之和', 'Sum of the openings of the postings counted above'),
  ind('filled', 'postings', 'openings', '已招人数', 'Openings filled', '上述已发布岗位的已招人数之和', 'Sum of the filled places of the postings counted above'),
  // People-side records count at the person's village as recorded on the record itself.
  ind('jobs_secured', 'referrals', 'people', '推荐实现就业', 'Jobs secured through referral', '推荐状态为“已录用”“已到岗”或“已离职”（曾到岗）的推荐数，按推荐时劳动力所在村计', 'Referrals whose status is hired, at work or left (was at work), counted at the person\'s village when referred'),
  ind('intentions', 'intentions', 'people', '达成就业意向', 'Intentions reached', '劳动力与岗位之间达成的就业意向数：招聘活动中登记的意向，加上状态为“达成意向”“已面试”“已录用”“已到岗”“已离职”“未录用”的推荐；同一人对同一岗位只计一次', 'Pairs of a person and a posting with an intention: intentions recorded at campaign events plus referrals whose status is interested, interviewed, hired, at work, left or rejected; one person and one posting count once'),
  ind('returned_to_work', 'employments', 'people', '返岗复工', 'Returned to work', '就业记录为“已到岗”、开始日期不早于所在县设定的返岗起算日期的人数（县未设定日期时不计）', 'People whose employment is at work and started on or after the return-to-work date their county set (none counted where the county set no date)'),
  ind('trained', 'enrollments', 'people', '培训结业', 'People trained', '培训报名状态为“已结业”的人次，按劳动力所在村计', 'Enrollments whose status is completed (person-courses), counted at the person\'s village'),
  ind('certified', 'enrollments', 'people', '取得证书', 'People certified', '已结业且登记了证书编号的培训人次', 'Completed enrollments with a certificate number recorded'),
  // Trips count at the county they pick up in (origin_county).
  ind('trips', 'trips', 'trips', '点对点运输车次', 'Trips', '出发县在本区域、状态为“已发车”或“已到达”的车次数', 'Trips picking up in the region whose status is departed or arrived'),
  ind('people_transported', 'trips', 'people', '点对点运输人数', 'People transported', '上述车次中状态为“已登车”或“已到达”的乘客人数', 'Passengers boarded or arrived on the trips counted above'),
  // Subsidy claims count at the claim's region (region_code); amounts in fen.
  ind('subsidies_approved', 'claims', 'claims', '补贴审批通过', 'Subsidy claims approved', '补贴申请状态为“已批准”或“已支付”的申请数', 'Subsidy claims whose status is approved or paid'),
  ind('subsidies_approved_fen', 'claims', 'fen', '审批通过金额', 'Amount approved', '上述申请的核定金额之和（分）', 'Sum of the amounts of the claims approved or paid (fen)'),
  ind('subsidies_paid', 'claims', 'claims', '补贴已支付', 'Subsidy claims paid', '补贴申请状态为“已支付”的申请数（冲正后回到“已批准”的不计）', 'Subsidy claims whose status is paid (a reversed payment puts the claim back to approved)'),
  ind('subsidies_paid_fen', 'claims', 'fen', '已支付金额', 'Amount paid', '已支付申请的金额之和（分）', 'Sum of the amounts of the claims paid (fen)'),
];

/** Ratios shown beside the counts: numerator ÷ denominator, as a percentage. */
export const RATIOS = [
  { key: 'households_verified_pct', numerator: 'households_verified', denominator: 'households', zh: '入户核实率', en: 'Households verified (%)' },
  { key: 'at_work_pct', numerator: 'at_work', denominator: 'laborers', zh: '就业率', en: 'At work (%)' },
  { key: 'operating_rate', numerator: 'employers_operating', denominator: 'employers', zh: '企业开工率', en: 'Operating rate (%)' },
  { key: 'resumption_rate', numerator: 'employers_resumed', denominator: 'employers_stopped', zh: '企业复工率', en: 'Resumption rate (%)' },
  { key: 'fill_rate', numerator: 'filled', denominator: 'openings', zh: '岗位招满率', en: 'Fill rate (%)' },
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

/**
 * How the indicators are grouped on the dashboard and in the report, in the order counties file
 * them; each ratio sits in the section of its numerator.
 */
export const SECTIONS: { key: string; zh: string; en: string; indicators: string[]; ratios: string[] }[] = [
  { key: 'laborers', zh: '劳动力', en: 'Laborers', indicators: ['laborers', 'laborers_lifted', 'laborers_monitored', 'laborers_none', 'laborers_relocated', 'willing_to_work', 'willing_to_train'], ratios: [] },
  { key: 'work', zh: '就业', en: 'Employment', indicators: ['at_work', 'at_work_county', 'at_work_province', 'at_work_outside', 'at_work_public_welfare', 'at_work_self_employed', 'returned_to_work', 'jobs_secured', 'intentions'], ratios: ['at_work_pct'] },
  { key: 'households', zh: '户与核实', en: 'Households and verification', indicators: ['households', 'households_verified', 'households_zero_employment', 'persons_verified'], ratios: ['households_verified_pct'] },
  { key: 'demand', zh: '企业与岗位', en: 'Employers and postings', indicators: ['employers', 'employers_operating', 'employers_resumed', 'employers_stopped', 'postings', 'postings_open', 'openings', 'filled'], ratios: ['operating_rate', 'resumption_rate', 'fill_rate'] },
  { key: 'services', zh: '培训与运输', en: 'Training and transport', indicators: ['trained', 'certified', 'trips', 'people_transported'], ratios: [] },
  { key: 'subsidies', zh: '补贴', en: 'Subsidies', indicators: ['subsidies_approved', 'subsidies_approved_fen', 'subsidies_paid', 'subsidies_paid_fen'], ratios: [] },
];
