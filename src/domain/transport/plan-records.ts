import { DomainError } from '../errors.ts';
import { codeAtDepth, regionDepth } from '../regions/region-code.ts';
import type { FleetVehicle } from './fleet.ts';
import { compareIds, type PlannedTrip, type TransportTraveler } from './planner.ts';
import type { Destination, Pickup } from './trip-rules.ts';
import type { Department } from './vocabulary.ts';

const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Someone who needs a ride, as the records give it. */
export interface TravelerCandidate {
  personId: number;
  /** Home village code (12 digits). */
  villageCode: string;
  /** The first day they can travel: the hire's start date, else their available-from date. */
  startDate: string;
  destination: Destination;
  /** Where the need comes from: `employment` (a hire), `referral` (an intention), `ledger` (the person's record). */
  source: 'employment' | 'referral' | 'ledger';
}

export interface PlanWindow {
  /** No trip before this day (YYYY-MM-DD): planning does not schedule the past. */
  from: string;
  /** Days each traveler's window lasts, counted from its first day. */
  windowDays: number;
  /** Travelers whose first day is after this are left for a later plan. */
  to?: string;
}

export type Exclusion = 'no_village' | 'same_county' | 'after_window';

/** The destination key trips are grouped by: one employer site, or one city. */
export function destinationKey(d: Destination): string {
  return d.kind === 'employer' && d.employerId != null ? `employer:${d.employerId}` : `city:${d.regionCode}`;
}

/**
 * Turns candidates into planner travelers: pickup county = the county of the home village, window
 * = [max(start, from), that + windowDays − 1]. People whose work is inside their home county need
 * no charter and are left out, as are those whose first day is after `to`.
 */
export function travelersOf(candidates: readonly TravelerCandidate[], w: PlanWindow) {
  if (!Number.isInteger(w.windowDays) || w.windowDays < 1 || w.windowDays > 60) {
    throw DomainError.invalid([{ field: 'windowDays', code: 'window_range', message: 'must be a whole number of days from 1 to 60', messageZh: '出行窗口应为1至60天' }]);
  }
  const from = dayOf(w.from);
  const to = w.to ? dayOf(w.to) : Infinity;
  const travelers: TransportTraveler[] = [];
  const excluded: Record<Exclusion, number> = { no_village: 0, same_county: 0, after_window: 0 };
  const byId = new Map<number, TravelerCandidate>();
  for (const c of candidates) {
    if (byId.has(c.personId)) continue;
    const county = regionDepth(c.villageCode) >= 3 ? codeAtDepth(c.villageCode, 3) : null;
    if (!county) {
      excluded.no_village++;
      continue;
    }
    if (c.destination.regionCode.startsWith(county)) {
      excluded.same_county++;
      continue;
    }
    const earliest = Math.max(dayOf(c.startDate), from);
    if (earliest > to) {
      excluded.after_window++;
      continue;
    }
    byId.set(c.personId, c);
    travelers.push({ id: c.personId, origin: county, destination: destinationKey(c.destination), earliest, latest: earliest + w.windowDays - 1 });
  }
  return { travelers, excluded, byId };
}

/** A trip of a plan, ready to store: its route, vehicle and seated passengers. */
export interface ProposedTrip {
  mode: FleetVehicle['mode'];
  vehicleType: string;
  capacity: number;
  costFen: number;
  originCounty: string;
  travelDate: string;
  destination: Destination;
  pickups: Pickup[];
  departments: Department[];
  /** Passengers by seat: person, seat number (from 1), index of their pickup point. */
  passengers: { personId: number; seatNo: number; pickupIndex: number }[];
}

/** First pickup at 07:00, then one every half hour, ending at the county seat. */
const FIRST_PICKUP_MIN = 7 * 60;
const PICKUP_STEP_MIN = 30;

function hhmm(min: number): string {
  const m = Math.min(min, 23 * 60 + 59);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Lays out the planner's trips as records: each passenger is picked up at their township, the
 * townships in code order and then the county seat; seats are numbered in pickup order, then by
 * person id, so the manifest reads in the order people get on.
 */
export function proposeTrips(planned: readonly PlannedTrip[], fleet: readonly FleetVehicle[], people: ReadonlyMap<number, TravelerCandidate>, names: ReadonlyMap<string, string>): ProposedTrip[] {
  const vehicles = new Map(fleet.map((v) => [v.type, v]));
  return planned.map((t) => {
    const v = vehicles.get(t.type);
    if (!v) throw new Error(`the plan uses vehicle type ${t.type} that is not in the fleet`);
    const riders = t.travelers.map((id) => people.get(Number(id))!).sort((a, b) => (a.villageCode.slice(0, 9) < b.villageCode.slice(0, 9) ? -1 : a.villageCode.slice(0, 9) > b.villageCode.slice(0, 9) ? 1 : compareIds(a.personId, b.personId)));
    const towns = [...new Set(riders.map((r) => r.villageCode.slice(0, 9)))];
    const pickups: Pickup[] = towns.map((code, i) => ({ regionCode: code, kind: 'township', name: names.get(code) ?? code, time: hhmm(FIRST_PICKUP_MIN + i * PICKUP_STEP_MIN) }));
    pickups.push({ regionCode: t.origin, kind: 'county_seat', name: names.get(t.origin) ?? t.origin, time: hhmm(FIRST_PICKUP_MIN + towns.length * PICKUP_STEP_MIN) });
    const townIndex = new Map(towns.map((c, i) => [c, i]));
    const departments: Department[] = v.mode === 'train_carriage' ? ['human_resources', 'transport', 'health', 'railway'] : v.mode === 'chartered_plane' ? ['human_resources', 'transport', 'health', 'civil_aviation'] : ['human_resources', 'transport', 'public_security', 'health'];
    return {
      mode: v.mode,
      vehicleType: v.type,
      capacity: v.capacity,
      costFen: v.costFen,
      originCounty: t.origin,
      travelDate: isoOf(t.day),
      destination: riders[0].destination,
      pickups,
      departments,
      passengers: riders.map((r, i) => ({ personId: r.personId, seatNo: i + 1, pickupIndex: townIndex.get(r.villageCode.slice(0, 9))! })),
    };
  });
}
