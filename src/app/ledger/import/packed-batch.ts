/**
 * A batch of prepared rows packed into one buffer as the rows are prepared. Held as arrays, a batch
 * is some 30 small objects a row that live until it leaves: the reading thread's young generation
 * copied them at every scavenge and then its old generation marked them, and the structured clone
 * that sent them to the writing thread walked them once more. Packed, each row's values die young,
 * and the buffer crosses to the writing thread by transfer, not copy.
 *
 * A value is a tag byte and its payload: null, true, false, a 32-bit integer, a double, or a UTF-8
 * string with its byte length.
 */
const Tag = { Null: 0, True: 1, False: 2, Int: 3, Double: 4, String: 5 } as const;

export type PackedValue = string | number | boolean | null;

/** What crosses between the threads: `rows` rows of `width` values each, then whatever values were put after them. */
export interface PackedBatch {
  bytes: ArrayBuffer;
  length: number;
  rows: number;
  width: number;
}

const EMPTY = Buffer.alloc(0);

export class BatchPacker {
  private buf: Buffer;
  private at = 0;
  private rowCount = 0;

  constructor(
    /** Values a row holds (every row the same). */
    private readonly width: number,
    private capacity = 1 << 20,
    /**
     * Buffers handed over earlier and given back by the thread that read them, to pack into before
     * allocating: a new buffer for every batch, freed by another thread, left the allocator holding
     * tens of MB.
     */
    private readonly spare: ArrayBuffer[] = [],
  ) {
    this.buf = EMPTY;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Packs one row: exactly `width` values. */
  row(values: readonly PackedValue[]): void {
    if (values.length !== this.width) throw new Error(`packed batch: a row of ${values.length} values, expected ${this.width}`);
    for (const v of values) this.put(v);
    this.rowCount++;
  }

  /** Packs one value outside the rows (after the last row). */
  put(v: PackedValue | undefined): void {
    if (v === null || v === undefined) {
      this.room(1);
      this.buf[this.at++] = Tag.Null;
    } else if (typeof v === 'string') {
      this.room(5 + v.length * 3);
      const n = this.buf.write(v, this.at + 5, 'utf8');
      this.buf[this.at] = Tag.String;
      this.buf.writeUInt32LE(n, this.at + 1);
      this.at += 5 + n;
    } else if (typeof v === 'number') {
      this.room(9);
      if ((v | 0) === v && !Object.is(v, -0)) {
        this.buf[this.at] = Tag.Int;
        this.buf.writeInt32LE(v, this.at + 1);
        this.at += 5;
      } else {
        this.buf[this.at] = Tag.Double;
        this.buf.writeDoubleLE(v, this.at + 1);
        this.at += 9;
      }
    } else if (typeof v === 'boolean') {
      this.room(1);
      this.buf[this.at++] = v ? Tag.True : Tag.False;
    } else throw new TypeError(`cannot pack a value of type ${typeof v}`);
  }

  /** Hands over what was packed (the buffer is given away) and starts an empty batch, packed into a spare buffer or a new one at its first put. */
  take(): PackedBatch {
    const bytes = this.buf === EMPTY ? new ArrayBuffer(0) : (this.buf.buffer as ArrayBuffer);
    const out: PackedBatch = { bytes, length: this.at, rows: this.rowCount, width: this.width };
    this.buf = EMPTY;
    this.at = 0;
    this.rowCount = 0;
    return out;
  }

  private fresh(): ArrayBuffer {
    for (let b = this.spare.pop(); b; b = this.spare.pop()) if (b.byteLength >= this.capacity) return b;
    return new ArrayBuffer(this.capacity);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.buf === EMPTY) {
      this.buf = Buffer.from(this.fresh());
      if (n <= this.buf.length) return;
    }
    while (this.capacity < this.at + n) this.capacity *= 2;
    const bigger = Buffer.from(new ArrayBuffer(this.capacity));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
}

/** Reads packed values back in the order they were put. */
export class BatchReader {
  private readonly buf: Buffer;
  private at = 0;

  constructor(batch: PackedBatch) {
    this.buf = Buffer.from(batch.bytes, 0, batch.length);
  }

  get done(): boolean {
    return this.at >= this.buf.length;
  }

  next(): PackedValue {
    const b = this.buf;
    const tag = b[this.at];
    switch (tag) {
      case Tag.Null:
        this.at++;
        return null;
      case Tag.True:
        this.at++;
        return true;
      case Tag.False:
        this.at++;
        return false;
      case Tag.Int:
        this.at += 5;
        return b.readInt32LE(this.at - 4);
      case Tag.Double:
        this.at += 9;
        return b.readDoubleLE(this.at - 8);
      case Tag.String: {
        const n = b.readUInt32LE(this.at + 1);
        const start = this.at + 5;
        this.at = start + n;
        return b.toString('utf8', start, start + n);
      }
      default:
        throw new Error(`packed batch: unknown tag ${tag} at byte ${this.at}`);
    }
  }
}
