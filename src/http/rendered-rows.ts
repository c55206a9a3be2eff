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
