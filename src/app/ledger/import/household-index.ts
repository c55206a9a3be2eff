import { ownString } from './own-string.ts';

/**
 * Household number → a small non-negative integer, for every household of a ledger file (the import
 * checks that all rows of one household agree, wherever they stand in the file). A Map of strings
 * costs about 70 bytes a household, 20 MB for the 340,000 households of a 10^6-row ledger. Here a
 * number of one-byte characters (every household number a county uses) costs its length plus about
 * 11 bytes: its characters in one growing buffer, and a slot of an open-addressing table. Any other
 * number is kept in a Map, as a string of its own (not a slice holding the reader's chunk).
 */
export class HouseholdIndex {
  /** Each key as [length, char codes…]. */
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Per slot: where its key starts in `bytes`, or -1 when empty. */
  private starts = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  private count = 0;
  private readonly other = new Map<string, number>();

  get size(): number {
    return this.count + this.other.size;
  }

  get(key: string): number | undefined {
    if (!compact(key)) return this.other.get(key);
    const slot = this.find(key);
    return slot >= 0 ? this.values[slot] : undefined;
  }

  set(key: string, value: number): void {
    if (!compact(key)) {
      this.other.set(ownString(key), value);
      return;
    }
    let slot = this.find(key);
    if (slot >= 0) {
      this.values[slot] = value;
      return;
    }
    if ((this.count + 1) * 4 > this.starts.length * 3) {
      this.grow();
      slot = this.find(key);
    }
    slot = ~slot;
    if (this.used + key.length + 1 > this.bytes.length) {
      const more = new Uint8Array(Math.max(this.bytes.length * 2, this.used + key.length + 1));
      more.set(this.bytes.subarray(0, this.used));
      this.bytes = more;
    }
    this.starts[slot] = this.used;
    this.values[slot] = value;
    this.bytes[this.used++] = key.length;
    for (let i = 0; i < key.length; i++) this.bytes[this.used++] = key.charCodeAt(i);
    this.count++;
  }

  /** The slot holding `key`, or the bitwise complement of the empty slot where it would go. */
  private find(key: string): number {
    const mask = this.starts.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const at = this.starts[slot];
      if (at < 0) return ~slot;
      if (this.bytes[at] === key.length && this.sameAt(at + 1, key)) return slot;
    }
  }

  private sameAt(at: number, key: string): boolean {
    for (let i = 0; i < key.length; i++) if (this.bytes[at + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private grow(): void {
    const starts = this.starts;
    const values = this.values;
    this.starts = new Int32Array(starts.length * 2).fill(-1);
    this.values = new Int32Array(starts.length * 2);
    const mask = this.starts.length - 1;
    for (let s = 0; s < starts.length; s++) {
      const at = starts[s];
      if (at < 0) continue;
      let slot = hashOfBytes(this.bytes, at + 1, this.bytes[at]) & mask;
      while (this.starts[slot] >= 0) slot = (slot + 1) & mask;
      this.starts[slot] = at;
      this.values[slot] = values[s];
    }
  }
}

/** Kept in the table: 1 to 255 characters, each a single byte. */
function compact(key: string): boolean {
  if (key.length === 0 || key.length > 255) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0xff) return false;
  return true;
}

// FNV-1a over the character codes; the same over a key's stored bytes.
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashOfBytes(bytes: Uint8Array, from: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}
