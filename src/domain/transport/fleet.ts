import { DomainError, type FieldIssue } from '../errors.ts';
import { MAX_CAPACITY, MAX_COST_FEN } from './trip-rules.ts';
import type { VehicleType } from './vehicle-cover.ts';
import { TRIP_MODES, type TripMode } from './vocabulary.ts';

/** A vehicle type that may be hired: how it travels, how many it seats, what one run costs in fen. */
export interface FleetVehicle {
  type: string;
  mode: TripMode;
  capacity: number;
  costFen: number;
}

/**
 * The fleet a county hires from when the planner is given none: one-way charter prices of Shanxi
 * coach companies for a run of up to about 300 km in spring 2020 (a 45-seat coach about 3,800
 * yuan, a 19-seat minibus about 1,900, a 4-seat car about 600).
 */
export const DEFAULT_FLEET: readonly FleetVehicle[] = [
  { type: 'coach-45', mode: 'coach', capacity: 45, costFen: 380_000 },
  { type: 'minibus-19', mode: 'minibus', capacity: 19, costFen: 190_000 },
  { type: 'car-4', mode: 'car', capacity: 4, costFen: 60_000 },
];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a fleet: `[{type, mode, capacity, costFen}]`, or `{"vehicles": [...]}`. `mode` may be left
 * out when the type names a mode; `cost` in yuan is accepted for `costFen`.
 */
export function parseFleet(json: unknown): FleetVehicle[] {
  const list = isRecord(json) ? json.vehicles : json;
  const issues: FieldIssue[] = [];
  const bad = (field: string, code: string, message: string, messageZh: string) => issues.push({ field, code, message, messageZh });
  if (!Array.isArray(list) || list.length === 0) {
    bad('fleet', 'required', 'must be a non-empty list of vehicle types {type, mode, capacity, costFen}', '车型列表不能为空');
    throw DomainError.invalid(issues);
  }
  const out: FleetVehicle[] = [];
  const seen = new Set<string>();
  list.forEach((v: unknown, i: number) => {
    const at = `fleet.${i}`;
    if (!isRecord(v)) return void bad(at, 'type', 'must be an object {type, mode, capacity, costFen}', '车型应为对象');
    const type = typeof v.type === 'string' ? v.type.trim() : '';
    const mode = (v.mode ?? type) as string;
    const capacity = v.capacity as number;
    const costFen = v.costFen !== undefined ? (v.costFen as number) : typeof v.cost === 'number' ? Math.round(v.cost * 100) : NaN;
    let ok = true;
    if (!type || type.length > 40) ok = !bad(`${at}.type`, 'required', 'must be a name of 1 to 40 characters', '车型名称不能为空');
    else if (seen.has(type)) ok = !bad(`${at}.type`, 'unique', `duplicate vehicle type ${type}`, '车型重复');
    if (!(TRIP_MODES as readonly string[]).includes(mode)) ok = !bad(`${at}.mode`, 'value_unknown', `must be one of ${TRIP_MODES.join(', ')}`, '交通方式取值无效');
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) ok = !bad(`${at}.capacity`, 'capacity_range', `must be a whole number of seats from 1 to ${MAX_CAPACITY}`, `核载人数应为1至${MAX_CAPACITY}的整数`);
    if (!Number.isSafeInteger(costFen) || costFen < 0 || costFen > MAX_COST_FEN) ok = !bad(`${at}.costFen`, 'cost_range', `must be whole fen from 0 to ${MAX_COST_FEN}`, '费用应为整数分');
    if (ok) {
      seen.add(type);
      out.push({ type, mode: mode as TripMode, capacity, costFen });
    }
  });
  if (issues.length) throw DomainError.invalid(issues.slice(0, 20));
  return out;
}

/** The planner's view of a fleet: costs in fen, so plan costs are exact. */
export function plannerVehicles(fleet: readonly FleetVehicle[]): VehicleType[] {
  return fleet.map((v) => ({ type: v.type, capacity: v.capacity, cost: v.costFen }));
}
