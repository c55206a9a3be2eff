import { isIsoDate } from '../dates.ts';
import type { FieldIssue } from '../errors.ts';
import { OCCUPATION_CODE } from '../occupations/catalog.ts';
import { POST_TYPES, POSTING_STATUSES, yuan, type PostType, type PostingStatus } from './vocabulary.ts';

export interface PostingRequirements {
  ageMin?: number | null;
  ageMax?: number | null;
  skills?: string[];
  certificates?: string[];
  healthCertificate?: boolean;
  other?: string | null;
  /** Never allowed; accepted by the input schema only so that the rule can name it. */
  gender?: unknown;
}

/** A posting as it is about to be saved (money in fen, dates YYYY-MM-DD). */
export interface PostingDraft {
  title: string;
  occupationCode: string;
  postType: PostType | string;
  openings: number;
  filled: number;
  payMinFen: number;
  payMaxFen: number;
  regionCode: string;
  address: string;
  startDate: string;
  endDate: string | null;
  hours: string;
  requirements: PostingRequirements;
  board: boolean;
  lodging: boolean;
  weakLaborOk: boolean;
  status: PostingStatus | string;
  accidentInsuranceFen: number | null;
  description: string;
}

/** Facts about the place and date the rules compare with, looked up by the caller. */
export interface PostingContext {
  /** Local monthly minimum wage on the start date, or null when no table covers the place. */
  minimumWageFen: number | null;
  povertyLineMonthlyFen: number;
}

export const TEMPORARY_MIN_MONTHS = 3;
export const PUBLIC_WELFARE_MAX_SHARE = 0.5;
export const PUBLIC_WELFARE_MIN_INSURANCE_FEN = 300_000 * 100;

/**
 * Words that make a posting require or prefer a gender (限男性, 仅限女性, 男性优先, 男工, 女士 …).
 * Employment promotion law forbids it; mentions such as 男女不限 are fine.
 */
const GENDER_TEXT = /(限|仅限|只限|只招|仅招|要求|需|须)\s*(男|女)(性|士|工)?|(男|女)(性|士|工|生)?\s*(优先|为主|者优先|勿扰)|(招|聘)\s*(男|女)(性|工|士)|\b(male|female)s?\s+only\b|\bonly\s+(men|women|males|females)\b|\b(men|women)\s+preferred\b/i;
const GENDER_OK = /男女不限|不限男女|性别不限|不限性别|男女均可|男女皆可/g;

export function genderRequirementIn(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = GENDER_TEXT.exec(text.replace(GENDER_OK, ''));
  return m ? m[0] : null;
}

/** Whole months from `from` to `to` (YYYY-MM-DD), counting a month only when its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months -= 1;
  return months;
}

function issue(field: string, code: string, message: string, messageZh: string, params?: Record<string, unknown>): FieldIssue {
  return { field, code, message, messageZh, ...(params ? { params } : {}) };
}

/**
 * Every rule a posting must meet when it is saved, as a list of failing fields (empty = valid).
 * The limits come from the context so that the caller decides which tables are in force.
 */
