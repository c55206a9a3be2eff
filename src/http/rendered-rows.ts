type Kept = { stamp: string; bytes: Buffer };

/**
 * Rows of a list as the server last wrote them (JSON, UTF-8), by record id, each with the stamp of
 * the record it was written from. A page reads only the ids and stamps of its rows and writes again
 * only the rows whose stamp moved: reading a row in full and writing it out costs most of a page.
 *
 * At most `capacity` rows are kept (0 keeps none), in two generations of half as many: a row used
 * is moved to the young one; when the young one is full it becomes the old one, and the old one is
 * dropped. So the rows not used for longest go first, at a constant cost per row. (Dropping the
 * first key of one Map instead costs a walk over every key deleted before it, which V8 keeps until
 * the Map is rebuilt: pages that rarely repeat spent a fifth of their time there.)
 */
export class RenderedRows {
  /** Of the rows pages asked for lately, the share found kept (a moving average). */
  private keptShare = 0.5;
  private young = new Map<number, Kept>();
  private old = new Map<number, Kept>();
  private readonly generation: number;
  constructor(readonly capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  /** The row as written from the record at `stamp`, or undefined. */
  get(id: number, stamp: string): Buffer | undefined {
    let hit = this.young.get(id);
    if (!hit) {
      hit = this.old.get(id);
      if (!hit) return undefined;
      this.old.delete(id);
      this.keep(id, hit);
    }
    return hit.stamp === stamp ? hit.bytes : undefined;
  }

  set(id: number, stamp: string, bytes: Buffer): void {
    if (this.capacity <= 0) return;
    this.old.delete(id);
    this.keep(id, { stamp, bytes });
  }

  /** Notes how many of a page's rows were found kept. */
  noteFound(found: number, of: number): void {
    if (of > 0) this.keptShare = 0.8 * this.keptShare + 0.2 * (found / of);
  }

  /** Whether most rows of recent pages were found kept, so that reading their stamps first pays. */
  get mostlyKept(): boolean {
    return this.capacity > 0 && this.keptShare >= 0.5;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private keep(id: number, row: Kept): void {
    this.young.set(id, row);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}

const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** The JSON of a keyset page `{"items": [...], "nextCursor": ...}` from rows already written. */
export function pageJson(items: Buffer[], nextCursor: string | null): Buffer {
  const parts: Buffer[] = [OPEN];
  items.forEach((b, i) => {
    if (i) parts.push(COMMA);
    parts.push(b);
  });
  parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
  return Buffer.concat(parts);
}

/** A record of a page: its id, its stamp, and how to show it when it must be written afresh. */
export interface StampedRecord<V> {
  id: number;
  stamp: string;
  show(): V;
}

/** A page of records by id and stamp, and how to read them: stamps first, or whole. */
export interface KeptPageReads<V> {
  /** The page's ids and stamps only. */
  stamps(): Promise<{ items: { id: number; stamp: string }[]; nextCursor: string | null }>;
  /** Records by id; those gone meanwhile are left out. */
  shown(ids: number[]): Promise<StampedRecord<V>[]>;
  /** The page's records whole. */
  whole(): Promise<{ items: StampedRecord<V>[]; nextCursor: string | null }>;
}

/**
 * A page written as JSON from the rows kept and those written afresh. While most rows of recent
 * pages were found kept, the page reads its stamps first and then only the records whose stamp
 * moved; otherwise (pages that seldom repeat) it reads its records whole at once, which saves a
 * round trip, and still skips writing the rows found kept.
 */
export async function keptPage<V>(kept: RenderedRows, write: (view: V) => string, reads: KeptPageReads<V>): Promise<Buffer> {
  const fresh = (r: StampedRecord<V>) => {
    const bytes = Buffer.from(write(r.show()));
    kept.set(r.id, r.stamp, bytes);
    return bytes;
  };
  if (!kept.mostlyKept) {
    const page = await reads.whole();
    const found = page.items.map((r) => kept.get(r.id, r.stamp));
    kept.noteFound(found.filter(Boolean).length, found.length);
    return pageJson(page.items.map((r, i) => found[i] ?? fresh(r)), page.nextCursor);
  }
  const page = await reads.stamps();
  const rows = page.items.map((r) => kept.get(r.id, r.stamp));
  const missing = page.items.filter((_, i) => !rows[i]).map((r) => r.id);
  kept.noteFound(rows.length - missing.length, rows.length);
  if (missing.length) {
    const got = new Map((await reads.shown(missing)).map((r) => [r.id, fresh(r)]));
    page.items.forEach((r, i) => (rows[i] ??= got.get(r.id)));
  }
  return pageJson(rows.filter((b): b is Buffer => b !== undefined), page.nextCursor);
}
