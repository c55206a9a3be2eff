import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COL } from '../../src/app/ledger/import/template.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { countyVillages, demoRows, exportToFile, importFile, officerOf, writeCsv } from './support.ts';

describe.each(ENGINES)('ledger import on %s', (engine) => {
  let t: TestApp;
  let villages: string[];
  let rows: string[][];
  beforeAll(async () => {
    t = await createTestApp(engine);
    villages = await countyVillages(t.app);
    rows = demoRows(villages, 60, 3);
  });
  afterAll(async () => {
    await t?.close();
  });

  const countPersons = async () => Number((await t.app.database.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('imports Chinese headers in any order, then finds the same rows unchanged under English headers', async () => {
    const shuffled = [...rows[0].keys()].reverse();
    const zh = writeCsv(rows, { order: shuffled });
    const first = await importFile(t.app, zh);
    expect(first).toMatchObject({ accepted: rows.length, created: rows.length, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await countPersons()).toBe(rows.length);
    const en = writeCsv(rows, { headers: 'en' });
    const again = await importFile(t.app, en);
    expect(again).toMatchObject({ accepted: rows.length, created: 0, updated: 0, unchanged: rows.length, rejected: 0 });
  });

  it('is idempotent: the same file again changes nothing, not even the audit trail', async () => {
    const file = writeCsv(rows);
    const audits = async () => Number((await t.app.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await audits();
    const r = await importFile(t.app, file);
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    expect(await audits()).toBe(before);
    expect(await countPersons()).toBe(rows.length);
  });

  it('reads UTF-8 with a BOM and GB18030 the same way', async () => {
    const bom = await importFile(t.app, writeCsv(rows, { bom: true }));
    expect(bom).toMatchObject({ unchanged: rows.length, rejected: 0 });
    const gb = await importFile(t.app, writeCsv(rows, { encoding: 'gb18030' }));
    expect(gb).toMatchObject({ unchanged: rows.length, rejected: 0 });
    const name = rows[0][COL.name];
    const found = await t.app.database.db.selectFrom('persons').select('name').where('name', '=', name).executeTakeFirst();
    expect(found?.name).toBe(name);
  });

  it('updates exactly the edited people, audits each change masked, and refreshes household facts', async () => {
    const edited = rows.map((r) => [...r]);
    // Row 2 (sheet row 3) goes to work outside the province; row 5 gets a new phone.
    edited[1][COL.employment_status] = '省外务工';
    edited[1][COL.employer_name] = '北京鸿运保洁服务有限公司';
    edited[1][COL.monthly_income] = '5200';
    edited[4][COL.phone] = '13912345678';
    const r = await importFile(t.app, writeCsv(edited));
    expect(r).toMatchObject({ accepted: rows.length, created: 0, updated: 2, unchanged: rows.length - 2, rejected: 0 });
    const audit = await t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.import_update').execute();
    expect(audit).toHaveLength(2);
    const text = JSON.stringify(audit.map((a) => a.changes));
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    const hh = await t.app.database.db.selectFrom('households').select(['household_no', 'employed_count', 'member_count']).where('household_no', '=', edited[1][COL.household_no]).executeTakeFirstOrThrow();
    const members = edited.filter((x) => x[COL.household_no] === edited[1][COL.household_no]);
    const employed = members.filter((x) => ['县内务工', '省内县外务工', '省外务工', '自主创业', '公益性岗位'].includes(x[COL.employment_status])).length;
    expect(hh.member_count).toBe(members.length);
    expect(hh.employed_count).toBe(employed);
    rows = edited;
  });

  it('rejects invalid rows with their sheet row, the column as written and a code, and keeps the rest', async () => {
    const bad = rows.slice(0, 8).map((r) => [...r]);
    const fresh = demoRows(villages, 4, 99).slice(0, 3);
    bad.push(...fresh);
    // Sheet rows: header is 1, so bad[i] is row i + 2.
    bad[0][COL.id_number] = bad[0][COL.id_number].slice(0, 17) + (bad[0][COL.id_number][17] === '0' ? '1' : '0');
    bad[2][COL.phone] = '12345';
    bad[3][COL.name] = '';
    bad[5][COL.village_code] = '140225999999';
    bad[7][COL.id_number] = bad[6][COL.id_number];
    // A later row of an existing household that disagrees on the category.
    const h = bad[8][COL.household_no];
    const twin = [...bad[8]];
    twin[COL.id_number] = demoRows(villages, 1, 12345)[0][COL.id_number];
    twin[COL.household_category] = bad[8][COL.household_category] === '一般户' ? '脱贫户' : '一般户';
    twin[COL.monitored_subtype] = '';
    twin[COL.household_no] = h;
    bad.push(twin);
    const file = writeCsv(bad, { order: [...bad[0].keys()].reverse() });
    const r = await importFile(t.app, file, { errorReport: `${file}.errors.csv` });
    const byRow = (row: number) => r.errors.filter((e) => e.row === row).map((e) => [e.column, e.code]);
    expect(byRow(2)).toEqual([['身份证号', 'id_number_checksum']]);
    expect(byRow(4)).toEqual([['联系电话', 'phone_format']]);
    expect(byRow(5)).toEqual([['姓名', 'required']]);
    expect(byRow(7)).toEqual([['村代码', 'village_unknown']]);
    expect(byRow(9)).toEqual([['身份证号', 'id_number_duplicate']]);
    expect(byRow(13)).toEqual([['户类别', 'household_category_mismatch']]);
    expect(r.rejected).toBe(6);
    expect(r.accepted).toBe(bad.length - 6);
    expect(r.errors.every((e) => Object.keys(e).join() === 'row,column,code,message' && e.message.length > 0)).toBe(true);
    const report = fs.readFileSync(`${file}.errors.csv`, 'utf8');
    expect(report.split('\r\n').filter(Boolean)).toHaveLength(7);
    expect(report).toContain('id_number_checksum');
  });

  it('refuses a file it cannot read: missing required columns, unknown type', async () => {
    const file = writeCsv(rows.slice(0, 2), { order: [0, 1, 2] });
    await expect(importFile(t.app, file)).rejects.toMatchObject({ code: 'missing_columns' });
    const txt = file.replace(/\.csv$/, '.pdf');
    fs.writeFileSync(txt, 'not a ledger');
    await expect(importFile(t.app, txt)).rejects.toMatchObject({ code: 'file_type' });
  });

  it('rejects rows outside the importing officer’s county as out_of_scope', async () => {
    const other = await countyVillages(t.app, '141127');
    const mine = demoRows(villages, 3, 501);
    const theirs = demoRows(other, 3, 502, '141127');
    const file = writeCsv([...mine, ...theirs]);
    const r = await importFile(t.app, file, { actor: officerOf('140225') });
    expect(r.accepted).toBe(mine.length);
    expect(r.rejected).toBe(theirs.length);
    expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(['out_of_scope']));
    expect(r.errors.every((e) => e.column === '村代码')).toBe(true);
  });

  it('after a failure mid-import, a re-run completes it without duplicates', async () => {
    const big = demoRows(villages, 120, 77);
    const file = writeCsv(big);
    const start = await countPersons();
    await expect(importFile(t.app, file, { batchSize: 50, failAfterBatches: 2 })).rejects.toThrow(/stopped after 2/);
    const committed = (await countPersons()) - start;
    expect(committed).toBeGreaterThanOrEqual(100);
    expect(committed).toBeLessThan(big.length);
    const r = await importFile(t.app, file, { batchSize: 50 });
    expect(r).toMatchObject({ rejected: 0, unchanged: committed, created: big.length - committed, updated: 0 });
    expect(await countPersons()).toBe(start + big.length);
    const dup = await t.app.database.db.selectFrom('persons').select(['id_hash', (eb) => eb.fn.countAll().as('n')]).groupBy('id_hash').having((eb) => eb.fn.countAll(), '>', 1).execute();
    expect(dup).toEqual([]);
  });

  it('round-trips: export → import into a fresh database → export gives the same file (csv and xlsx)', async () => {
    const a = await exportToFile(t.app, 'csv', { reveal: true });
    const ax = await exportToFile(t.app, 'xlsx', { reveal: true });
    const fresh = await createTestApp(engine);
    try {
      const r1 = await importFile(fresh.app, a);
      expect(r1.rejected).toBe(0);
      expect(r1.created).toBe(await countPersons());
      const b = await exportToFile(fresh.app, 'csv', { reveal: true });
      expect(fs.readFileSync(b, 'utf8')).toBe(fs.readFileSync(a, 'utf8'));
      const r2 = await importFile(fresh.app, ax);
      expect(r2).toMatchObject({ rejected: 0, created: 0, updated: 0, unchanged: r1.created });
    } finally {
      await fresh.close();
    }
    const masked = fs.readFileSync(await exportToFile(t.app, 'csv'), 'utf8');
    expect(masked).toMatch(/140225\*{8}\d{3}[\dX]/);
    expect(masked).not.toContain(rows[0][COL.id_number]);
  });
});

describe('demo county', () => {
  it('is deterministic for a seed and every person passes validation', async () => {
    const { validatePerson } = await import('../../src/domain/ledger/person.ts');
    const { validateHousehold } = await import('../../src/domain/ledger/household.ts');
    const villages = ['140225100200', '140225100201', '140225101200'];
    const a = demoRows(villages, 400, 5);
    const b = demoRows(villages, 400, 5);
    const c = demoRows(villages, 400, 6);
    const hash = (x: string[][]) => crypto.createHash('sha256').update(JSON.stringify(x)).digest('hex');
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
    const ids = new Set(a.map((r) => r[COL.id_number]));
    expect(ids.size).toBe(a.length);
    for (const r of a) {
      const p = validatePerson({
        relation: r[COL.relation], name: r[COL.name], idNumber: r[COL.id_number], phone: r[COL.phone], education: r[COL.education], laborCapacity: r[COL.labor_capacity],
        skills: r[COL.skills], employmentStatus: r[COL.employment_status], employerName: r[COL.employer_name], monthlyIncome: r[COL.monthly_income],
        trainingWish: r[COL.training_wish], jobWishTypes: r[COL.job_wish], preferredScope: r[COL.preferred_location], minMonthlyPay: r[COL.min_monthly_pay], availableFrom: r[COL.available_from],
      });
      expect(p.ok, JSON.stringify(p)).toBe(true);
      const h = validateHousehold({ householdNo: r[COL.household_no], villageCode: r[COL.village_code], category: r[COL.household_category], monitoredSubtype: r[COL.monitored_subtype], relocated: r[COL.relocated] });
      expect(h.ok, JSON.stringify(h)).toBe(true);
    }
    const categories = new Set(a.map((r) => r[COL.household_category]));
    expect(categories).toEqual(new Set(['脱贫户', '监测户', '一般户']));
    expect(a.some((r) => r[COL.employment_status] === '省外务工')).toBe(true);
  });
});
