import crypto from 'node:crypto';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { fenToYuan } from '../../domain/policy/money.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { DEFAULT_FLEET, parseFleet, plannerVehicles, type FleetVehicle } from '../../domain/transport/fleet.ts';
import { proposeTrips, travelersOf, type Exclusion, type ProposedTrip, type TravelerCandidate } from '../../domain/transport/plan-records.ts';
import { planTrips } from '../../domain/transport/planner.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { transportTravelersRepository } from '../../store/repositories/transport-travelers.repository.ts';
import { isDoubleBooking, tripsRepository } from '../../store/repositories/trips.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { chinaToday, isIsoDate } from '../../domain/dates.ts';

export interface PlanInput {
  /** A county (or a larger region: each of its counties is planned on its own). */
  region: string;
  /** No trip before this date; defaults to today. */
  from?: string;
  /** Travelers whose first day falls after this are left for a later plan. */
  to?: string;
  /** How many days each traveler's window lasts (default 7). */
  windowDays?: number;
  /** Vehicle types to hire from; the default fleet when absent. */
  fleet?: unknown;
  /** Create the trips and manifests; otherwise a dry run. */
  commit?: boolean;
}

export const DEFAULT_WINDOW_DAYS = 7;

/**
 * Who needs a ride in a region, one need per person, the firmest first:
 *   1. a hire not yet at work (matching's employments, status `hired`): its work site and start;
 *   2. an intention (matching's referrals, `interested` or `interviewed`): the posting's site, from
 *      the later of its start and the person's available-from date;
 *   3. the ledger alone: a person with an available-from date whose status is employed elsewhere in
 *      the province or outside it and whose employer name is a registered employer.
 * People already holding a seat on a trip that is not cancelled are not planned again, which makes
 * a re-run of a committed plan a no-op.
 */
async function travelerCandidates(db: Tx, within: string) {
  const [hired, intending, ledger] = [
    await transportTravelersRepository.fromEmployments(db, within),
    await transportTravelersRepository.fromReferrals(db, within),
    await transportTravelersRepository.fromLedger(db, within),
  ];
  const byPerson = new Map<number, TravelerCandidate>();
  for (const c of [...hired, ...intending, ...ledger.candidates]) if (!byPerson.has(c.personId)) byPerson.set(c.personId, c);
  const all = [...byPerson.values()];
  const onTrips = await tripsRepository.personsOnLiveTrips(db, all.map((c) => c.personId));
  const candidates = all.filter((c) => !onTrips.has(c.personId));
  const bySource = { employment: 0, referral: 0, ledger: 0 };
  for (const c of candidates) bySource[c.source]++;
  return { candidates, noDestination: ledger.noDestination, alreadyOnTrips: onTrips.size, bySource };
}

function presentProposed(t: ProposedTrip, names: ReadonlyMap<string, string>, id?: number) {
  return {
    ...(id !== undefined ? { id } : {}),
    mode: t.mode,
    vehicleType: t.vehicleType,
    capacity: t.capacity,
    costFen: t.costFen,
    originCounty: t.originCounty,
    originName: names.get(t.originCounty) ?? null,
    travelDate: t.travelDate,
    destination: { ...t.destination, regionName: names.get(t.destination.regionCode) ?? null },
    pickups: t.pickups,
    departments: t.departments,
    passengers: t.passengers.map((p) => ({ ...p })),
  };
}

/** Trips of a plan grouped by county and destination, for the map-free view. */
function groupsOf(trips: ProposedTrip[], names: ReadonlyMap<string, string>) {
  const groups = new Map<string, { originCounty: string; originName: string | null; destination: string; destinationName: string; destinationRegion: string; trips: number; people: number; costFen: number; byMode: Record<string, number>; dates: string[] }>();
  for (const t of trips) {
    const key = `${t.originCounty}|${t.destination.kind}:${t.destination.employerId ?? t.destination.regionCode}`;
    let g = groups.get(key);
    if (!g) {
      g = { originCounty: t.originCounty, originName: names.get(t.originCounty) ?? null, destination: key.split('|')[1], destinationName: t.destination.name, destinationRegion: t.destination.regionCode, trips: 0, people: 0, costFen: 0, byMode: {}, dates: [] };
      groups.set(key, g);
    }
    g.trips++;
    g.people += t.passengers.length;
    g.costFen += t.costFen;
    g.byMode[t.vehicleType] = (g.byMode[t.vehicleType] ?? 0) + 1;
    if (!g.dates.includes(t.travelDate)) g.dates.push(t.travelDate);
  }
  return [...groups.values()].sort((a, b) => a.originCounty.localeCompare(b.originCounty) || b.people - a.people);
}

