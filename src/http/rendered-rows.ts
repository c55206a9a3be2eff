/**
 * Rows of a list as the server last wrote them (JSON, UTF-8), by record id, each with the stamp of
 * the record it was written from. A page reads only the ids and stamps of its rows and writes again
 * only the rows whose stamp moved: reading a row in full and writing it out costs most of a page.
 * The least recently used rows are dropped past `capacity` (0 keeps none).
 */
export class RenderedRows {
  private readonly rows = new Map<number, { stamp: string; bytes: Buffer }>();
  constructor(readonly capacity: number) {}

  /** The row as written from the record at `stamp`, or undefined. */
  get(id: number, stamp: string): Buffer | undefined {
    const hit = this.rows.get(id);
    if (!hit || hit.stamp !== stamp) return undefined;
    this.rows.delete(id);
    this.rows.set(id, hit);
    return hit.bytes;
  }

  set(id: number, stamp: string, bytes: Buffer): void {
    if (this.capacity <= 0) return;
    this.rows.delete(id);
    this.rows.set(id, { stamp, bytes });
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  get size(): number {
    return this.rows.size;
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
