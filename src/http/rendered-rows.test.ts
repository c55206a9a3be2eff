import { describe, expect, it } from 'vitest';
import { pageJson, RenderedRows } from './rendered-rows.ts';

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
});
