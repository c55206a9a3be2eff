import { occupationAffinity } from '../occupations/catalog.ts';
import { codeAtDepth, regionDepth } from '../regions/region-code.ts';
import { hasHealthCertificate, type PersonFacts, type PostingFacts } from './facts.ts';
import { MIN_AFFINITY, scopeDepth } from './fit.ts';
import { scoreMatch } from './score.ts';

const LENGTHS = [2, 4, 6, 9, 12];
const POW = [1e10, 1e8, 1e6, 1e3, 1];

/** A region code as a 12-digit number (right-padded with zeros): codes of a subtree form one numeric range. */
export function regionNumber(code: string): number {
  return Number(code.padEnd(12, '0'));
}

const dayNumber = (d: string) => Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10));
const mediumGroup = (occupation: string) => occupation.split('-').slice(0, 2).join('-');

export interface Candidate {
  postingId: number;
  score: number;
}

/**
 * Open postings held column-wise and sorted by (medium occupation group, work place), so that the
 * postings a person can take — same medium group as a wish or skill, inside the preferred scope —
 * are a few contiguous ranges found by binary search instead of a scan of everything. The rules
 * applied on the ranges are those of `checkFit` and the score that of `scoreMatch` (a test keeps
 * them equal). Changed postings go to an overlay until the next rebuild.
 */
export class PostingIndex {
  readonly size: number;
  private readonly ids: Int32Array;
  private readonly region: Float64Array;
  private readonly depth: Uint8Array;
  private readonly occ: Int32Array;
  private readonly occCodes: string[];
  private readonly payMin: Float64Array;
  private readonly payMax: Float64Array;
  private readonly startDay: Int32Array;
  private readonly endDay: Int32Array;
  private readonly ageMin: Int16Array;
  private readonly ageMax: Int16Array;
  /** bit 1: health certificate required; bit 2: suits weak capacity; bit 4: replaced by the overlay. */
  private readonly flags: Uint8Array;
  private readonly groups = new Map<string, [number, number]>();
  private readonly sortedIds: Int32Array;
  private readonly sortedPos: Int32Array;
  private readonly overlay = new Map<number, PostingFacts>();

