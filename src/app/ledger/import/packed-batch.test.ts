import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchPacker, BatchReader, type PackedValue } from './packed-batch.ts';

const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '王'.repeat(5000), '😀 a"\\\n'),
);

function roundTrip(rows: PackedValue[][], width: number, capacity: number): PackedValue[] {
  const p = new BatchPacker(width, capacity);
  for (const r of rows) p.row(r);
  const batch = p.take();
  expect(batch.rows).toBe(rows.length);
  const r = new BatchReader(batch);
  const out: PackedValue[] = [];
  while (!r.done) out.push(r.next());
  return out;
}

describe('packed batches', () => {
  it('read back every value as it was put, across growth of the buffer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((w) => fc.tuple(fc.constant(w), fc.array(fc.array(value, { minLength: w, maxLength: w }), { maxLength: 40 }))), ([w, rows]) => {
        const out = roundTrip(rows, w, 16);
        expect(out).toEqual(rows.flat());
        out.forEach((v, i) => expect(Object.is(v, rows.flat()[i])).toBe(true));
      }),
    );
  });

  it('starts afresh after a batch is taken, and gives the taken buffer away whole', () => {
    const p = new BatchPacker(2, 64);
    p.row(['甲', 1]);
    const first = p.take();
    p.row([null, false]);
    p.put('after the rows');
    const second = p.take();
    expect(first.bytes).not.toBe(second.bytes);
    const a = new BatchReader(first);
    expect([a.next(), a.next(), a.done]).toEqual(['甲', 1, true]);
    const b = new BatchReader(second);
    expect(second.rows).toBe(1);
    expect([b.next(), b.next(), b.next(), b.done]).toEqual([null, false, 'after the rows', true]);
  });

  it('packs the next batch into a buffer given back, when it is large enough, and leaves the values of the old batch behind', () => {
    const spare: ArrayBuffer[] = [];
    const p = new BatchPacker(1, 64, spare);
    p.row(['王'.repeat(30)]);
    const first = p.take();
    spare.push(new ArrayBuffer(16), first.bytes);
    p.row(['短']);
    const second = p.take();
    expect(second.bytes).toBe(first.bytes);
    const r = new BatchReader(second);
    expect([r.next(), r.done]).toEqual(['短', true]);
    // The one left was too small to pack into: a new buffer is made.
    expect(spare).toHaveLength(1);
    p.row(['x']);
    expect(spare).toHaveLength(0);
    const third = p.take();
    expect(third.bytes.byteLength).toBeGreaterThanOrEqual(64);
    expect(third.bytes).not.toBe(first.bytes);
  });

  it('hands over an empty batch when nothing was put', () => {
    const p = new BatchPacker(1, 64);
    const none = p.take();
    expect([none.length, none.rows, none.bytes.byteLength]).toEqual([0, 0, 0]);
    expect(new BatchReader(none).done).toBe(true);
    p.row([7]);
    const r = new BatchReader(p.take());
    expect([r.next(), r.done]).toEqual([7, true]);
  });

  it('refuses a value it cannot pack, and a row of the wrong width', () => {
    expect(() => new BatchPacker(1).put({} as unknown as string)).toThrow(/cannot pack a value of type object/);
    expect(() => new BatchPacker(2).row(['one'])).toThrow(/a row of 1 values, expected 2/);
  });
});
