import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { planTrips, type TransportTraveler, type TravelerId, type VehicleType } from '../../domain/transport/planner.ts';

export interface TransportInput {
  travelers: TransportTraveler[];
  vehicles: VehicleType[];
}

/** The `jiuye solve transport` output: dates as YYYY-MM-DD, costs in the fleet's currency. */
export interface TransportOutput {
  trips: { type: string; date: string; origin: string; destination: string; travelers: TravelerId[] }[];
  cost: number;
  lowerBound: number;
}

/** Listing every bad row of a 40,000-row file helps nobody; the first ones show the pattern. */
const MAX_ISSUES = 20;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real calendar date written YYYY-MM-DD, else undefined. */
export function parseDay(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** YYYY-MM-DD for a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Validates the JSON input, naming every failing field and its rule; throws DomainError. */
export function parseTransportInput(json: unknown): TransportInput {
  const issues: FieldIssue[] = [];
  // Returns false so a check reads `ok = bad(...)`.
  const bad = (field: string, code: string, message: string, params?: Record<string, unknown>): false => {
    issues.push(params ? { field, code, message, params } : { field, code, message });
    return false;
  };
  if (!isRecord(json)) {
    bad('(root)', 'type', 'must be a JSON object with "travelers" and "vehicles"');
    throw DomainError.invalid(issues);
  }

  const vehicles: VehicleType[] = [];
  if (!Array.isArray(json.vehicles)) bad('vehicles', 'required', 'must be an array of vehicle types');
  else if (json.vehicles.length === 0) bad('vehicles', 'min_items', 'must list at least one vehicle type');
  else {
    const types = new Map<string, number>();
    json.vehicles.forEach((v: unknown, i: number) => {
      const at = `vehicles[${i}]`;
      if (!isRecord(v)) return void bad(at, 'type', 'must be an object with type, capacity and cost');
      const { type, capacity, cost } = v;
      let ok = true;
      if (typeof type !== 'string' || type.trim() === '') ok = bad(`${at}.type`, 'required', 'must be a non-empty string');
      else if (types.has(type)) ok = bad(`${at}.type`, 'unique', `duplicate vehicle type "${type}" (also vehicles[${types.get(type)}])`);
      else types.set(type, i);
      if (capacity === undefined) ok = bad(`${at}.capacity`, 'required', 'is missing');
      else if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1)
        ok = bad(`${at}.capacity`, 'min', `must be a whole number of seats, at least 1 (got ${JSON.stringify(capacity)})`);
      if (cost === undefined) ok = bad(`${at}.cost`, 'required', 'is missing');
      else if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 0)
        ok = bad(`${at}.cost`, 'min', `must be a number not below 0 (got ${JSON.stringify(cost)})`);
      if (ok) vehicles.push({ type: type as string, capacity: capacity as number, cost: cost as number });
    });
  }

  const travelers: TransportTraveler[] = [];
  if (!Array.isArray(json.travelers)) bad('travelers', 'required', 'must be an array of travelers');
  else {
    const ids = new Map<string, number>();
    json.travelers.forEach((t: unknown, i: number) => {
      const at = `travelers[${i}]`;
      if (!isRecord(t)) return void bad(at, 'type', 'must be an object with id, origin, destination, earliest and latest');
      const { id, origin, destination } = t;
      let ok = true;
      if (id === undefined) ok = bad(`${at}.id`, 'required', 'is missing');
      else if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isSafeInteger(id))))
        ok = bad(`${at}.id`, 'type', 'must be a non-empty string or a whole number');
      else {
        const key = String(id);
        if (ids.has(key)) ok = bad(`${at}.id`, 'unique', `duplicate traveler id ${JSON.stringify(id)} (also travelers[${ids.get(key)}])`);
        else ids.set(key, i);
      }
      if (origin === undefined) ok = bad(`${at}.origin`, 'required', 'is missing');
      else if (typeof origin !== 'string' || !/^\d+$/.test(origin)) ok = bad(`${at}.origin`, 'format', 'must be a pickup county code, a string of digits');
      if (destination === undefined) ok = bad(`${at}.destination`, 'required', 'is missing');
      else if (typeof destination !== 'string' || destination.trim() === '') ok = bad(`${at}.destination`, 'required', 'must be a non-empty string');
      const days: Record<'earliest' | 'latest', number | undefined> = { earliest: undefined, latest: undefined };
      for (const f of ['earliest', 'latest'] as const) {
        const v = t[f];
        if (v === undefined) ok = bad(`${at}.${f}`, 'required', 'is missing');
        else if (typeof v !== 'string' || (days[f] = parseDay(v)) === undefined)
          ok = bad(`${at}.${f}`, 'date', `must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(v)})`);
      }
      if (days.earliest !== undefined && days.latest !== undefined && days.latest < days.earliest)
        ok = bad(`${at}.latest`, 'window', `must not be before earliest (${t.earliest as string})`, { earliest: t.earliest });
      if (ok) travelers.push({ id: id as TravelerId, origin: origin as string, destination: destination as string, earliest: days.earliest!, latest: days.latest! });
    });
  }

  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_ISSUES);
    const more = issues.length - shown.length;
    throw DomainError.invalid(shown, more > 0 ? `The input is not valid (${issues.length} problems, the first ${MAX_ISSUES} listed)` : undefined);
  }
  return { travelers, vehicles };
}

/** Money to the fen: removes float noise from sums without reordering plan against bound. */
function money(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Parses, plans and formats one `solve transport` request. */
export function solveTransportJson(json: unknown): TransportOutput {
  const input = parseTransportInput(json);
  const plan = planTrips(input.travelers, input.vehicles);
  return {
    trips: plan.trips.map((t) => ({ type: t.type, date: formatDay(t.day), origin: t.origin, destination: t.destination, travelers: t.travelers })),
    cost: money(plan.cost),
    lowerBound: money(plan.lowerBound),
  };
}
