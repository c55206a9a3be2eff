import { isIsoDate } from '../dates.ts';
import { DomainError, type FieldIssue } from '../errors.ts';

/**
 * The period of an audit trail filter. Audit times are stored as UTC ISO text with milliseconds
 * (`2026-05-01T00:30:00.000Z`), so both bounds come back in that form and compare as text.
 *
 * Each bound is a date `YYYY-MM-DD` or an ISO date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`.
 * A date is a day in China (UTC+8, where every record is dated), and so is a date-time without an
 * offset. A date as `to` takes in that whole day.
 */
export interface AuditPeriod {
  /** Earliest time included. */
  from?: string;
  /** Latest time included. */
  to?: string;
}

const CHINA_OFFSET = '+08:00';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const FORMAT = 'must be a date YYYY-MM-DD or an ISO date-time such as 2026-05-01T08:30:00+08:00';
const FORMAT_ZH = '须为日期 YYYY-MM-DD 或 ISO 日期时间，如 2026-05-01T08:30:00+08:00';

function validOffset(z: string | undefined): boolean {
  if (z == null || z === 'Z') return true;
  const [h, m] = z.slice(1).split(':').map(Number);
  return h <= 14 && m <= 59;
}

/** The instant a bound stands for, as stored text; `end` makes a date the last millisecond of its day. */
function instant(value: string, end: boolean): string | null {
  const day = DATE.exec(value);
  if (day) {
    if (!isIsoDate(value)) return null;
    const start = Date.parse(`${value}T00:00:00.000${CHINA_OFFSET}`);
    return new Date(end ? start + 86_400_000 - 1 : start).toISOString();
  }
  const t = DATE_TIME.exec(value);
  if (!t) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = t;
  if (!isIsoDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || !validOffset(zone)) return null;
  // Stored times have milliseconds; finer digits cannot tell two of them apart.
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${zone ?? CHINA_OFFSET}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Checks and normalises the `from` and `to` of an audit query; throws `validation_failed` naming each bad bound. */
export function auditPeriod(from: string | undefined, to: string | undefined): AuditPeriod {
  const issues: FieldIssue[] = [];
  const bound = (field: 'from' | 'to', value: string | undefined): string | undefined => {
    if (value == null || value === '') return undefined;
    const at = instant(value, field === 'to');
    if (at == null) issues.push({ field, code: 'datetime_format', message: FORMAT, messageZh: FORMAT_ZH });
    return at ?? undefined;
  };
  const period = { from: bound('from', from), to: bound('to', to) };
  if (period.from && period.to && period.to < period.from) {
    issues.push({ field: 'to', code: 'period_order', message: `may not be before from (${from})`, messageZh: '结束时间不能早于开始时间', params: { from } });
  }
  if (issues.length) throw DomainError.invalid(issues);
  return period;
}
