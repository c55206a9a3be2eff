/** The closed vocabularies of point-to-point transport, each value with its Chinese and English label. */
export interface Label {
  zh: string;
  en: string;
}

export const TRIP_MODES = ['coach', 'minibus', 'car', 'train_carriage', 'chartered_plane'] as const;
export type TripMode = (typeof TRIP_MODES)[number];
export const TRIP_MODE_LABELS: Record<TripMode, Label> = {
  coach: { zh: '大客车', en: 'coach' },
  minibus: { zh: '中巴车', en: 'minibus' },
  car: { zh: '小汽车', en: 'car' },
  train_carriage: { zh: '火车专列车厢', en: 'train carriage' },
  chartered_plane: { zh: '包机', en: 'chartered plane' },
};

/** planned → boarding → departed → arrived, or cancelled before departure. */
export const TRIP_STATUSES = ['planned', 'boarding', 'departed', 'arrived', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const TRIP_STATUS_LABELS: Record<TripStatus, Label> = {
  planned: { zh: '已计划', en: 'planned' },
  boarding: { zh: '登车中', en: 'boarding' },
  departed: { zh: '已发车', en: 'departed' },
  arrived: { zh: '已到达', en: 'arrived' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/**
 * A passenger is `listed` on the manifest, `boarded` once the escort confirms it, `arrived` at the
 * destination; `absent` when the vehicle left without them, `removed` when taken off the manifest.
 */
export const PASSENGER_STATUSES = ['listed', 'boarded', 'arrived', 'absent', 'removed'] as const;
export type PassengerStatus = (typeof PASSENGER_STATUSES)[number];

/** Passengers who hold a seat: a person on one of these is on a live trip. */
export const SEATED: ReadonlySet<PassengerStatus> = new Set(['listed', 'boarded', 'arrived']);

export const PICKUP_KINDS = ['county_seat', 'township'] as const;
export type PickupKind = (typeof PICKUP_KINDS)[number];

export const DESTINATION_KINDS = ['employer', 'city'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** The departments of the point-to-point mechanism: led by human resources, with the others taking part. */
export const DEPARTMENTS = ['human_resources', 'transport', 'public_security', 'health', 'railway', 'civil_aviation'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_LABELS: Record<Department, Label> = {
  human_resources: { zh: '人社部门', en: 'human resources' },
  transport: { zh: '交通运输部门', en: 'transport' },
  public_security: { zh: '公安部门', en: 'public security' },
  health: { zh: '卫生健康部门', en: 'health' },
  railway: { zh: '铁路部门', en: 'railway' },
  civil_aviation: { zh: '民航部门', en: 'civil aviation' },
};

/** Statuses that count as not over: the vehicle is still to leave or on the road. */
export const LIVE_TRIP: ReadonlySet<TripStatus> = new Set(['planned', 'boarding', 'departed']);
