import { isIsoDate } from '../dates.ts';
import type { FieldIssue } from '../errors.ts';
import { OCCUPATION_CODE } from '../occupations/catalog.ts';
import { parsePhone, PHONE_MESSAGE } from '../ledger/phone.ts';
import { EMPLOYMENT_STATUS, LOCATION_SCOPE, VERIFICATION_STATUS, type EmploymentStatus, type LocationScope, type VerificationStatus } from '../ledger/vocabulary.ts';

/** What a visit can find about a person: every status but `unverified`. */
export const VISIT_OUTCOMES = VERIFICATION_STATUS.values.filter((v) => v !== 'unverified') as Exclude<VerificationStatus, 'unverified'>[];
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** The person fields a verifier may confirm or correct at the door. */
export const VISIT_FIELDS = ['employmentStatus', 'employerName', 'jobWishTypes', 'availableFrom', 'preferredScope', 'minMonthlyPay', 'trainingWish', 'phone'] as const;
export type VisitField = (typeof VISIT_FIELDS)[number];

/** Corrected values, normalized; a field left out was confirmed as it stood. */
export interface PersonCorrections {
  employmentStatus?: EmploymentStatus;
  employerName?: string | null;
  jobWishTypes?: string[];
  availableFrom?: string | null;
  preferredScope?: LocationScope | null;
  minMonthlyPay?: number | null;
  trainingWish?: string | null;
  phone?: string | null;
}

export interface PersonCheckInput {
  personId: number;
  /** The person's version when the verifier downloaded it. */
  version: number;
  outcome: string;
  changes?: Record<string, unknown>;
}

export interface PersonCheck {
  personId: number;
  version: number;
  outcome: VisitOutcome;
  changes: PersonCorrections;
}

function issue(field: string, code: string, message: string, messageZh: string, params?: Record<string, unknown>): FieldIssue {
  return { field, code, message, messageZh, ...(params ? { params } : {}) };
}

const AMOUNT = /^\d+(\.\d+)?$/;

/** A field value as text: a string, trimmed, or '' for null; undefined for anything else (a number, list or object is not text). */
function asText(v: unknown): string | undefined {
  if (v == null) return '';
  return typeof v === 'string' ? v.trim() : undefined;
}

/**
 * A field value as an amount: a number, or decimal digits as a form sends them; null for null or
 * ''. Undefined for anything else, so `true`, `[3000]` or `'0x10'` never pass for a number.
 */
function asAmount(v: unknown): number | null | undefined {
  if (typeof v === 'number') return v;
  const t = asText(v);
  if (t === undefined) return undefined;
  if (t === '') return null;
  return AMOUNT.test(t) ? Number(t) : undefined;
}

/** What a value of the wrong type is, in words for the message. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'boolean') return 'true or false';
  if (typeof v === 'number') return 'a number';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/**
 * Checks one person's part of a visit: a known outcome and, for each corrected field, a value the
 * ledger accepts. Occupation codes are checked for shape here; the caller checks they exist.
 */
