import type { FieldIssue } from '../errors.ts';
import { findBuiltinOccupation, OCCUPATION_CODE } from '../occupations/catalog.ts';
import { ID_NUMBER_MESSAGES, parseIdNumber } from './id-number.ts';
import { parsePhone, PHONE_MESSAGE } from './phone.ts';
import {
  EDUCATION, EMPLOYMENT_STATUS, GENDER, LABOR_CAPACITY, LOCATION_SCOPE, RELATION,
  type Education, type EmploymentStatus, type Gender, type LaborCapacity, type LocationScope, type Relation,
} from './vocabulary.ts';

export interface Skill {
  occupation: string;
  certificate: string | null;
  level: string | null;
}

/** A person of the ledger after validation: codes normalized, ID number 18 characters, money in whole yuan. */
export interface PersonData {
  relation: Relation;
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  phone: string | null;
  education: Education | null;
  laborCapacity: LaborCapacity;
  skills: Skill[];
  employmentStatus: EmploymentStatus;
  employerName: string | null;
  monthlyIncome: number | null;
  trainingWish: string | null;
  jobWishTypes: string[];
  availableFrom: string | null;
  preferredScope: LocationScope | null;
  minMonthlyPay: number | null;
}

/** Raw person input, from a form or a spreadsheet row: values may be text. */
export type PersonInput = { [K in keyof PersonData]?: unknown };

/** Turns an occupation code or name into a code; the default knows the built-in catalog. */
export type OccupationResolver = (text: string) => string | undefined;

export const builtinResolver: OccupationResolver = (text) => {
  const t = text.trim();
  if (OCCUPATION_CODE.test(t)) return t;
  return findBuiltinOccupation(t)?.code;
};

function issue(field: string, code: string, en: string, zh: string, params?: Record<string, unknown>): FieldIssue {
  return { field, code, message: en, messageZh: zh, ...(params ? { params } : {}) };
}

/** Text of any input; an object without a usable toString (JSON `{"toString": null}`) must fail validation, not crash it. */
export const inputText = (v: unknown): string => {
  if (v == null) return '';
  try {
    return String(v).trim();
  } catch {
    return Object.prototype.toString.call(v);
  }
};
const text = inputText;

function vocab<V extends string>(issues: FieldIssue[], field: string, v: unknown, voc: { parse(t: string): V | undefined; values: V[] }, required: boolean, zhName: string): V | null {
  const t = text(v);
  if (!t) {
    if (required) issues.push(issue(field, 'required', 'is required', `${zhName}不能为空`));
    return null;
  }
  const parsed = voc.parse(t);
  if (!parsed) issues.push(issue(field, 'value_unknown', `must be one of ${voc.values.join(', ')}`, `${zhName}的取值无效`, { allowed: voc.values }));
  return parsed ?? null;
}

function money(issues: FieldIssue[], field: string, v: unknown, zhName: string): number | null {
  const t = text(v).replace(/[,，元¥\s]/g, '');
  if (!t) return null;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0 || n > 1_000_000) {
    issues.push(issue(field, 'amount_range', 'must be an amount in yuan between 0 and 1,000,000', `${zhName}应为0至1,000,000之间的金额（元）`));
    return null;
  }
  return Math.round(n);
}

function date(issues: FieldIssue[], field: string, v: unknown, zhName: string): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = text(v).replace(/[./年月]/g, '-').replace(/日$/, '');
  if (!t) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    issues.push(issue(field, 'date_format', 'must be a date written YYYY-MM-DD', `${zhName}应为日期，格式YYYY-MM-DD`));
    return null;
  }
  return iso;
}

function occupations(issues: FieldIssue[], field: string, v: unknown, resolve: OccupationResolver, zhName: string): string[] {
  const parts = Array.isArray(v) ? v.map(text) : text(v).split(/[、,，;；/|]/).map((s) => s.trim());
  const out: string[] = [];
  for (const p of parts.filter(Boolean)) {
    const code = resolve(p);
    if (code) out.push(code);
    else issues.push(issue(field, 'occupation_unknown', `"${p}" is not a known occupation name or code`, `“${p}”不是已知的职业名称或代码`, { value: p }));
  }
  return [...new Set(out)];
}

/** Skills as objects, or as text "保洁员(初级)、砌筑工:证书号" from a spreadsheet. */
function skills(issues: FieldIssue[], v: unknown, resolve: OccupationResolver): Skill[] {
  if (Array.isArray(v) && v.every((s) => s && typeof s === 'object')) {
    return v.flatMap((s: any, i) => {
      const code = resolve(text(s.occupation));
      if (!code) {
        issues.push(issue(`skills.${i}.occupation`, 'occupation_unknown', `"${text(s.occupation)}" is not a known occupation name or code`, '职业名称或代码无效'));
        return [];
      }
      return [{ occupation: code, certificate: text(s.certificate) || null, level: text(s.level) || null }];
    });
  }
  const out: Skill[] = [];
  for (const part of text(v).split(/[、,，;；|]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^(（:：]+)(?:[(（]([^)）]*)[)）])?(?:[:：](.+))?$/.exec(part);
    const name = m?.[1]?.trim() ?? part;
    const code = resolve(name);
    if (!code) {
      issues.push(issue('skills', 'occupation_unknown', `"${name}" is not a known occupation name or code`, `“${name}”不是已知的职业名称或代码`, { value: name }));
      continue;
    }
    out.push({ occupation: code, level: m?.[2]?.trim() || null, certificate: m?.[3]?.trim() || null });
  }
  return out;
}

/** Writes skills back as the spreadsheet text `skills()` reads, so export → import is lossless. */
export function formatSkills(list: Skill[]): string {
  return list.map((s) => `${s.occupation}${s.level ? `(${s.level})` : ''}${s.certificate ? `:${s.certificate}` : ''}`).join('、');
}

