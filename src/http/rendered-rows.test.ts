import { describe, expect, it } from 'vitest';
import { keptPage, pageJson, RenderedRows, type KeptPageReads } from './rendered-rows.ts';

const b = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('rows kept as written', () => {
  it('gives a row back only at the stamp it was written from', () => {
    const rows = new RenderedRows(10);
    rows.set(1, '3.1.2026-12-07T10:00:00.000Z', b({ id: 1, name: '王芳' }));
    expect(rows.get(1, '3.1.2026-12-07T10:00:00.000Z')?.toString()).toBe('{"id":1,"name":"王芳"}');
    expect(rows.get(1, '4.1.2026-12-07T10:05:00.000Z')).toBeUndefined();
    expect(rows.get(2, '3.1.2026-12-07T10:00:00.000Z')).toBeUndefined();
    rows.set(1, '4.1.2026-12-07T10:05:00.000Z', b({ id: 1, name: '王芳芳' }));
    expect(rows.size).toBe(1);
    expect(rows.get(1, '3.1.2026-12-07T10:00:00.000Z')).toBeUndefined();
  });

  it('keeps the rows used last, drops those not used for longest, never keeps more than its capacity, and keeps none at 0', () => {
    // Capacity 4: the last two rows used are always kept.
    const rows = new RenderedRows(4);
    rows.set(1, 's', b({ id: 1 }));
    rows.set(2, 's', b({ id: 2 }));
    expect(rows.get(1, 's')).toBeDefined(); // 1 is used again; 2 is not
    rows.set(3, 's', b({ id: 3 }));
    expect(rows.get(2, 's')).toBeUndefined();
    expect(rows.get(3, 's')).toBeDefined();
    expect(rows.get(1, 's')).toBeDefined();
    for (let id = 10; id < 1000; id++) {
      rows.set(id, 's', b({ id }));
      expect(rows.size).toBeLessThanOrEqual(4);
    }
    expect(rows.get(999, 's')).toBeDefined();
    expect(rows.get(1, 's')).toBeUndefined();
    const none = new RenderedRows(0);
    none.set(1, 's', b({ id: 1 }));
    expect(none.size).toBe(0);
  });

  it('writes a page that reads back as the rows and the cursor', () => {
    const items = [{ id: 1, name: '李娜', note: 'a "quoted" word' }, { id: 2, name: null }];
    expect(JSON.parse(pageJson(items.map(b), 'djE0MDIyNS4y').toString())).toEqual({ items, nextCursor: 'djE0MDIyNS4y' });
    expect(JSON.parse(pageJson([], null).toString())).toEqual({ items: [], nextCursor: null });
  });

  it('reads pages whole while few rows are found kept, stamps first once most are, and writes only rows whose stamp moved', async () => {
    type V = { id: number; name: string };
    const records = new Map<number, V & { stamp: string }>([1, 2, 3].map((id) => [id, { id, name: `person ${id}`, stamp: 'a' }]));
    const calls: string[] = [];
    let written = 0;
    const write = (v: V) => {
      written++;
      return JSON.stringify(v);
    };
    const reads: KeptPageReads<V> = {
      async stamps() {
        calls.push('stamps');
        return { items: [...records.values()].map((r) => ({ id: r.id, stamp: r.stamp })), nextCursor: null };
      },
      async shown(ids) {
        calls.push(`shown ${ids.join(',')}`);
        return ids.map((id) => records.get(id)!).map((r) => ({ id: r.id, stamp: r.stamp, show: () => ({ id: r.id, name: r.name }) }));
      },
      async whole() {
        calls.push('whole');
        return { items: [...records.values()].map((r) => ({ id: r.id, stamp: r.stamp, show: () => ({ id: r.id, name: r.name }) })), nextCursor: 'next' };
      },
    };
    const kept = new RenderedRows(100);
    const page = async () => JSON.parse((await keptPage(kept, write, reads)).toString());
    const expected = () => [...records.values()].map(({ id, name }) => ({ id, name }));

    expect(await page()).toEqual({ items: expected(), nextCursor: null }); // stamps first, nothing kept yet
    expect(calls.splice(0)).toEqual(['stamps', 'shown 1,2,3']);
    expect(await page()).toEqual({ items: expected(), nextCursor: 'next' }); // few found lately: whole
    expect(calls.splice(0)).toEqual(['whole']);
    expect(written).toBe(3);
    for (let i = 0; i < 5; i++) await page();
    calls.splice(0);
    records.set(2, { id: 2, name: 'person 2, renamed', stamp: 'b' });
    expect((await page()).items).toEqual(expected());
    expect(calls.splice(0)).toEqual(['stamps', 'shown 2']);
    expect(written).toBe(4);
    const none = new RenderedRows(0);
    await keptPage(none, write, reads);
    expect(calls.splice(0)).toEqual(['whole']);
  });
});
