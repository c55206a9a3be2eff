import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEmployers, importPostings } from '../../src/app/demand/demand-import.ts';
import { importOccupations, listOccupations } from '../../src/app/demand/occupations.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { creditCode } from './support.ts';

const REFERENCE = path.resolve(import.meta.dirname, '../../../shared/reference/occupations-2022.json');

describe.each(ENGINES)('demand imports on %s', (engine) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    dir = t.app.config.dataDir;
  });
  afterAll(async () => t?.close());

  const employersCsv = () =>
    [
      '单位名称,统一社会信用代码,所在区划代码,中小企业,经营状态,状态日期,职工总数,吸纳贫困劳动力,扶贫车间,联系电话',
      `浑源县甲制衣厂,${creditCode(11)},140225,是,正常经营,,40,12,是,0352-8321234`,
      `浑源县乙食品厂,${creditCode(12)},140225100,否,已复工,2024-02-20,25,5,否,`,
      `坏代码厂,${creditCode(13).slice(0, 17)}Z,140225,是,正常经营,,10,2,否,`,
      `超员厂,${creditCode(14)},140225,maybe,停工,,10,20,否,`,
      `深圳丙电子,${creditCode(15, '440305')},440305,否,正常经营,,900,30,否,`,
    ].join('\n');

  it('imports employers with a row-level report, then changes nothing on a re-run', async () => {
    const file = path.join(dir, 'employers.csv');
    fs.writeFileSync(file, employersCsv());
    const r = await importEmployers(t.app, SYSTEM_ACTOR, file);
    expect(r).toMatchObject({ accepted: 3, created: 3, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: 'credit_code', code: 'credit_code_charset' }),
      expect.objectContaining({ row: 5, column: 'is_sme', code: 'flag_format' }),
      expect.objectContaining({ row: 5, column: 'status_date', code: 'status_date_required' }),
      expect.objectContaining({ row: 5, column: 'poor_employees', code: 'poor_exceeds_total' }),
    ]));
    const again = await importEmployers(t.app, SYSTEM_ACTOR, file);
    expect(again).toMatchObject({ accepted: 3, created: 0, updated: 0, unchanged: 3, rejected: 2 });
    fs.writeFileSync(file, employersCsv().replace('40,12', '45,12'));
    expect(await importEmployers(t.app, SYSTEM_ACTOR, file)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const row = await t.app.database.db.selectFrom('employers').select(['employees_total', 'version', 'is_workshop']).where('credit_code', '=', creditCode(11)).executeTakeFirstOrThrow();
    expect(Number(row.employees_total)).toBe(45);
    expect(Number(row.version)).toBe(2);
  });

  it('reads the same template from an Excel workbook', async () => {
    const file = path.join(dir, 'employers.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['name', 'credit_code', 'region_code', 'operating_status', 'status_date', 'employees_total', 'poor_employees']);
    ws.addRow(['浑源县丁合作社', creditCode(16), '140225', 'suspended', new Date('2024-01-15T00:00:00Z'), 8, 3]);
    await wb.xlsx.writeFile(file);
    expect(await importEmployers(t.app, SYSTEM_ACTOR, file)).toMatchObject({ created: 1, rejected: 0 });
    expect(await importEmployers(t.app, SYSTEM_ACTOR, file)).toMatchObject({ created: 0, unchanged: 1 });
    const row = await t.app.database.db.selectFrom('employers').select(['name', 'status_date']).where('credit_code', '=', creditCode(16)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '浑源县丁合作社', status_date: '2024-01-15' });
  });

  it('refuses a workbook it cannot read with a file-level error, and writes nothing', async () => {
    const file = path.join(dir, 'broken.xlsx');
    const good = fs.readFileSync(path.join(dir, 'employers.xlsx'));
    const before = await t.app.database.db.selectFrom('employers').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const bytes of [Buffer.from('name,credit_code\n'), good.subarray(0, good.length >> 1)]) {
      fs.writeFileSync(file, bytes);
      await expect(importEmployers(t.app, SYSTEM_ACTOR, file)).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'file', code: 'file_unreadable' })] });
    }
    const after = await t.app.database.db.selectFrom('employers').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('imports postings keyed by employer and posting number, applying the post-type rules', async () => {
    const file = path.join(dir, 'postings.csv');
    fs.writeFileSync(file, [
      'employer_credit_code,external_no,title,occupation_code,post_type,openings,pay_min_yuan,pay_max_yuan,region_code,start_date,end_date,age_min,age_max,skills,health_certificate,board,lodging,accident_insurance_yuan',
      `${creditCode(11)},P-1,缝纫工,6-05-01-03,regular,10,2500,3500,,2024-03-01,,18,50,缝纫;熨烫,是,是,否,`,
      `${creditCode(11)},P-2,村级保洁员,4-09-08-01,公益性岗位,3,600,800,140225100218,2024-03-01,2024-12-31,,,,否,否,否,300000`,
      `${creditCode(11)},P-3,临时搬运,4-02-05-01,临时,5,1500,1800,140225,2024-03-01,2024-04-15,,,,否,否,否,`,
      `${creditCode(15, '440305')},SZ-1,电子装配工,6-25-01-12,regular,50,4500,6500,440305,2024-03-01,,18,45,,否,是,是,`,
      `${creditCode(99)},X-1,不存在的单位,4-09-08-01,regular,1,3000,3000,,2024-03-01,,,,,否,否,否,`,
      `${creditCode(11)},P-4,装卸工（限男性）,4-02-05-01,regular,2,3000,3000,,2024-03-01,,,,,否,否,否,`,
    ].join('\n'));
    const r = await importPostings(t.app, SYSTEM_ACTOR, file);
    expect(r).toMatchObject({ accepted: 3, created: 3, rejected: 3 });
    const codes = r.errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['4:end_date:temporary_min_duration', '4:pay_min_yuan:temporary_below_minimum_wage', '6:employer_credit_code:employer_unknown', '7:title:gender_requirement']));
    const again = await importPostings(t.app, SYSTEM_ACTOR, file);
    expect(again).toMatchObject({ accepted: 3, created: 0, updated: 0, unchanged: 3 });
    const n = await t.app.database.db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
    const pw = await t.app.database.db.selectFrom('postings').selectAll().where('external_no', '=', 'P-2').executeTakeFirstOrThrow();
    expect(Number(pw.accident_insurance_fen)).toBe(30_000_000);
    expect(Number(pw.pay_max_fen)).toBe(80_000);
  });

  it('loads the full 2022 classification tree idempotently, keeping English names', async () => {
    const r = await importOccupations(t.app, SYSTEM_ACTOR, REFERENCE);
    expect(r.rejected).toBe(0);
    expect(r.accepted).toBeGreaterThan(2000);
    expect(r.created + r.updated + r.unchanged).toBe(r.accepted);
    expect((await importOccupations(t.app, SYSTEM_ACTOR, REFERENCE))).toMatchObject({ created: 0, updated: 0, unchanged: r.accepted });
    const top = await listOccupations(t.app, SYSTEM_ACTOR, {});
    expect(top.items.map((o) => o.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const cleaners = await listOccupations(t.app, SYSTEM_ACTOR, { parent: '4-09-08' });
    expect(cleaners.items.find((o) => o.code === '4-09-08-01')).toMatchObject({ nameZh: '保洁员', nameEn: 'Cleaner' });
    const csv = path.join(dir, 'occupations.csv');
    fs.writeFileSync(csv, 'code,name,parent\n9,测试大类,\n9-01,测试中类,9\nbad,坏行,\n');
    expect(await importOccupations(t.app, SYSTEM_ACTOR, csv)).toMatchObject({ created: 2, rejected: 1 });
  });

  it.runIf(engine === 'sqlite')('runs from the command line with a JSON report', async () => {
    const file = path.join(dir, 'employers.csv');
    const { stdout } = await promisify(execFile)('node', ['bin/jiuye.mjs', '--json', '--db', t.app.config.databaseUrl, 'import', 'employers', file], { cwd: path.resolve(import.meta.dirname, '../..'), env: { ...process.env, JIUYE_DATA_DIR: dir } }).catch((e) => e);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 2 });
    expect(r.errors[0]).toEqual({ row: 4, column: 'credit_code', code: 'credit_code_charset', message: expect.any(String) });
  });
});
