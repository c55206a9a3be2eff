import { isIsoDate } from '../dates.ts';
import type { FieldIssue } from '../errors.ts';
import { occupationAffinity, OCCUPATION_CODE } from '../occupations/catalog.ts';
import { AT_WORK, type EmploymentStatus } from '../ledger/vocabulary.ts';

/** How a course is taught: online theory, offline practice, or both. */
export const COURSE_MODES = ['online', 'offline', 'blended'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const COURSE_STATUSES = ['open', 'finished', 'cancelled'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const ENROLLMENT_STATUSES = ['enrolled', 'completed', 'dropped'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export interface CourseDraft {
  title: string;
  occupationCode: string;
  mode: CourseMode;
  hours: number;
  startsOn: string;
  endsOn: string;
  schedule: string;
  place: string | null;
  onlinePlatform: string | null;
  capacity: number;
  subsidyApplies: boolean;
}

function issue(field: string, code: string, message: string, messageZh: string, params?: Record<string, unknown>): FieldIssue {
  return { field, code, message, messageZh, ...(params ? { params } : {}) };
}

/** Limits a course must keep; quoted in the messages. */
export const COURSE_LIMITS = { maxHours: 2000, maxCapacity: 1000, maxTitle: 100 };

/** Checks a course: an offline part needs a place, an online part a platform; dates in order. */
export function checkCourse(d: CourseDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!d.title.trim()) issues.push(issue('title', 'required', 'is required', '课程名称不能为空'));
  else if (d.title.length > COURSE_LIMITS.maxTitle) issues.push(issue('title', 'too_long', `must be at most ${COURSE_LIMITS.maxTitle} characters`, `课程名称不能超过${COURSE_LIMITS.maxTitle}个字符`));
  if (!OCCUPATION_CODE.test(d.occupationCode)) issues.push(issue('occupationCode', 'occupation_code', 'must be an occupation code such as 4-10-01-06', '职业代码格式不正确'));
  if (!(COURSE_MODES as readonly string[]).includes(d.mode)) issues.push(issue('mode', 'value_unknown', `must be one of ${COURSE_MODES.join(', ')}`, '培训方式无效'));
  if (!Number.isInteger(d.hours) || d.hours < 1 || d.hours > COURSE_LIMITS.maxHours) issues.push(issue('hours', 'hours_range', `must be a whole number of hours from 1 to ${COURSE_LIMITS.maxHours}`, `课时应为1至${COURSE_LIMITS.maxHours}的整数`, { max: COURSE_LIMITS.maxHours }));
  if (!Number.isInteger(d.capacity) || d.capacity < 1 || d.capacity > COURSE_LIMITS.maxCapacity) issues.push(issue('capacity', 'capacity_range', `must be from 1 to ${COURSE_LIMITS.maxCapacity}`, `招收人数应为1至${COURSE_LIMITS.maxCapacity}`, { max: COURSE_LIMITS.maxCapacity }));
  if (!isIsoDate(d.startsOn)) issues.push(issue('startsOn', 'date_format', 'must be a date written YYYY-MM-DD', '开课日期格式应为YYYY-MM-DD'));
  if (!isIsoDate(d.endsOn)) issues.push(issue('endsOn', 'date_format', 'must be a date written YYYY-MM-DD', '结课日期格式应为YYYY-MM-DD'));
  else if (isIsoDate(d.startsOn) && d.endsOn < d.startsOn) issues.push(issue('endsOn', 'ends_before_start', 'must not be before the start date', '结课日期不能早于开课日期'));
  if (d.mode !== 'online' && !d.place?.trim()) issues.push(issue('place', 'place_required', 'is required for offline practice', '线下实操须填写培训地点'));
  if (d.mode !== 'offline' && !d.onlinePlatform?.trim()) issues.push(issue('onlinePlatform', 'platform_required', 'is required for online theory', '线上理论须填写线上平台'));
  return issues;
}

/** Affinity a wish needs to fit a course: the same minor group (小类) of the classification or closer. */
export const TARGET_AFFINITY = 3;

/** How well a person's wishes fit a course's occupation: the best affinity, and what it came from. */
export function wishFit(courseOccupation: string, trainingWish: string | null, jobWishes: string[]): { affinity: number; via: 'training_wish' | 'job_wish' | null } {
  let best = { affinity: 0, via: null as 'training_wish' | 'job_wish' | null };
  if (trainingWish) {
    const a = occupationAffinity(courseOccupation, trainingWish);
    if (a > best.affinity) best = { affinity: a, via: 'training_wish' };
  }
  for (const w of jobWishes) {
    const a = occupationAffinity(courseOccupation, w);
    if (a > best.affinity) best = { affinity: a, via: 'job_wish' };
  }
  return best.affinity >= TARGET_AFFINITY ? best : { affinity: best.affinity, via: null };
}

/** The minor-group prefix (e.g. 4-10-01) whose codes can fit a course, for narrowing a query. */
export function targetPrefix(occupationCode: string): string {
  return occupationCode.split('-').slice(0, TARGET_AFFINITY).join('-');
}

/** The date three months after `date` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** Months after completion in which a job counts as an outcome of the training. */
export const OUTCOME_MONTHS = 3;

/**
 * Whether a trained person is at work within the outcome window: an employment spell starting
 * between completion and completion + 3 months; without such records the ledger's current
 * employment status stands in (it keeps no date of change, so it is read as a snapshot).
 */
export function atWorkWithin(completedOn: string, spells: { startDate: string }[], ledgerStatus: EmploymentStatus | string): boolean {
  const until = addMonths(completedOn, OUTCOME_MONTHS);
  if (spells.some((s) => s.startDate <= until && s.startDate >= completedOn)) return true;
  return AT_WORK.has(ledgerStatus as EmploymentStatus);
}
