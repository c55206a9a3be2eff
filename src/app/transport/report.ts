import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { TRIP_MODES } from '../../domain/transport/vocabulary.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { tripReportRepository } from '../../store/repositories/trip-report.repository.ts';
import type { App } from '../context.ts';

const LENGTHS = [2, 4, 6];

interface Figures {
  trips: number;
  seats: number;
  costFen: number;
  vehiclesByMode: Record<string, number>;
  scheduled: number;
  transported: number;
  poorTransported: number;
  subsidyPaidFen: number;
}

function empty(): Figures {
  return { trips: 0, seats: 0, costFen: 0, vehiclesByMode: Object.fromEntries(TRIP_MODES.map((m) => [m, 0])), scheduled: 0, transported: 0, poorTransported: 0, subsidyPaidFen: 0 };
}

/**
 * Point-to-point transport in a region over a period: vehicles by mode (one trip is one vehicle),
 * trips, people scheduled and transported (arrived), of them from poor households (lifted or
 * monitored), and the subsidy paid on their transport claims; in total, by child region (down to
 * county, the level trips are organized at) and by day. Cancelled trips are left out. Trips count
 * where they start: the pickup county.
 */
export async function tripReport(app: App, actor: Actor, q: { region?: string; from?: string; to?: string }) {
  authorize(actor, 'trip.report');
  for (const [field, v] of [['from', q.from], ['to', q.to]] as const) {
    if (v !== undefined && !isIsoDate(v)) throw DomainError.invalid([{ field, code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' }]);
  }
  const within = scopeRegion(actor, q.region);
  const depth = regionDepth(within);
  const groupLength = LENGTHS[Math.min(depth, 2)];
  const db = app.database.db;
  const [trips, people] = await Promise.all([
    tripReportRepository.trips(db, within, groupLength, q.from, q.to),
    tripReportRepository.people(db, within, groupLength, q.from, q.to),
  ]);
  const total = empty();
  const byRegion = new Map<string, Figures>();
  const byDay = new Map<string, Figures>();
  const at = (m: Map<string, Figures>, k: string) => m.get(k) ?? m.set(k, empty()).get(k)!;
  for (const r of trips) {
    for (const f of [total, at(byRegion, r.region), at(byDay, r.day)]) {
      f.trips += r.trips;
      f.seats += r.seats;
      f.costFen += r.costFen;
      f.vehiclesByMode[r.mode] = (f.vehiclesByMode[r.mode] ?? 0) + r.trips;
    }
  }
  for (const r of people) {
    for (const f of [total, at(byRegion, r.region), at(byDay, r.day)]) {
      f.scheduled += r.scheduled;
      f.transported += r.transported;
      f.poorTransported += r.poorTransported;
      f.subsidyPaidFen += r.subsidyPaidFen;
    }
  }
  const names = await demandRegionsRepository.names(db, [within, ...byRegion.keys()]);
  return {
    region: within,
    regionName: names.get(within) ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    total,
    byRegion: [...byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([code, f]) => ({ regionCode: code, regionName: names.get(code) ?? null, ...f })),
    byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, f]) => ({ day, ...f })),
  };
}