/**
 * Plans trips for the people of a region who need transport (least total cost, every traveler in
 * their window, no vehicle over capacity) and reports the cost beside the lower bound. With
 * `commit`, creates the trips and manifests in one transaction; people already on a live trip are
 * never planned again, so running the same commit twice creates nothing the second time.
 */
export async function planTransport(app: App, actor: Actor, input: PlanInput) {
  authorize(actor, 'trip.plan');
  if (input.commit) authorize(actor, 'trip.manage');
  if (regionDepth(input.region) === 0) throw DomainError.invalid([{ field: 'region', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' }]);
  const region = scopeRegion(actor, input.region);
  if (regionDepth(region) > 3) throw DomainError.invalid([{ field: 'region', code: 'region_level', message: 'must be a county or a larger region: trips are planned per county', messageZh: '应为县级或以上区划（按县组织车次）' }]);
  // Hires and their start dates are dated in China time; so is the first day a trip may leave.
  const from = input.from ?? chinaToday();
  for (const [field, v] of [['from', from], ['to', input.to]] as const) {
    if (v !== undefined && !isIsoDate(v)) throw DomainError.invalid([{ field, code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' }]);
  }
  const fleet: FleetVehicle[] = input.fleet === undefined ? [...DEFAULT_FLEET] : parseFleet(input.fleet);
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;

  const run = async (db: Tx) => {
    const started = performance.now();
    const { candidates, noDestination, alreadyOnTrips, bySource } = await travelerCandidates(db, region);
    const { travelers, excluded, byId } = travelersOf(candidates, { from, to: input.to, windowDays });
    const plan = planTrips(travelers, plannerVehicles(fleet));
    const codes = new Set<string>();
    for (const c of byId.values()) {
      codes.add(c.villageCode.slice(0, 6));
      codes.add(c.villageCode.slice(0, 9));
      codes.add(c.destination.regionCode);
    }
    const names = await demandRegionsRepository.names(db, [...codes]);
    const proposed = proposeTrips(plan.trips, fleet, byId, names);
    return { proposed, plan, names, bySource, travelers: travelers.length, excluded: { ...excluded, no_destination: noDestination } as Record<Exclusion | 'no_destination', number>, alreadyOnTrips, ms: Math.round(performance.now() - started) };
  };

  const summary = (r: Awaited<ReturnType<typeof run>>, ids?: number[], planRef?: string) => ({
    region,
    from,
    to: input.to ?? null,
    windowDays,
    committed: !!input.commit,
    planRef: planRef ?? null,
    fleet,
    travelers: r.travelers,
    sources: r.bySource,
    alreadyOnTrips: r.alreadyOnTrips,
    excluded: r.excluded,
    costFen: r.plan.cost,
    cost: fenToYuan(r.plan.cost),
    lowerBoundFen: r.plan.lowerBound,
    lowerBound: fenToYuan(Math.ceil(r.plan.lowerBound)),
    gap: r.plan.cost > 0 ? (r.plan.cost - r.plan.lowerBound) / r.plan.cost : 0,
    groups: r.plan.groups,
    provenGroups: r.plan.provenGroups,
    ms: r.ms,
    byGroup: groupsOf(r.proposed, r.names),
    trips: r.proposed.map((t, i) => presentProposed(t, r.names, ids?.[i])),
  });

  if (!input.commit) return summary(await run(app.database.db));

  return inTransaction(app, async (trx) => {
    for (const county of regionDepth(region) === 3 ? [region] : []) await tripsRepository.lockCounty(trx, county);
    const r = await run(trx);
    const planRef = `plan-${from}-${crypto.randomBytes(4).toString('hex')}`;
    const ids: number[] = [];
    try {
      for (const t of r.proposed) {
        const id = await tripsRepository.insert(trx, { ...t, escortName: '', vehiclePlate: '', notes: '' }, { createdBy: actor.userId, planRef });
        await tripsRepository.insertPassengers(trx, id, t.travelDate, t.passengers);
        ids.push(id);
      }
    } catch (e) {
      if (isDoubleBooking(e)) throw DomainError.conflict('person_double_booked', 'Someone was seated on another trip while this plan was being committed; run the plan again', {});
      throw e;
    }
    const out = summary(r, ids, planRef);
    await writeAudit(trx, actor, {
      action: 'trip.plan',
      entity: 'trip_plan',
      entityId: planRef,
      regionCode: region,
      after: { trips: ids, travelers: r.travelers, costFen: r.plan.cost, lowerBoundFen: r.plan.lowerBound, windowDays, from, to: input.to ?? null },
    });
    return out;
  });
}
