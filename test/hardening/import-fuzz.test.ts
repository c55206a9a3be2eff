import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/app/ledger/import/run-import.ts';
import { COL, TEMPLATE_COLUMNS } from '../../src/app/ledger/import/template.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { countyVillages, demoRows, importFile, tmp } from '../ledger-import/support.ts';

/**
 * The ledger import fed malformed files: it must never crash. Each file either imports with every
 * bad row reported (row number, column, code) or is refused as a whole with a DomainError that says
 * why; the command exits non-zero with a message for a file it cannot read. Parsing does not depend
 * on the engine, so this runs on SQLite only.
 */

const HEAD_ZH = TEMPLATE_COLUMNS.map((c) => c.zh);
const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: string[][]) => rows.map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';

function write(name: string, content: Buffer | string): string {
  const file = path.join(tmp, `${crypto.randomBytes(4).toString('hex')}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

async function xlsx(rows: unknown[][], name = 'sheet.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  const file = path.join(tmp, `${crypto.randomBytes(4).toString('hex')}-${name}`);
  await wb.xlsx.writeFile(file);
  return file;
}

type Outcome = { kind: 'result'; r: ImportResult } | { kind: 'refused'; e: DomainError };

describe('ledger import fed malformed files', () => {
  let t: TestApp;
  let rows: string[][];
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    rows = demoRows(await countyVillages(t.app), 40, 11);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function run(file: string): Promise<Outcome> {
    try {
      const r = await importFile(t.app, file, { inline: true });
      return { kind: 'result', r };
    } catch (e) {
      expect(e, String((e as Error)?.stack)).toBeInstanceOf(DomainError);
      expect((e as DomainError).message.length).toBeGreaterThan(10);
      return { kind: 'refused', e: e as DomainError };
    }
  }

  /** Every rejected row has at least one reason, and every row read is accounted for. */
  function accounted(r: ImportResult) {
    expect(r.accepted + r.rejected).toBe(r.rowsRead);
    expect(new Set(r.errors.map((e) => e.row)).size).toBe(r.rejected);
    for (const e of r.errors) {
      expect(e.row).toBeGreaterThanOrEqual(2);
      expect(e.column.length).toBeGreaterThan(0);
      expect(e.code).toMatch(/^[a-z_]+$/);
    }
  }

  async function householdsWhole() {
    const bad = await t.app.database.db
      .selectFrom('households as h')
      .leftJoin('persons as p', (j) => j.onRef('p.household_id', '=', 'h.id'))
      .select(['h.id', 'h.member_count', (eb) => eb.fn.count('p.id').as('n')])
      .groupBy(['h.id', 'h.member_count'])
      .execute();
    return bad.filter((b) => Number(b.member_count) !== Number(b.n));
  }

  it('refuses an empty file, a header-only file imports nothing, and unknown extensions are refused', async () => {
    for (const name of ['empty.csv', 'empty.xlsx']) {
      const o = await run(write(name, Buffer.alloc(0)));
      expect(o.kind, name).toBe('refused');
    }
    const head = await run(write('head.csv', csv([HEAD_ZH])));
    if (head.kind === 'result') expect(head.r).toMatchObject({ rowsRead: 0, accepted: 0, rejected: 0 });
    const headX = await run(await xlsx([HEAD_ZH]));
    if (headX.kind === 'result') expect(headX.r).toMatchObject({ rowsRead: 0, accepted: 0, rejected: 0 });
    for (const name of ['ledger.xls', 'ledger.exe', 'ledger', 'ledger.csv.zip']) expect((await run(write(name, csv([HEAD_ZH, rows[0]])))).kind, name).toBe('refused');
  });

  it('refuses broken and truncated .xlsx files and binary garbage with a file-level error', async () => {
    const good = fs.readFileSync(await xlsx([HEAD_ZH, ...rows]));
    const cases: [string, Buffer][] = [
      ['garbage.xlsx', crypto.randomBytes(4096)],
      ['zip-header-only.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(200)])],
      ['truncated.xlsx', good.subarray(0, Math.floor(good.length / 2))],
      ['truncated-tail.xlsx', good.subarray(0, good.length - 30)],
      ['csv-as-xlsx.xlsx', Buffer.from(csv([HEAD_ZH, rows[0]]))],
    ];
    for (const [name, bytes] of cases) {
      const o = await run(write(name, bytes));
      // A zip whose central directory survives may still be readable; then every row is accounted for.
      if (o.kind === 'result') accounted(o.r);
      else expect(o.e.code, name).toMatch(/file|xlsx|columns|read|empty|format/);
    }
    expect((await run(write('binary.csv', crypto.randomBytes(64 * 1024)))).kind).toBe('refused');
  });

  it('reports each bad row of a CSV with huge cells, NUL bytes, ragged rows, formulas and thousands of columns', async () => {
    const bad = rows.slice(0, 12).map((r) => [...r]);
    bad[0][COL.name] = '张'.repeat(2_000_000);
    bad[1][COL.id_number] = `${bad[1][COL.id_number]}\u0000`;
    bad[2] = bad[2].slice(0, 5);
    bad[3] = [...bad[3], ...Array.from({ length: 50 }, () => 'extra')];
    bad[4][COL.phone] = '=HYPERLINK("http://evil.example","点我")';
    bad[5][COL.monthly_income] = '1e309';
    bad[6][COL.available_from] = '2020-02-30';
    bad[7][COL.village_code] = "140225100218' OR '1'='1";
    const o = await run(write('hostile.csv', csv([HEAD_ZH, ...bad])));
    expect(o.kind).toBe('result');
    if (o.kind !== 'result') return;
    accounted(o.r);
    const rowsWithErrors = new Set(o.r.errors.map((e) => e.row));
    for (const i of [0, 1, 2, 4, 5, 6, 7]) expect(rowsWithErrors.has(i + 2), `sheet row ${i + 2}`).toBe(true);

    const wide = [...HEAD_ZH, ...Array.from({ length: 5000 }, (_, i) => `备注${i}`)];
    const w = await run(write('wide.csv', csv([wide, ...rows.slice(20, 25).map((r) => [...r, ...Array.from({ length: 5000 }, () => 'x')])])));
    expect(w.kind).toBe('result');
    if (w.kind === 'result') {
      accounted(w.r);
      expect(w.r.accepted).toBe(5);
    }
    expect(await householdsWhole()).toEqual([]);
  });

  it('reads a file in the wrong encoding as bad rows or refuses it, never as garbled people', async () => {
    const text = csv([HEAD_ZH, ...rows.slice(0, 5)]);
    for (const [name, bytes] of [
      ['utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')])],
      ['big5.csv', iconv.encode(text, 'big5')],
      ['shiftjis.csv', iconv.encode(text, 'shift_jis')],
      ['latin1-mangled.csv', Buffer.from(Buffer.from(text, 'utf8').toString('latin1'), 'utf8')],
    ] as [string, Buffer][]) {
      const o = await run(write(name, bytes));
      if (o.kind === 'result') {
        accounted(o.r);
        // Whatever was accepted must be a real person of the file, not mojibake.
        const names = new Set(rows.slice(0, 5).map((r) => r[COL.name]));
        const got = await t.app.database.db.selectFrom('persons').select('name').orderBy('id', 'desc').limit(o.r.accepted || 1).execute();
        if (o.r.accepted) for (const g of got) expect(names.has(g.name) || !/[\uFFFD]/.test(g.name)).toBe(true);
      }
    }
  });

  it('imports formula cells by their cached value and reports bad ones per row in .xlsx', async () => {
    const [a, b, c] = rows.slice(30, 33);
    const sheet: unknown[][] = [HEAD_ZH, [...a], [...b], [...c]];
    (sheet[1] as unknown[])[COL.name] = { formula: 'CONCATENATE("王","五")', result: '王五' };
    (sheet[2] as unknown[])[COL.monthly_income] = { formula: '1/0', result: { error: '#DIV/0!' } };
    (sheet[3] as unknown[])[COL.name] = 'x'.repeat(40_000);
    const o = await run(await xlsx(sheet));
    expect(o.kind).toBe('result');
    if (o.kind !== 'result') return;
    accounted(o.r);
    expect(o.r.errors.some((e) => e.row === 4)).toBe(true);
    expect(o.r.accepted).toBeGreaterThanOrEqual(1);
  });

  it('survives random mutations of a valid CSV', async () => {
    const base = Buffer.from(csv([HEAD_ZH, ...rows.slice(0, 15)]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'insert')), { minLength: 1, maxLength: 12 }), async (edits) => {
        let buf = Buffer.from(base);
        for (const [at, byte, op] of edits) {
          const i = Math.min(at, buf.length - 1);
          if (op === 'set') buf[i] = byte;
          else if (op === 'cut') buf = Buffer.concat([buf.subarray(0, i), buf.subarray(i + 1)]);
          else buf = Buffer.concat([buf.subarray(0, i), Buffer.from([byte]), buf.subarray(i)]);
        }
        const o = await run(write('mutated.csv', buf));
        if (o.kind === 'result') accounted(o.r);
      }),
      { numRuns: 60 },
    );
    expect(await householdsWhole()).toEqual([]);
  });

  it('exits non-zero with a message from the command for files it cannot read, and 0 with the bad rows listed otherwise', () => {
    const db = `sqlite:${path.join(tmp, `cli-${crypto.randomBytes(4).toString('hex')}.db`)}`;
    // Run from another folder, as a county office would: nothing may depend on the working directory.
    const cli = (file: string) => spawnSync(process.execPath, [path.resolve('bin/jiuye.mjs'), 'import', 'ledger', file, '--db', db, '--json'], { cwd: tmp, encoding: 'utf8', timeout: 120_000, env: { ...process.env, JIUYE_DATA_DIR: tmp } });
    for (const [name, bytes] of [
      ['empty.csv', Buffer.alloc(0)],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(300)])],
    ] as [string, Buffer][]) {
      const p = cli(write(name, bytes));
      expect(p.status, `${name}: ${p.stderr}`).not.toBe(0);
      expect(p.status, `${name} must not crash`).not.toBe(null);
      expect(p.stderr.length).toBeGreaterThan(0);
      expect(p.stderr, name).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    }
    const bad = rows.slice(0, 3).map((r) => [...r]);
    bad[1][COL.phone] = '123';
    const p = cli(write('rows.csv', csv([HEAD_ZH, ...bad])));
    expect(p.status, p.stderr).toBe(0);
    const out = JSON.parse(p.stdout);
    expect(out.errors.some((e: any) => e.row === 3 && e.code === 'phone_format')).toBe(true);
  }, 180_000);
});
