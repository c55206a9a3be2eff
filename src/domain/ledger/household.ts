import type { FieldIssue } from '../errors.ts';
import { regionDepth } from '../regions/region-code.ts';
import { ageOn } from './id-number.ts';
import { inputText } from './person.ts';
import { AT_WORK, HOUSEHOLD_CATEGORY, MONITORED_SUBTYPE, WORKING_AGE, type EmploymentStatus, type HouseholdCategory, type LaborCapacity, type MonitoredSubtype } from './vocabulary.ts';

export interface HouseholdData {
  householdNo: string;
  villageCode: string;
  address: string | null;
  category: HouseholdCategory;
  monitoredSubtype: MonitoredSubtype | null;
  relocated: boolean;
  /** Per-capita annual income in whole yuan. */
  incomePerCapita: number | null;
}

export type HouseholdInput = { [K in keyof HouseholdData]?: unknown };

const YES = new Set(['是', 'y', 'yes', 'true', '1', '搬迁', '易地搬迁']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '未搬迁']);

/** Checks a household field by field; the village must be a 12-digit code (its existence is checked against the loaded regions by the caller). */
export function validateHousehold(input: HouseholdInput): { ok: true; value: HouseholdData } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const t = inputText;
  const householdNo = t(input.householdNo);
  if (!householdNo) issues.push({ field: 'householdNo', code: 'required', message: 'is required', messageZh: '户编号不能为空' });
  else if (!/^[\w-]{1,40}$/.test(householdNo)) issues.push({ field: 'householdNo', code: 'household_no_format', message: 'must be 1–40 letters, digits, dash or underscore', messageZh: '户编号应为1至40位字母、数字、横线或下划线' });
  const villageCode = t(input.villageCode);
  if (regionDepth(villageCode) !== 5) issues.push({ field: 'villageCode', code: 'village_code_format', message: 'must be a 12-digit village code', messageZh: '村代码应为12位行政区划代码' });
  const category = HOUSEHOLD_CATEGORY.parse(t(input.category));
  if (!category) issues.push({ field: 'category', code: 'value_unknown', message: `must be one of ${HOUSEHOLD_CATEGORY.values.join(', ')}`, messageZh: '户类别应为脱贫户、监测户或一般户' });
  const subtypeText = t(input.monitoredSubtype);
  const monitoredSubtype = subtypeText ? MONITORED_SUBTYPE.parse(subtypeText) ?? null : null;
  if (subtypeText && !monitoredSubtype) issues.push({ field: 'monitoredSubtype', code: 'value_unknown', message: `must be one of ${MONITORED_SUBTYPE.values.join(', ')}`, messageZh: '监测户类型无效' });
  if (category === 'monitored' && !subtypeText) issues.push({ field: 'monitoredSubtype', code: 'subtype_required', message: 'is required for a monitored household (unstable, marginal or sudden_hardship)', messageZh: '监测户须填写监测类型' });
  if (category && category !== 'monitored' && monitoredSubtype) issues.push({ field: 'monitoredSubtype', code: 'subtype_not_allowed', message: 'applies to monitored households only', messageZh: '只有监测户才有监测类型' });
  const rel = typeof input.relocated === 'boolean' ? input.relocated : t(input.relocated).toLowerCase();
  let relocated = false;
  if (typeof rel === 'boolean') relocated = rel;
  else if (YES.has(rel)) relocated = true;
  else if (!NO.has(rel)) issues.push({ field: 'relocated', code: 'yes_no', message: 'must be yes (是) or no (否)', messageZh: '易地搬迁应填“是”或“否”' });
  const incomeText = t(input.incomePerCapita).replace(/[,，元]/g, '');
  let incomePerCapita: number | null = null;
  if (incomeText) {
    const n = Number(incomeText);
    if (!Number.isFinite(n) || n < 0 || n > 10_000_000) issues.push({ field: 'incomePerCapita', code: 'amount_range', message: 'must be an amount in yuan between 0 and 10,000,000', messageZh: '人均年收入应为0至10,000,000之间的金额（元）' });
    else incomePerCapita = Math.round(n);
  }
  const address = t(input.address) || null;
  if (address && address.length > 200) issues.push({ field: 'address', code: 'too_long', message: 'must be at most 200 characters', messageZh: '地址不能超过200个字符' });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { householdNo, villageCode, address, category: category!, monitoredSubtype, relocated, incomePerCapita } };
}

export interface MemberFacts {
  birthDate: string;
  employmentStatus: EmploymentStatus;
  laborCapacity: LaborCapacity;
}

export interface HouseholdFacts {
  members: number;
  workingAge: number;
  employed: number;
  /** 零就业家庭: someone of working age able to work, and nobody at work. */
  zeroEmployment: boolean;
}

/** Facts derived from the members of a household on a date. */
export function householdFacts(members: MemberFacts[], on: string): HouseholdFacts {
  let workingAge = 0;
  let able = 0;
  let employed = 0;
  for (const m of members) {
    const age = ageOn(m.birthDate, on);
    const isWorkingAge = age >= WORKING_AGE.min && age <= WORKING_AGE.max;
    if (isWorkingAge) workingAge++;
    if (isWorkingAge && m.laborCapacity !== 'none') able++;
    if (AT_WORK.has(m.employmentStatus)) employed++;
  }
  return { members: members.length, workingAge, employed, zeroEmployment: able > 0 && employed === 0 };
}
