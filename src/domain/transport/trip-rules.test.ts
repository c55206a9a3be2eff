import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { assertMayArrive, assertMayBoard, assertMayCheck, boardingBlocks, checkReading, TEMPERATURE_LIMIT_C } from './boarding.ts';
import { seatShares } from './cost-share.ts';
import { DEFAULT_FLEET, parseFleet } from './fleet.ts';
import { destinationKey, proposeTrips, travelersOf, type TravelerCandidate } from './plan-records.ts';
import { assertCapacity, assertEditable, assertSeat, assertTransition, checkTrip, freeSeats, nextStatuses, type TripDraft } from './trip-rules.ts';
import { TRIP_STATUSES, type PassengerStatus, type TripStatus } from './vocabulary.ts';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return undefined;
}

const draft: TripDraft = {
  mode: 'coach',
  vehicleType: 'coach-45',
  capacity: 45,
  costFen: 380_000,
  originCounty: '140225',
  pickups: [
    { regionCode: '140225100', kind: 'township', name: '永安镇', time: '07:00' },
    { regionCode: '140225', kind: 'county_seat', name: '浑源县', time: '07:30' },
  ],
  destination: { kind: 'employer', regionCode: '140213', name: '兰苑园林', employerId: 1 },
  travelDate: '2020-03-20',
  departments: ['human_resources', 'transport', 'health'],
  escortName: '',
  vehiclePlate: '',
  notes: '',
};

