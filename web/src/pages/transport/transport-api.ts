import { DEFAULT_FLEET, type FleetVehicle } from '../../../../src/domain/transport/fleet.ts';
import { TEMPERATURE_LIMIT_C } from '../../../../src/domain/transport/boarding.ts';
import { DEPARTMENT_LABELS, TRIP_MODE_LABELS, TRIP_MODES, TRIP_STATUS_LABELS, TRIP_STATUSES, type Department, type TripMode, type TripStatus } from '../../../../src/domain/transport/vocabulary.ts';

export { DEFAULT_FLEET, TEMPERATURE_LIMIT_C, TRIP_MODES, TRIP_STATUSES };
export type { FleetVehicle, TripMode, TripStatus };

export interface Pickup {
  regionCode: string;
  kind: 'county_seat' | 'township';
  name: string;
  time: string;
}

export interface Destination {
  kind: 'employer' | 'city';
  regionCode: string;
  name: string;
  employerId: number | null;
  regionName: string | null;
}

export interface Trip {
  id: number;
  mode: TripMode;
  vehicleType: string;
  capacity: number;
  costFen: number;
  originCounty: string;
  originName: string | null;
  pickups: Pickup[];
  destination: Destination;
  travelDate: string;
  departments: Department[];
  status: TripStatus;
  nextStatuses: TripStatus[];
  escortName: string;
  vehiclePlate: string;
  notes: string;
  planRef: string | null;
  cancelReason: string | null;
  boardingAt: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  seated: number;
  seatsFree: number;
  updatedAt: string;
  version: number;
}

export type PassengerStatus = 'listed' | 'boarded' | 'arrived' | 'absent' | 'removed';

export interface Passenger {
  id: number;
  personId: number;
  name: string;
  gender: string;
  idNumber: string;
  phone: string | null;
  villageCode: string;
  householdCategory: string;
  poor: boolean;
  seatNo: number | null;
  pickupIndex: number;
  status: PassengerStatus;
  check: { temperature: number | null; healthCertificate: boolean; kitIssued: boolean; checkedAt: string; mayBoard: boolean } | null;
  boardedAt: string | null;
  arrivedAt: string | null;
  costShareFen: number | null;
  claimId: number | null;
}

export interface TripDetail extends Trip {
  passengers: Passenger[];
}

export interface PlannedTrip {
  id?: number;
  mode: string;
  vehicleType: string;
  capacity: number;
  costFen: number;
  originCounty: string;
  originName: string | null;
  travelDate: string;
  destination: Destination;
  pickups: Pickup[];
  passengers: { personId: number; seatNo: number; pickupIndex: number }[];
}

export interface PlanGroup {
  originCounty: string;
  originName: string | null;
  destination: string;
  destinationName: string;
  destinationRegion: string;
  trips: number;
  people: number;
  costFen: number;
  byMode: Record<string, number>;
  dates: string[];
}

export interface PlanResult {
  region: string;
  from: string;
  to: string | null;
  windowDays: number;
  committed: boolean;
  planRef: string | null;
  fleet: FleetVehicle[];
  travelers: number;
  sources: { employment: number; referral: number; ledger: number };
  alreadyOnTrips: number;
  excluded: Record<string, number>;
  costFen: number;
  lowerBoundFen: number;
  gap: number;
  groups: number;
  provenGroups: number;
  ms: number;
  byGroup: PlanGroup[];
  trips: PlannedTrip[];
}

export interface Figures {
  trips: number;
  seats: number;
  costFen: number;
  vehiclesByMode: Record<string, number>;
  scheduled: number;
  transported: number;
  poorTransported: number;
  subsidyPaidFen: number;
}

export interface TripReport {
  region: string;
  regionName: string | null;
  total: Figures;
  byRegion: (Figures & { regionCode: string; regionName: string | null })[];
  byDay: (Figures & { day: string })[];
}

/** Fen as yuan text with two decimals: 380000 → "3,800.00". */
export function yuan(fen: number | null | undefined): string {
  if (fen == null) return '—';
  return (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function modeLabel(mode: string, lang: 'zh-CN' | 'en'): string {
  const l = TRIP_MODE_LABELS[mode as TripMode];
  return l ? (lang === 'en' ? l.en : l.zh) : mode;
}

export function statusLabel(status: string, lang: 'zh-CN' | 'en'): string {
  const l = TRIP_STATUS_LABELS[status as TripStatus];
  return l ? (lang === 'en' ? l.en : l.zh) : status;
}

export function departmentLabel(d: string, lang: 'zh-CN' | 'en'): string {
  const l = DEPARTMENT_LABELS[d as Department];
  return l ? (lang === 'en' ? l.en : l.zh) : d;
}

export const STATUS_COLORS: Record<string, string> = {
  planned: 'blue',
  boarding: 'orange',
  departed: 'purple',
  arrived: 'green',
  cancelled: 'default',
  listed: 'default',
  boarded: 'blue',
  absent: 'red',
  removed: 'default',
};