export function checkPersonVisit(input: PersonCheckInput, at: string): { ok: true; value: PersonCheck } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: PersonCorrections = {};
  // Only text: a list such as ['verified'] would read as its one element.
  const outcome = typeof input.outcome === 'string' ? VERIFICATION_STATUS.parse(input.outcome) : undefined;
  if (!outcome || outcome === 'unverified') issues.push(issue(`${at}.outcome`, 'value_unknown', `must be one of ${VISIT_OUTCOMES.join(', ')}`, '核查结果无效', { allowed: VISIT_OUTCOMES }));
  const c = input.changes ?? {};
  for (const key of Object.keys(c)) {
    if (!(VISIT_FIELDS as readonly string[]).includes(key)) issues.push(issue(`${at}.changes.${key}`, 'unknown_field', `is not a field a visit may change (${VISIT_FIELDS.join(', ')})`, '入户核查不能修改该项'));
  }
  const has = (k: VisitField) => Object.prototype.hasOwnProperty.call(c, k);
  const wrongType = (field: string, value: unknown, expected: string, expectedZh: string) =>
    issues.push(issue(`${at}.changes.${field}`, 'value_type', `must be ${expected}, not ${kindOf(value)}`, `应为${expectedZh}`, { expected, received: kindOf(value) }));
  /** The trimmed text of a field ('' for null); undefined, with an issue, when the value is not text. */
  const text = (k: VisitField): string | undefined => {
    const t = asText(c[k]);
    if (t === undefined) wrongType(k, c[k], 'text or null', '文本或留空');
    return t;
  };
  if (has('employmentStatus')) {
    const t = text('employmentStatus');
    const v = t === undefined ? undefined : EMPLOYMENT_STATUS.parse(t);
    if (t !== undefined && !v) issues.push(issue(`${at}.changes.employmentStatus`, 'value_unknown', `must be one of ${EMPLOYMENT_STATUS.values.join(', ')}`, '就业状态的取值无效'));
    else if (v) out.employmentStatus = v;
  }
  if (has('employerName')) {
    const v = text('employerName');
    if (v !== undefined && v.length > 100) issues.push(issue(`${at}.changes.employerName`, 'too_long', 'must be at most 100 characters', '务工单位不能超过100个字符'));
    else if (v !== undefined) out.employerName = v || null;
  }
  if (has('jobWishTypes')) {
    const raw = c.jobWishTypes;
    if (!Array.isArray(raw)) wrongType('jobWishTypes', raw, 'a list of occupation codes', '职业代码列表');
    else {
      const items = raw.map((x, i) => {
        const t = asText(x);
        if (t === undefined) wrongType(`jobWishTypes.${i}`, x, 'an occupation code as text', '文本形式的职业代码');
        return t;
      });
      if (items.every((x) => x !== undefined)) {
        const list = (items as string[]).filter(Boolean);
        if (list.some((x) => !OCCUPATION_CODE.test(x)) || list.length > 5) issues.push(issue(`${at}.changes.jobWishTypes`, 'occupation_codes', 'must be a list of at most 5 occupation codes such as 4-09-08-01', '就业意愿应为不超过5个职业代码'));
        else out.jobWishTypes = [...new Set(list)];
      }
    }
  }
  if (has('trainingWish')) {
    const v = text('trainingWish');
    if (v && !OCCUPATION_CODE.test(v)) issues.push(issue(`${at}.changes.trainingWish`, 'occupation_code', 'must be one occupation code such as 4-10-01-06', '培训意愿应为一个职业代码'));
    else if (v !== undefined) out.trainingWish = v || null;
  }
  if (has('availableFrom')) {
    const v = text('availableFrom');
    if (v && !isIsoDate(v)) issues.push(issue(`${at}.changes.availableFrom`, 'date_format', 'must be a date written YYYY-MM-DD', '可到岗时间应为日期，格式YYYY-MM-DD'));
    else if (v !== undefined) out.availableFrom = v || null;
  }
  if (has('preferredScope')) {
    const t = text('preferredScope');
    const v = t ? LOCATION_SCOPE.parse(t) : null;
    if (t && !v) issues.push(issue(`${at}.changes.preferredScope`, 'value_unknown', `must be one of ${LOCATION_SCOPE.values.join(', ')}`, '期望地点的取值无效'));
    else if (t !== undefined) out.preferredScope = v ?? null;
  }
  if (has('minMonthlyPay')) {
    const n = asAmount(c.minMonthlyPay);
    if (n === undefined) wrongType('minMonthlyPay', c.minMonthlyPay, 'an amount in yuan (a number) or null', '金额（数字）或留空');
    else if (n !== null && (!Number.isFinite(n) || n < 0 || n > 1_000_000)) issues.push(issue(`${at}.changes.minMonthlyPay`, 'amount_range', 'must be an amount in yuan between 0 and 1,000,000', '期望月薪应为0至1,000,000之间的金额（元）'));
    else out.minMonthlyPay = n === null ? null : Math.round(n);
  }
  if (has('phone')) {
    const t = text('phone');
    const p = t === undefined ? undefined : parsePhone(t);
    if (p && !p.ok) issues.push(issue(`${at}.changes.phone`, 'phone_format', PHONE_MESSAGE.en, PHONE_MESSAGE.zh));
    else if (p?.ok) out.phone = p.value;
  }
  if (issues.length || !outcome || outcome === 'unverified') return { ok: false, issues };
  return { ok: true, value: { personId: input.personId, version: input.version, outcome, changes: out } };
}

/** Which side an officer keeps for one field of a conflict. */
export type ConflictSide = 'server' | 'field';

/**
 * The values to write when a conflict is resolved: for each field the verifier recorded, the
 * field value when the officer picked it, nothing when the server value stays. The outcome is a
 * field of its own (`verificationStatus`).
 */
export function resolvedValues<T extends Record<string, unknown>>(fieldValues: T, choices: Record<string, ConflictSide>): { keep: Partial<T>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const keep: Partial<T> = {};
  for (const k of Object.keys(choices)) {
    if (!(k in fieldValues)) issues.push(issue(`choices.${k}`, 'not_in_conflict', 'is not a field of this conflict', '该项不在冲突之中'));
  }
  for (const k of Object.keys(fieldValues)) {
    const side = choices[k];
    if (side !== 'server' && side !== 'field') issues.push(issue(`choices.${k}`, 'choice_required', 'pick server or field for every field of the conflict', '请为每一项选择保留系统值或实地值'));
    else if (side === 'field') (keep as any)[k] = fieldValues[k];
  }
  return { keep, issues };
}

/** Share of a total as a percentage with one decimal, null when there is nothing to count. */
export function percent(part: number, total: number): number | null {
  return total > 0 ? Math.round((part / total) * 1000) / 10 : null;
}
