import type { FactRecord } from '../../src/domain/policy/simulate.ts';

/** mulberry32: small, seedable, the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Counties of Lüliang and Datong (Lan, Lin, Xing, Hunyuan, …) and places laborers went to work.
const COUNTIES = ['141127', '141124', '141123', '141126', '141129', '141130', '140225', '140221', '140222', '140223', '140224', '140226'];
const WORK = ['1401', '1402', '610821', '6101', '1101', '1201', '3205', '4403', '141127', '140225'];

/**
 * Synthetic people with the facts of the transport subsidy (Shanxi 2020): category mix of a poor
 * county's ledger, a home village, a work place (one in five stays in the home county), a travel
 * cost in fen between 20 and 1,500 yuan, a date in 2020 and one in ten already paid this year.
 * The Ledger module records none of the trip facts, so a benchmark at 10^6 people needs these.
 */
export function* transportFacts(people: number, batch = 20_000, seed = 2020): Generator<FactRecord[]> {
  const r = rng(seed);
  for (let start = 0; start < people; start += batch) {
    const out: FactRecord[] = new Array(Math.min(batch, people - start));
    for (let i = 0; i < out.length; i++) {
      const county = COUNTIES[Math.floor(r() * COUNTIES.length)];
      const village = `${county}${String(100 + Math.floor(r() * 12)).padStart(3, '0')}${String(200 + Math.floor(r() * 30)).padStart(3, '0')}`;
      const u = r();
      const work = u < 0.2 ? county : WORK[Math.floor(r() * WORK.length)];
      const c = r();
      out[i] = {
        regionCode: village,
        facts: {
          personCategory: c < 0.55 ? 'lifted' : c < 0.7 ? 'monitored' : 'none',
          homeRegion: village,
          workRegion: work,
          travelCost: (2000 + Math.floor(r() * 148_000)) / 100,
          travelDate: `2020-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
          claimsThisYear: r() < 0.1 ? 1 : 0,
        },
      };
    }
    yield out;
  }
}
