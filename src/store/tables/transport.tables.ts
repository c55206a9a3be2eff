import type { Generated } from 'kysely';

export interface TripTable {
  id: Generated<number>;
  mode: string;
  vehicle_type: string;
  capacity: number;
  cost_fen: number;
  origin_county: string;
  /** JSON: [{regionCode, kind, name, time}] in pickup order. */
  pickups: unknown;
  destination_kind: string;
  destination_region: string;
  destination_name: string;
  employer_id: number | null;
  travel_date: string;
  /** JSON: department codes. */
  departments: unknown;
  status: string;
  escort_name: string;
  vehicle_plate: string;
  notes: string;
  plan_ref: string | null;
  cancel_reason: string | null;
  boarding_at: string | null;
  departed_at: string | null;
  arrived_at: string | null;
  cancelled_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TripPassengerTable {
  id: Generated<number>;
  trip_id: number;
  person_id: number;
  seat_no: number | null;
  pickup_index: number;
  status: string;
  live_date: string | null;
  temperature_tenths: number | null;
  health_certificate: number | boolean | null;
  kit_issued: number | boolean | null;
  checked_at: string | null;
  checked_by: number | null;
  boarded_at: string | null;
  arrived_at: string | null;
  cost_share_fen: number | null;
  claim_id: number | null;
  /** JSON: the facts of the transport subsidy as they stood on arrival. */
  subsidy_facts: unknown;
  created_at: string;
  updated_at: string;
}

export interface TripActionTable {
  key: string;
  trip_id: number;
  passenger_id: number | null;
  action: string;
  actor_id: number;
  at: string;
}

declare module '../schema.ts' {
  interface DB {
    trips: TripTable;
    trip_passengers: TripPassengerTable;
    trip_actions: TripActionTable;
  }
}