  private constructor(list: PostingFacts[]) {
    const open = list.filter(isTakeable);
    const keyed = open.map((p) => ({ p, g: mediumGroup(p.occupationCode), r: regionNumber(p.regionCode) }));
    keyed.sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : a.r - b.r || a.p.id - b.p.id));
    const n = keyed.length;
    this.size = n;
    this.ids = new Int32Array(n);
    this.region = new Float64Array(n);
    this.depth = new Uint8Array(n);
    this.occ = new Int32Array(n);
    this.payMin = new Float64Array(n);
    this.payMax = new Float64Array(n);
    this.startDay = new Int32Array(n);
    this.endDay = new Int32Array(n);
    this.ageMin = new Int16Array(n);
    this.ageMax = new Int16Array(n);
    this.flags = new Uint8Array(n);
    const occIndex = new Map<string, number>();
    this.occCodes = [];
    for (let i = 0; i < n; i++) {
      const { p, g, r } = keyed[i];
      this.ids[i] = p.id;
      this.region[i] = r;
      this.depth[i] = regionDepth(p.regionCode);
      let o = occIndex.get(p.occupationCode);
      if (o === undefined) {
        o = this.occCodes.length;
        occIndex.set(p.occupationCode, o);
        this.occCodes.push(p.occupationCode);
      }
      this.occ[i] = o;
      this.payMin[i] = p.payMinFen;
      this.payMax[i] = p.payMaxFen;
      this.startDay[i] = dayNumber(p.startDate);
      this.endDay[i] = p.endDate ? dayNumber(p.endDate) : 99999999;
      this.ageMin[i] = p.ageMin ?? -1;
      this.ageMax[i] = p.ageMax ?? 999;
      this.flags[i] = (p.healthCertificate ? 1 : 0) | (p.weakLaborOk ? 2 : 0);
      const range = this.groups.get(g);
      if (range) range[1] = i + 1;
      else this.groups.set(g, [i, i + 1]);
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.ids[a] - this.ids[b]);
    this.sortedIds = Int32Array.from(order, (i) => this.ids[i]);
    this.sortedPos = Int32Array.from(order);
  }

  static build(postings: PostingFacts[]): PostingIndex {
    return new PostingIndex(postings);
  }

  /** Postings changed since the build replace their indexed copy (or drop out when no longer takeable). */
  apply(changed: PostingFacts[]): void {
    for (const p of changed) {
      const pos = this.position(p.id);
      if (pos >= 0) this.flags[pos] |= 4;
      if (isTakeable(p)) this.overlay.set(p.id, p);
      else this.overlay.delete(p.id);
    }
  }

  get overlaySize(): number {
    return this.overlay.size;
  }

  private position(id: number): number {
    let lo = 0;
    let hi = this.sortedIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.sortedIds[mid];
      if (v === id) return this.sortedPos[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private lowerBound(from: number, to: number, value: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.region[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The `k` best postings for a person on day `on` (highest score first, then lowest id), or every
   * fitting posting when `k` is Infinity. `exclude` skips postings by id.
   */
  topK(person: PersonFacts, on: string, k: number, exclude?: ReadonlySet<number>): Candidate[] {
    const q = new PersonQuery(person, on);
    if (!q.eligible) return [];
    const best = new TopK(k);
    const groups: [number, number][] = [];
    const seen = new Set<string>();
    for (const code of [...person.jobWishTypes, ...person.skills.map((s) => s.occupation)]) {
      const g = code.split('-').length >= 2 ? mediumGroup(code) : null;
      const range = g && !seen.has(g) ? this.groups.get(g) : undefined;
      if (g) seen.add(g);
      if (range) groups.push(range);
    }
    const affinity = new Int8Array(this.occCodes.length).fill(-1);
    // Nearest first: the home village's range, then the rest of its town, county, city, province,
    // then everywhere else, down to the preferred scope. Between tiers the search stops once the
    // k-th best beats anything a farther tier could score.
    const home = regionNumber(person.villageCode);
    const span = (d: number): [number, number] => {
      if (d === 0) return [0, Infinity];
      const width = 10 ** (12 - LENGTHS[d - 1]);
      const lo = Math.floor(home / width) * width;
      return [lo, lo + width];
    };
    const deepest = Math.min(5, regionDepth(person.villageCode));
    let inner: [number, number] | null = null;
    for (let d = deepest; d >= q.need; d--) {
      const [lo, hi] = span(d);
      for (const range of groups) {
        if (inner) {
          this.scan(range, lo, inner[0], q, affinity, best, exclude);
          this.scan(range, inner[1], hi, q, affinity, best, exclude);
        } else this.scan(range, lo, hi, q, affinity, best, exclude);
      }
      inner = [lo, hi];
      if (d > q.need && best.full && q.bound(d - 1) < best.worst) break;
    }
    for (const p of this.overlay.values()) {
      if (exclude?.has(p.id)) continue;
      const s = q.scoreFacts(p);
      if (s != null) best.offer(p.id, s);
    }
    return best.sorted();
  }

  /** Offers every fitting posting of a group's range whose place number lies in [lo, hi). */
  private scan(range: [number, number], lo: number, hi: number, q: PersonQuery, affinity: Int8Array, best: TopK, exclude?: ReadonlySet<number>): void {
    if (hi <= lo) return;
    const start = lo > 0 ? this.lowerBound(range[0], range[1], lo) : range[0];
    for (let i = start; i < range[1] && this.region[i] < hi; i++) {
      if (this.flags[i] & 4) continue;
      if (exclude?.has(this.ids[i])) continue;
      if (this.depth[i] < q.need) continue;
      if (this.endDay[i] < q.onDay) continue;
      if (q.minFen !== null && this.payMax[i] < q.minFen) continue;
      const startBy = this.startDay[i] > q.onDay ? this.startDay[i] : q.onDay;
      if (q.availableDay > startBy) continue;
      const age = q.ageOn(startBy);
      if (age < this.ageMin[i] || age > this.ageMax[i]) continue;
      const f = this.flags[i];
      if (f & 1 && !q.health) continue;
      if (q.weak && !(f & 2)) continue;
      let a = affinity[this.occ[i]];
      if (a < 0) a = affinity[this.occ[i]] = q.affinity(this.occCodes[this.occ[i]]);
      if (a < MIN_AFFINITY) continue;
      best.offer(this.ids[i], q.score(this.region[i], this.depth[i], a, this.payMin[i]));
    }
  }
}

/** Open with openings left: the only postings worth indexing. */
function isTakeable(p: PostingFacts): boolean {
  return p.status === 'open' && p.filled < p.openings;
}

/** A person's facts prepared once per query. */
class PersonQuery {
  readonly eligible: boolean;
  readonly need: number;
  readonly prefix: string | null;
  readonly onDay: number;
  readonly availableDay: number;
  readonly minFen: number | null;
  readonly health: boolean;
  readonly weak: boolean;
  private readonly birth: number;
  private readonly village: number[];
  private readonly villageDepth: number;

  constructor(private readonly person: PersonFacts, private readonly on: string) {
    this.eligible = person.employmentStatus === 'seeking' && person.laborCapacity !== 'none';
    this.need = scopeDepth(person.preferredScope);
    this.prefix = this.need > 0 ? codeAtDepth(person.villageCode, this.need) : null;
    this.onDay = dayNumber(on);
    this.availableDay = person.availableFrom ? dayNumber(person.availableFrom) : 0;
    this.minFen = person.minMonthlyPayYuan == null ? null : person.minMonthlyPayYuan * 100;
    this.health = hasHealthCertificate(person.skills);
    this.weak = person.laborCapacity === 'weak';
    this.birth = dayNumber(person.birthDate);
    this.villageDepth = regionDepth(person.villageCode);
    const v = regionNumber(person.villageCode);
    this.village = POW.map((p) => Math.floor(v / p));
  }

  /** The highest score any posting sharing at most `depth` region levels with home could reach. */
  bound(depth: number): number {
    return scoreMatch({ commonDepth: depth, affinity: 4, paySurplusYuan: this.person.minMonthlyPayYuan == null ? null : 1e9 }, this.person.household).total;
  }

  ageOn(day: number): number {
    const years = Math.floor(day / 10000) - Math.floor(this.birth / 10000);
    return day % 10000 < this.birth % 10000 ? years - 1 : years;
  }

  affinity(code: string): number {
    let best = 0;
    for (const w of this.person.jobWishTypes) best = Math.max(best, occupationAffinity(w, code));
    for (const s of this.person.skills) best = Math.max(best, occupationAffinity(s.occupation, code));
    return best;
  }

  score(region: number, depth: number, affinity: number, payMinFen: number): number {
    let common = 0;
    const n = Math.min(depth, this.villageDepth);
    while (common < n && Math.floor(region / POW[common]) === this.village[common]) common++;
    const surplus = this.person.minMonthlyPayYuan == null ? null : Math.round(payMinFen / 100) - this.person.minMonthlyPayYuan;
    return scoreMatch({ commonDepth: common, affinity, paySurplusYuan: surplus }, this.person.household).total;
  }

  /** The full rules on one posting object (for the overlay); null when it does not fit. */
  scoreFacts(p: PostingFacts): number | null {
    if (!isTakeable(p)) return null;
    const depth = regionDepth(p.regionCode);
    if (this.prefix && (depth < this.need || !p.regionCode.startsWith(this.prefix))) return null;
    if (p.endDate && p.endDate < this.on) return null;
    if (this.minFen !== null && p.payMaxFen < this.minFen) return null;
    const startBy = Math.max(dayNumber(p.startDate), this.onDay);
    if (this.availableDay > startBy) return null;
    const age = this.ageOn(startBy);
    if ((p.ageMin != null && age < p.ageMin) || (p.ageMax != null && age > p.ageMax)) return null;
    if (p.healthCertificate && !this.health) return null;
    if (this.weak && !p.weakLaborOk) return null;
    const a = this.affinity(p.occupationCode);
    if (a < MIN_AFFINITY) return null;
    return this.score(regionNumber(p.regionCode), depth, a, p.payMinFen);
  }
}

/** The k best (score desc, id asc) seen so far, kept in a small binary heap whose root is the worst. */
class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.ids[i] > this.ids[j]);
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j], this.ids[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }

  offer(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      let i = this.ids.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score < this.scores[0] || (score === this.scores[0] && id > this.ids[0])) return;
    this.ids[0] = id;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < this.ids.length && this.worse(l, w)) w = l;
      if (r < this.ids.length && this.worse(r, w)) w = r;
      if (w === i) break;
      this.swap(i, w);
      i = w;
    }
  }

  get full(): boolean {
    return this.k > 0 && this.ids.length >= this.k;
  }

  /** The score of the k-th best (the heap's root). */
  get worst(): number {
    return this.scores[0];
  }

  sorted(): Candidate[] {
    return this.ids.map((id, i) => ({ postingId: id, score: this.scores[i] })).sort((a, b) => b.score - a.score || a.postingId - b.postingId);
  }
}