/** A rule for one person field that stands on its own: pushes its issues and returns the value. */
type FieldRule<V> = (issues: FieldIssue[], v: unknown, resolve: OccupationResolver) => V;
export type PersonFieldOnItsOwn = Exclude<keyof PersonData, 'idNumber' | 'gender' | 'birthDate' | 'phone'>;

/**
 * The person fields that are checked each on its own (all but the ID number with the gender and
 * birth date it fixes, and the phone). `validatePerson` applies them; an import applies them to
 * single cells, and remembers the verdict for cells that repeat.
 */
export const PERSON_FIELD_RULES: { [K in PersonFieldOnItsOwn]: FieldRule<PersonData[K] | null> } = {
  name: (issues, v) => {
    const name = text(v).replace(/\s+/g, ' ');
    if (!name) issues.push(issue('name', 'required', 'is required', '姓名不能为空'));
    else if (name.length > 50) issues.push(issue('name', 'too_long', 'must be at most 50 characters', '姓名不能超过50个字符'));
    return name;
  },
  relation: (issues, v) => vocab(issues, 'relation', v, RELATION, true, '与户主关系'),
  education: (issues, v) => vocab(issues, 'education', v, EDUCATION, false, '文化程度'),
  laborCapacity: (issues, v) => vocab(issues, 'laborCapacity', v, LABOR_CAPACITY, true, '劳动能力'),
  employmentStatus: (issues, v) => vocab(issues, 'employmentStatus', v, EMPLOYMENT_STATUS, true, '就业状态'),
  preferredScope: (issues, v) => vocab(issues, 'preferredScope', v, LOCATION_SCOPE, false, '期望地点'),
  employerName: (issues, v) => {
    const employerName = text(v) || null;
    if (employerName && employerName.length > 100) issues.push(issue('employerName', 'too_long', 'must be at most 100 characters', '务工单位不能超过100个字符'));
    return employerName;
  },
  monthlyIncome: (issues, v) => money(issues, 'monthlyIncome', v, '月收入'),
  minMonthlyPay: (issues, v) => money(issues, 'minMonthlyPay', v, '期望月薪'),
  availableFrom: (issues, v) => date(issues, 'availableFrom', v, '可到岗时间'),
  trainingWish: (issues, v, resolve) => {
    const wishes = occupations(issues, 'trainingWish', v, resolve, '培训意愿');
    if (wishes.length > 1) issues.push(issue('trainingWish', 'one_value', 'must name one occupation', '培训意愿只能填写一个职业'));
    return wishes[0] ?? null;
  },
  jobWishTypes: (issues, v, resolve) => occupations(issues, 'jobWishTypes', v, resolve, '就业意愿'),
  skills: (issues, v, resolve) => skills(issues, v, resolve),
};

/** The fields checked after the ID number and phone, in the order of the rules above (the order their issues are reported). */
const LATER_FIELDS = (Object.keys(PERSON_FIELD_RULES) as PersonFieldOnItsOwn[]).filter((f) => f !== 'name');

/**
 * Checks a person field by field. Gender and birth date come from the ID number; when given too,
 * they must agree with it. Returns every failing field at once.
 */
export function validatePerson(input: PersonInput, opts: { today?: string; resolveOccupation?: OccupationResolver } = {}): { ok: true; value: PersonData } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const resolve = opts.resolveOccupation ?? builtinResolver;
  const rule = PERSON_FIELD_RULES;
  const name = rule.name(issues, input.name, resolve);

  const id = parseIdNumber(text(input.idNumber), opts.today);
  if (!id.ok) issues.push(issue('idNumber', id.error, ID_NUMBER_MESSAGES[id.error].en, ID_NUMBER_MESSAGES[id.error].zh));
  const gender = vocab(issues, 'gender', input.gender, GENDER, false, '性别');
  if (id.ok && gender && gender !== id.info.gender) issues.push(issue('gender', 'gender_mismatch', `does not agree with the ID number (${id.info.gender})`, '性别与身份证号不符'));
  const birthDate = date(issues, 'birthDate', input.birthDate, '出生日期');
  if (id.ok && birthDate && birthDate !== id.info.birthDate) issues.push(issue('birthDate', 'birth_date_mismatch', `does not agree with the ID number (${id.info.birthDate})`, '出生日期与身份证号不符'));

  const phone = parsePhone(text(input.phone));
  if (!phone.ok) issues.push(issue('phone', 'phone_format', PHONE_MESSAGE.en, PHONE_MESSAGE.zh));

  const v: { -readonly [K in PersonFieldOnItsOwn]?: PersonData[K] | null } = {};
  for (const f of LATER_FIELDS) (v as Record<string, unknown>)[f] = rule[f](issues, input[f], resolve);

  if (issues.length || !id.ok) return { ok: false, issues };
  return {
    ok: true,
    value: {
      relation: v.relation!,
      name: name!,
      idNumber: id.info.value,
      gender: id.info.gender,
      birthDate: id.info.birthDate,
      phone: phone.ok ? phone.value : null,
      education: v.education ?? null,
      laborCapacity: v.laborCapacity!,
      skills: v.skills!,
      employmentStatus: v.employmentStatus!,
      employerName: v.employerName ?? null,
      monthlyIncome: v.monthlyIncome ?? null,
      trainingWish: v.trainingWish ?? null,
      jobWishTypes: v.jobWishTypes!,
      availableFrom: v.availableFrom ?? null,
      preferredScope: v.preferredScope ?? null,
      minMonthlyPay: v.minMonthlyPay ?? null,
    },
  };
}
