import { isIsoDate } from '../dates.ts';
import type { FieldIssue } from '../errors.ts';
import { isRegionCode } from '../regions/region-code.ts';
import { creditCodeMessage, creditCodeProblem } from './credit-code.ts';
import { OPERATING_STATUSES, type OperatingStatus } from './vocabulary.ts';

/** An employer as it is about to be saved. */
export interface EmployerDraft {
  name: string;
  creditCode: string;
  regionCode: string;
  address: string;
  industry: string;
  isSme: boolean;
  contactName: string;
  contactPhone: string;
  operatingStatus: OperatingStatus | string;
  statusDate: string | null;
  employeesTotal: number;
  poorEmployees: number;
  isWorkshop: boolean;
  workshopRecognizedOn: string | null;
}

const PHONE = /^[+\d][\d\s-]{5,19}$/;

/** Every rule an employer record must meet (empty = valid). The credit code must be normalized first. */
export function checkEmployer(e: EmployerDraft): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!e.name.trim()) out.push({ field: 'name', code: 'required', message: 'is required', messageZh: '请填写单位名称' });
  const cc = creditCodeProblem(e.creditCode);
  if (cc) out.push({ field: 'creditCode', code: cc, ...creditCodeMessage(cc, e.creditCode) });
  if (!isRegionCode(e.regionCode)) out.push({ field: 'regionCode', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码须为2、4、6、9或12位数字' });
  if (e.contactPhone && !PHONE.test(e.contactPhone)) out.push({ field: 'contactPhone', code: 'phone_format', message: 'must be a telephone number of 6 to 20 digits (dashes allowed)', messageZh: '联系电话格式不正确' });
  if (!(OPERATING_STATUSES as readonly string[]).includes(e.operatingStatus)) {
    out.push({ field: 'operatingStatus', code: 'operating_status_unknown', message: `must be one of ${OPERATING_STATUSES.join(', ')}`, messageZh: '经营状态无效' });
  } else if (e.operatingStatus !== 'operating' && !isIsoDate(e.statusDate)) {
    out.push({ field: 'statusDate', code: 'status_date_required', message: `the date of ${e.operatingStatus === 'resumed' ? 'resumption' : 'suspension'} is required (YYYY-MM-DD)`, messageZh: e.operatingStatus === 'resumed' ? '请填写复工日期' : '请填写停工日期' });
  } else if (e.statusDate != null && e.statusDate !== '' && !isIsoDate(e.statusDate)) {
    out.push({ field: 'statusDate', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  }
  if (!Number.isInteger(e.employeesTotal) || e.employeesTotal < 0) out.push({ field: 'employeesTotal', code: 'count_negative', message: 'must be a whole number, zero or more', messageZh: '职工总数须为非负整数' });
  if (!Number.isInteger(e.poorEmployees) || e.poorEmployees < 0) out.push({ field: 'poorEmployees', code: 'count_negative', message: 'must be a whole number, zero or more', messageZh: '吸纳贫困劳动力人数须为非负整数' });
  else if (e.poorEmployees > e.employeesTotal) out.push({ field: 'poorEmployees', code: 'poor_exceeds_total', message: `may not exceed the total employees (${e.employeesTotal})`, messageZh: `不能超过职工总数（${e.employeesTotal}）`, params: { employeesTotal: e.employeesTotal } });
  if (e.workshopRecognizedOn && !isIsoDate(e.workshopRecognizedOn)) out.push({ field: 'workshopRecognizedOn', code: 'date_format', message: 'must be a date YYYY-MM-DD', messageZh: '日期格式应为 YYYY-MM-DD' });
  if (e.workshopRecognizedOn && !e.isWorkshop) out.push({ field: 'workshopRecognizedOn', code: 'workshop_date_without_recognition', message: 'is only for recognised poverty-alleviation workshops', messageZh: '仅扶贫车间填写认定日期' });
  return out;
}

/** Counts of employers by operating status. */
export interface OperatingCounts {
  operating: number;
  resumed: number;
  suspended: number;
}

/**
 * Operating rate = (operating + resumed) ÷ registered; resumption rate = resumed ÷ (resumed +
 * suspended), the share of the employers that had stopped which are back at work. Null when the
 * denominator is zero.
 */
export function operatingRates(c: OperatingCounts): { registered: number; operatingRate: number | null; resumptionRate: number | null } {
  const registered = c.operating + c.resumed + c.suspended;
  const stopped = c.resumed + c.suspended;
  return {
    registered,
    operatingRate: registered ? (c.operating + c.resumed) / registered : null,
    resumptionRate: stopped ? c.resumed / stopped : null,
  };
}