describe('trip state machine', () => {
  const allowed: Record<TripStatus, TripStatus[]> = {
    planned: ['boarding', 'cancelled'],
    boarding: ['departed', 'cancelled'],
    departed: ['arrived'],
    arrived: [],
    cancelled: [],
  };
  for (const from of TRIP_STATUSES) {
    for (const to of TRIP_STATUSES) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'rejected'}`, () => {
        expect(code(() => assertTransition(from, to))).toBe(ok ? undefined : 'trip_transition_invalid');
      });
    }
  }
  it('lists the next statuses and says when a trip is final', () => {
    expect(nextStatuses('planned')).toEqual(['boarding', 'cancelled']);
    expect(nextStatuses('arrived')).toEqual([]);
    try {
      assertTransition('arrived', 'boarding');
    } catch (e) {
      expect((e as Error).message).toMatch(/final/);
      expect((e as any).details).toMatchObject({ from: 'arrived', to: 'boarding', allowed: [] });
    }
  });
  it('lets only a planned trip be edited', () => {
    expect(code(() => assertEditable('planned'))).toBeUndefined();
    for (const s of ['boarding', 'departed', 'arrived', 'cancelled'] as const) expect(code(() => assertEditable(s))).toBe('trip_not_editable');
  });
});

describe('trip fields', () => {
  it('accepts a complete trip', () => expect(checkTrip(draft)).toEqual([]));
  it('names every failing field', () => {
    const issues = checkTrip({
      ...draft,
      mode: 'horse' as never,
      capacity: 0,
      costFen: -1,
      pickups: [{ regionCode: '141127100', kind: 'township', name: 'x', time: '7:00' }],
      travelDate: '2020-02-30',
      departments: ['transport'],
      destination: { kind: 'employer', regionCode: '1', name: '', employerId: null },
    });
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(expect.arrayContaining([
      'mode:value_unknown', 'capacity:capacity_range', 'cost:cost_range', 'pickups.0.regionCode:pickup_outside_county', 'pickups.0.time:time_format',
      'travelDate:date_format', 'departments:lead_department', 'destination.regionCode:region_code_format', 'destination.name:required', 'destination.employerId:required',
    ]));
    expect(issues.every((i) => i.message && i.messageZh)).toBe(true);
  });
  it('wants pickups in time order', () => {
    const issues = checkTrip({ ...draft, pickups: [draft.pickups[0], { ...draft.pickups[1], time: '06:30' }] });
    expect(issues.map((i) => i.code)).toEqual(['pickup_order']);
  });
});

describe('seats and capacity', () => {
  it('never seats more than the capacity', () => {
    expect(code(() => assertCapacity(4, 4))).toBeUndefined();
    expect(code(() => assertCapacity(4, 5))).toBe('trip_over_capacity');
    expect(code(() => freeSeats(4, [1, 3], 3))).toBe('trip_over_capacity');
  });
  it('gives the lowest free seats', () => {
    expect(freeSeats(6, [1, 3], 3)).toEqual([2, 4, 5]);
  });
  it('checks a chosen seat', () => {
    expect(code(() => assertSeat(4, [1], 2))).toBeUndefined();
    expect(code(() => assertSeat(4, [1], 1))).toBe('seat_taken');
    expect(code(() => assertSeat(4, [], 5))).toBe('validation_failed');
  });
});

describe('boarding rules', () => {
  const good = { temperatureC: 36.6, healthCertificate: true, kitIssued: true };
  it('lets 37.3 °C board and blocks 37.4 °C', () => {
    expect(boardingBlocks({ ...good, temperatureC: TEMPERATURE_LIMIT_C })).toEqual([]);
    expect(boardingBlocks({ ...good, temperatureC: 37.4 }).map((b) => b.code)).toEqual(['temperature_too_high']);
  });
  it('blocks without a health certificate or a protective kit', () => {
    expect(boardingBlocks({ temperatureC: 38.2, healthCertificate: false, kitIssued: false }).map((b) => b.code)).toEqual(['temperature_too_high', 'health_certificate_missing', 'protective_kit_missing']);
  });
  it('refuses readings that are not temperatures', () => {
    for (const t of [33.9, 43.1, 36.55, Number.NaN]) expect(checkReading({ ...good, temperatureC: t }).map((i) => i.code)).toEqual(['temperature_reading']);
    expect(checkReading({ ...good, temperatureC: 37.3 })).toEqual([]);
  });
  it('boards a listed, checked passenger of a boarding trip only', () => {
    expect(code(() => assertMayBoard('boarding', 'listed', good))).toBeUndefined();
    expect(code(() => assertMayBoard('planned', 'listed', good))).toBe('trip_not_boarding');
    expect(code(() => assertMayBoard('boarding', 'boarded', good))).toBe('passenger_not_listed');
    expect(code(() => assertMayBoard('boarding', 'listed', null))).toBe('health_check_missing');
    expect(code(() => assertMayBoard('boarding', 'listed', { ...good, temperatureC: 37.8 }))).toBe('temperature_too_high');
    expect(code(() => assertMayBoard('boarding', 'listed', { ...good, kitIssued: false }))).toBe('protective_kit_missing');
  });
  it('records checks before departure and arrivals after it', () => {
    expect(code(() => assertMayCheck('planned', 'listed'))).toBeUndefined();
    expect(code(() => assertMayCheck('departed', 'listed'))).toBe('trip_not_boarding');
    const cases: [TripStatus, PassengerStatus, string | undefined][] = [
      ['departed', 'boarded', undefined],
      ['arrived', 'boarded', undefined],
      ['boarding', 'boarded', 'trip_not_departed'],
      ['departed', 'absent', 'passenger_not_boarded'],
      ['departed', 'arrived', 'passenger_not_boarded'],
    ];
    for (const [t, p, c] of cases) expect(code(() => assertMayArrive(t, p)), `${t}/${p}`).toBe(c);
  });
});

describe('cost shares', () => {
  it('adds up to the cost exactly, the remainder to the lowest seats', () => {
    const s = seatShares(380_000, [3, 1, 2]);
    expect([...s.entries()].sort(([a], [b]) => a - b)).toEqual([[1, 126_667], [2, 126_667], [3, 126_666]]);
    for (let n = 1; n <= 45; n++) {
      const shares = [...seatShares(190_001, Array.from({ length: n }, (_, i) => i + 1)).values()];
      expect(shares.reduce((a, b) => a + b, 0)).toBe(190_001);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
    expect(seatShares(100, []).size).toBe(0);
  });
});

describe('fleet', () => {
  it('has the default coach, minibus and car', () => {
    expect(DEFAULT_FLEET.map((v) => [v.mode, v.capacity])).toEqual([['coach', 45], ['minibus', 19], ['car', 4]]);
  });
  it('reads a fleet file and names bad entries', () => {
    expect(parseFleet({ vehicles: [{ type: 'coach', capacity: 50, cost: 4000 }] })).toEqual([{ type: 'coach', mode: 'coach', capacity: 50, costFen: 400_000 }]);
    try {
      parseFleet([{ type: 'x', capacity: 0, costFen: 1.5 }, { type: 'coach', capacity: 4, costFen: 1 }, { type: 'coach', capacity: 4, costFen: 1 }]);
      expect.unreachable();
    } catch (e) {
      expect((e as any).issues.map((i: any) => `${i.field}:${i.code}`)).toEqual(['fleet.0.mode:value_unknown', 'fleet.0.capacity:capacity_range', 'fleet.0.costFen:cost_range', 'fleet.2.type:unique']);
    }
  });
});

describe('travelers from the records', () => {
  const dest = { kind: 'employer' as const, regionCode: '140213', name: '兰苑园林', employerId: 7 };
  const c = (personId: number, villageCode: string, startDate: string, d = dest): TravelerCandidate => ({ personId, villageCode, startDate, destination: d, source: 'ledger' });
  it('picks up at the home county, inside a window from the later of start and from', () => {
    const r = travelersOf([c(1, '140225100218', '2020-03-01'), c(2, '140225101200', '2020-03-25'), c(3, '140213001001', '2020-03-01'), c(4, '1402', '2020-03-01'), c(5, '140225100218', '2020-05-01')], { from: '2020-03-18', windowDays: 3, to: '2020-04-30' });
    expect(r.travelers).toEqual([
      { id: 1, origin: '140225', destination: 'employer:7', earliest: 18339, latest: 18341 },
      { id: 2, origin: '140225', destination: 'employer:7', earliest: 18346, latest: 18348 },
    ]);
    expect(r.excluded).toEqual({ no_village: 1, same_county: 1, after_window: 1 });
    expect(destinationKey({ kind: 'city', regionCode: '3205', name: '苏州', employerId: null })).toBe('city:3205');
  });
  it('lays out trips with township pickups, then the county seat, seats in pickup order', () => {
    const people = new Map([c(9, '140225101200', '2020-03-20'), c(4, '140225100218', '2020-03-20'), c(6, '140225101201', '2020-03-20')].map((x) => [x.personId, x]));
    const names = new Map([['140225', '浑源县'], ['140225100', '永安镇'], ['140225101', '西坊城镇']]);
    const [t] = proposeTrips([{ type: 'car-4', day: 18341, origin: '140225', destination: 'employer:7', travelers: [4, 6, 9] }], DEFAULT_FLEET, people, names);
    expect(t).toMatchObject({ mode: 'car', capacity: 4, costFen: 60_000, travelDate: '2020-03-20', destination: dest });
    expect(t.pickups).toEqual([
      { regionCode: '140225100', kind: 'township', name: '永安镇', time: '07:00' },
      { regionCode: '140225101', kind: 'township', name: '西坊城镇', time: '07:30' },
      { regionCode: '140225', kind: 'county_seat', name: '浑源县', time: '08:00' },
    ]);
    expect(t.passengers).toEqual([{ personId: 4, seatNo: 1, pickupIndex: 0 }, { personId: 6, seatNo: 2, pickupIndex: 1 }, { personId: 9, seatNo: 3, pickupIndex: 1 }]);
    expect(checkTrip({ ...t, escortName: '', vehiclePlate: '', notes: '' })).toEqual([]);
  });
});
