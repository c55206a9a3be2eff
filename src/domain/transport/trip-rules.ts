import { isIsoDate } from '../dates.ts';
import { DomainError, type FieldIssue } from '../errors.ts';
import { regionDepth } from '../regions/region-code.ts';
import {
  DEPARTMENTS, DESTINATION_KINDS, PICKUP_KINDS, TRIP_MODES, TRIP_STATUS_LABELS,
  type Department, type DestinationKind, type PickupKind, type TripMode, type TripStatus,
} from './vocabulary.ts';

export interface Pickup {
  /** Region code of the pickup point: the county seat (6 digits) or a township (9 digits) of the trip's county. */
  regionCode: string;
  kind: PickupKind;
  name: string;
  /** Local time HH:MM. */
  time: string;
}

export interface Destination {
  kind: DestinationKind;
  /** Region code of the work site or city (any province). */
  regionCode: string;
  name: string;
  employerId: number | null;
}

/** What a trip is, before it is stored. Money is integer fen. */
export interface TripDraft {
  mode: TripMode;
  vehicleType: string;
  capacity: number;
  costFen: number;
  originCounty: string;
  pickups: Pickup[];
  destination: Destination;
  travelDate: string;
  departments: Department[];
  escortName: string;
  vehiclePlate: string;
  notes: string;
}

/** Seats of the largest vehicle a trip may have: a chartered plane. */
export const MAX_CAPACITY = 400;
/** The most a single vehicle may cost, in fen (a chartered plane runs to a few hundred thousand yuan). */
export const MAX_COST_FEN = 100_000_000;

function issue(field: string, code: string, message: string, messageZh: string, params?: Record<string, unknown>): FieldIssue {
  return { field, code, message, messageZh, ...(params ? { params } : {}) };
}

/** Checks a trip draft field by field and returns every failing rule. */
export function checkTrip(d: TripDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(TRIP_MODES as readonly string[]).includes(d.mode)) issues.push(issue('mode', 'value_unknown', `must be one of ${TRIP_MODES.join(', ')}`, '交通方式取值无效', { allowed: TRIP_MODES }));
  if (!d.vehicleType.trim() || d.vehicleType.length > 40) issues.push(issue('vehicleType', 'required', 'must be a vehicle type of 1 to 40 characters', '车型不能为空且不超过40个字符'));
  if (!Number.isInteger(d.capacity) || d.capacity < 1 || d.capacity > MAX_CAPACITY) {
    issues.push(issue('capacity', 'capacity_range', `must be a whole number of seats from 1 to ${MAX_CAPACITY}`, `核载人数应为1至${MAX_CAPACITY}的整数`, { min: 1, max: MAX_CAPACITY }));
  }
  if (!Number.isSafeInteger(d.costFen) || d.costFen < 0 || d.costFen > MAX_COST_FEN) {
    issues.push(issue('cost', 'cost_range', `must be an amount from 0 to ${MAX_COST_FEN / 100} yuan`, `费用应在0至${MAX_COST_FEN / 100}元之间`, { max: MAX_COST_FEN / 100 }));
  }
  if (regionDepth(d.originCounty) !== 3) issues.push(issue('originCounty', 'county_code', 'must be the 6-digit code of the pickup county', '出发县应为6位县级区划代码'));
  if (d.pickups.length === 0) issues.push(issue('pickups', 'required', 'must list at least one pickup point', '至少需要一个上车点'));
  if (d.pickups.length > 30) issues.push(issue('pickups', 'too_many', 'must list at most 30 pickup points', '上车点不能超过30个', { max: 30 }));
  d.pickups.forEach((p, i) => {
    const at = `pickups.${i}`;
    if (!(PICKUP_KINDS as readonly string[]).includes(p.kind)) issues.push(issue(`${at}.kind`, 'value_unknown', `must be one of ${PICKUP_KINDS.join(', ')}`, '上车点类型无效'));
    const depth = p.kind === 'county_seat' ? 3 : 4;
    if (regionDepth(p.regionCode) !== depth || !p.regionCode.startsWith(d.originCounty)) {
      issues.push(issue(`${at}.regionCode`, 'pickup_outside_county', `must be ${p.kind === 'county_seat' ? 'the county' : 'a township'} of the trip's county ${d.originCounty}`, '上车点必须在本趟车的出发县内'));
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(p.time)) issues.push(issue(`${at}.time`, 'time_format', 'must be a time written HH:MM', '上车时间格式应为HH:MM'));
    if (p.name.length > 100) issues.push(issue(`${at}.name`, 'too_long', 'must be at most 100 characters', '上车点名称不能超过100个字符'));
  });
  for (let i = 1; i < d.pickups.length; i++) {
    if (d.pickups[i].time < d.pickups[i - 1].time) issues.push(issue(`pickups.${i}.time`, 'pickup_order', 'must not be before the previous pickup point', '上车时间不能早于前一个上车点'));
  }
  if (!(DESTINATION_KINDS as readonly string[]).includes(d.destination.kind)) issues.push(issue('destination.kind', 'value_unknown', `must be one of ${DESTINATION_KINDS.join(', ')}`, '目的地类型无效'));
  if (regionDepth(d.destination.regionCode) === 0) issues.push(issue('destination.regionCode', 'region_code_format', 'must be a region code of 2, 4, 6, 9 or 12 digits', '目的地区划代码格式不正确'));
  if (!d.destination.name.trim() || d.destination.name.length > 200) issues.push(issue('destination.name', 'required', 'must be a name of 1 to 200 characters', '目的地名称不能为空且不超过200个字符'));
  if (d.destination.kind === 'employer' && d.destination.employerId == null) issues.push(issue('destination.employerId', 'required', 'is required when the destination is an employer site', '目的地为用人单位时须指定单位'));
  if (!isIsoDate(d.travelDate)) issues.push(issue('travelDate', 'date_format', 'must be a date written YYYY-MM-DD', '出行日期格式应为YYYY-MM-DD'));
  for (const [i, dep] of d.departments.entries()) {
    if (!(DEPARTMENTS as readonly string[]).includes(dep)) issues.push(issue(`departments.${i}`, 'value_unknown', `must be one of ${DEPARTMENTS.join(', ')}`, '部门取值无效', { allowed: DEPARTMENTS }));
  }
  if (!d.departments.includes('human_resources')) issues.push(issue('departments', 'lead_department', 'must include human_resources, the department that leads point-to-point transport', '点对点运输由人社部门牵头，部门中须包含人社部门'));
  if (d.escortName.length > 50) issues.push(issue('escortName', 'too_long', 'must be at most 50 characters', '带队人姓名不能超过50个字符'));
  if (d.vehiclePlate.length > 20) issues.push(issue('vehiclePlate', 'too_long', 'must be at most 20 characters', '车牌号不能超过20个字符'));
  if (d.notes.length > 1000) issues.push(issue('notes', 'too_long', 'must be at most 1000 characters', '备注不能超过1000个字符'));
  return issues;
}