export function checkPosting(p: PostingDraft, ctx: PostingContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!p.title.trim()) out.push(issue('title', 'required', 'is required', '请填写岗位名称'));
  if (!OCCUPATION_CODE.test(p.occupationCode)) out.push(issue('occupationCode', 'occupation_code_format', 'must be a code of the occupational classification such as 4-09-08-01', '职业代码格式应如 4-09-08-01'));
  if (!(POST_TYPES as readonly string[]).includes(p.postType)) out.push(issue('postType', 'post_type_unknown', `must be one of ${POST_TYPES.join(', ')}`, '岗位类型无效'));
  if (!(POSTING_STATUSES as readonly string[]).includes(p.status)) out.push(issue('status', 'status_unknown', `must be one of ${POSTING_STATUSES.join(', ')}`, '岗位状态无效'));
  if (!Number.isInteger(p.openings) || p.openings < 1) out.push(issue('openings', 'openings_min', 'must be at least 1', '招聘人数至少为1'));
  if (!Number.isInteger(p.filled) || p.filled < 0) out.push(issue('filled', 'filled_negative', 'may not be negative', '已招人数不能为负'));
  else if (p.filled > p.openings) out.push(issue('filled', 'filled_exceeds_openings', `may not exceed the openings (${p.openings})`, `已招人数不能超过招聘人数（${p.openings}）`, { openings: p.openings }));
  if (!Number.isInteger(p.payMinFen) || p.payMinFen < 0) out.push(issue('payMinFen', 'pay_negative', 'must be a whole number of fen, zero or more', '月薪下限须为非负整数（分）'));
  if (!Number.isInteger(p.payMaxFen) || p.payMaxFen < p.payMinFen) out.push(issue('payMaxFen', 'pay_range', 'may not be below the minimum pay', '月薪上限不能低于下限'));
  if (!isIsoDate(p.startDate)) out.push(issue('startDate', 'date_format', 'must be a date YYYY-MM-DD', '开始日期格式应为 YYYY-MM-DD'));
  if (p.endDate != null && !isIsoDate(p.endDate)) out.push(issue('endDate', 'date_format', 'must be a date YYYY-MM-DD', '结束日期格式应为 YYYY-MM-DD'));
  else if (p.endDate && isIsoDate(p.startDate) && p.endDate < p.startDate) out.push(issue('endDate', 'date_order', 'may not be before the start date', '结束日期不能早于开始日期'));
  const r = p.requirements;
  if (r.ageMin != null && (r.ageMin < 16 || r.ageMin > 70)) out.push(issue('requirements.ageMin', 'age_range', 'must be between 16 and 70 (no child labor)', '最低年龄应在16至70岁之间'));
  if (r.ageMax != null && (r.ageMax < 16 || r.ageMax > 75)) out.push(issue('requirements.ageMax', 'age_range', 'must be between 16 and 75', '最高年龄应在16至75岁之间'));
  if (r.ageMin != null && r.ageMax != null && r.ageMax < r.ageMin) out.push(issue('requirements.ageMax', 'age_order', 'may not be below the minimum age', '最高年龄不能低于最低年龄'));

  // No gender requirement, whether as a field or in the words of the posting.
  if (r.gender !== undefined && r.gender !== null && r.gender !== '' && r.gender !== 'any') {
    out.push(issue('requirements.gender', 'gender_requirement', 'a posting may not require a gender (Employment Promotion Law, art. 27)', '招聘不得限定性别（《就业促进法》第二十七条）'));
  }
  for (const [field, text] of [['title', p.title], ['requirements.other', r.other], ['description', p.description], ['requirements.certificates', (r.certificates ?? []).join(' ')], ['requirements.skills', (r.skills ?? []).join(' ')]] as const) {
    const hit = genderRequirementIn(text);
    if (hit) out.push(issue(field, 'gender_requirement', `may not require or prefer a gender ("${hit}"; Employment Promotion Law, art. 27)`, `不得限定或优先某一性别（“${hit}”）`, { text: hit }));
  }

  if (p.postType === 'temporary' && isIsoDate(p.startDate)) {
    if (!p.endDate || !isIsoDate(p.endDate) || monthsBetween(p.startDate, p.endDate) < TEMPORARY_MIN_MONTHS) {
      out.push(issue('endDate', 'temporary_min_duration', `a temporary post must last at least ${TEMPORARY_MIN_MONTHS} months from the start date`, `临时岗位期限不少于${TEMPORARY_MIN_MONTHS}个月`, { months: TEMPORARY_MIN_MONTHS }));
    }
  }
  if ((p.postType === 'temporary' || p.postType === 'public_welfare') && ctx.minimumWageFen == null && isIsoDate(p.startDate)) {
    out.push(issue('regionCode', 'minimum_wage_unknown', `no minimum-wage table covers region ${p.regionCode} on ${p.startDate}; an administrator must add one before this post type can be checked`, `该地区在${p.startDate}没有适用的最低工资标准，请管理员先维护`, { regionCode: p.regionCode, date: p.startDate }));
  }
  if (p.postType === 'temporary' && ctx.minimumWageFen != null && p.payMinFen < ctx.minimumWageFen) {
    out.push(issue('payMinFen', 'temporary_below_minimum_wage', `a temporary post must pay at least the local minimum wage of ${yuan(ctx.minimumWageFen)} yuan a month`, `临时岗位月薪不得低于当地最低工资标准${yuan(ctx.minimumWageFen)}元`, { limitFen: ctx.minimumWageFen }));
  }
  if (p.postType === 'public_welfare') {
    if (p.payMinFen < ctx.povertyLineMonthlyFen) {
      out.push(issue('payMinFen', 'public_welfare_below_poverty_line', `a public-welfare post must pay at least the poverty-line monthly income of ${yuan(ctx.povertyLineMonthlyFen)} yuan`, `公益性岗位月补贴不得低于贫困线月收入${yuan(ctx.povertyLineMonthlyFen)}元`, { limitFen: ctx.povertyLineMonthlyFen }));
    }
    if (ctx.minimumWageFen != null) {
      const cap = Math.floor(ctx.minimumWageFen * PUBLIC_WELFARE_MAX_SHARE);
      if (p.payMaxFen > cap) {
        out.push(issue('payMaxFen', 'public_welfare_above_cap', `a public-welfare post may pay at most 50% of the local minimum wage: ${yuan(cap)} yuan a month (minimum wage ${yuan(ctx.minimumWageFen)})`, `公益性岗位月补贴不得高于当地最低工资标准的50%，即${yuan(cap)}元`, { limitFen: cap, minimumWageFen: ctx.minimumWageFen }));
      }
    }
    if (p.accidentInsuranceFen == null || p.accidentInsuranceFen < PUBLIC_WELFARE_MIN_INSURANCE_FEN) {
      out.push(issue('accidentInsuranceFen', 'public_welfare_insurance', `a public-welfare post must carry personal accident insurance of at least ${yuan(PUBLIC_WELFARE_MIN_INSURANCE_FEN)} yuan`, `公益性岗位须购买不低于${yuan(PUBLIC_WELFARE_MIN_INSURANCE_FEN)}元的人身意外伤害保险`, { limitFen: PUBLIC_WELFARE_MIN_INSURANCE_FEN }));
    }
  }
  return out;
}