/** The allowed moves of the trip state machine. */
const NEXT: Record<TripStatus, readonly TripStatus[]> = {
  planned: ['boarding', 'cancelled'],
  boarding: ['departed', 'cancelled'],
  departed: ['arrived'],
  arrived: [],
  cancelled: [],
};

/** The statuses a trip may move to from `from`. */
export function nextStatuses(from: TripStatus): readonly TripStatus[] {
  return NEXT[from];
}

/** Throws `trip_transition_invalid` unless the state machine allows `from` → `to`. */
export function assertTransition(from: TripStatus, to: TripStatus): void {
  if (NEXT[from].includes(to)) return;
  const allowed = NEXT[from];
  throw new DomainError(
    'trip_transition_invalid',
    `A ${from} trip cannot become ${to}; ${allowed.length ? `it may become ${allowed.join(' or ')}` : 'it is final'}` +
      ` (${TRIP_STATUS_LABELS[from].zh}的车次不能改为${TRIP_STATUS_LABELS[to].zh})`,
    { details: { from, to, allowed } },
  );
}

/** The trip's vehicle, route and date may change only before boarding starts. */
export function assertEditable(status: TripStatus): void {
  if (status !== 'planned') {
    throw new DomainError('trip_not_editable', `A ${status} trip can no longer be changed; only a planned trip can (已开始登车的车次不能修改)`, { details: { status } });
  }
}

/** Throws `trip_over_capacity` when `seated` people would not fit in `capacity` seats. */
export function assertCapacity(capacity: number, seated: number): void {
  if (seated > capacity) {
    throw new DomainError('trip_over_capacity', `The vehicle has ${capacity} seats and ${seated} passengers would be on it (超出核载人数${capacity}人)`, { details: { capacity, seated } });
  }
}

/** The lowest seat numbers from 1 not in `taken`, `count` of them. */
export function freeSeats(capacity: number, taken: Iterable<number>, count: number): number[] {
  const used = new Set(taken);
  const out: number[] = [];
  for (let s = 1; s <= capacity && out.length < count; s++) if (!used.has(s)) out.push(s);
  assertCapacity(capacity, used.size + count);
  return out;
}

/** Throws `seat_invalid` or `seat_taken` unless `seat` is a free seat of the vehicle. */
export function assertSeat(capacity: number, taken: Iterable<number>, seat: number): void {
  if (!Number.isInteger(seat) || seat < 1 || seat > capacity) {
    throw DomainError.invalid([issue('seatNo', 'seat_invalid', `must be a seat number from 1 to ${capacity}`, `座位号应在1至${capacity}之间`, { max: capacity })]);
  }
  for (const t of taken) if (t === seat) throw new DomainError('seat_taken', `Seat ${seat} is taken (座位${seat}已有人)`, { details: { seat } });
}
