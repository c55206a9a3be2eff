import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';
import { creditCode, employerBody, postingBody } from './support.ts';

describe.each(ENGINES)('public job board on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let anon: Client;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    const admin = new Client(server);
    await admin.login('admin', ADMIN_PASSWORD);
    const e = await admin.post('/api/v1/employers', employerBody(1, { contactName: '李经理', contactPhone: '13800138000', address: '浑源县永安镇秘密路1号' }));
    const sz = await admin.post('/api/v1/employers', employerBody(2, { name: '深圳某厂', regionCode: '440305', creditCode: creditCode(2, '440305'), scopeCode: '140225' }));
    const make = async (key: string, body: Record<string, unknown>) => {
      const r = await admin.post('/api/v1/postings', body);
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      ids[key] = r.body.id;
    };
    await make('cleaner', postingBody(e.body.id, { title: '保洁员', regionCode: '140225100218', payMinFen: 200000, payMaxFen: 240000 }));
    await make('draft', postingBody(e.body.id, { title: '草稿岗位', status: 'draft' }));
    await make('closed', postingBody(e.body.id, { title: '已关闭岗位', status: 'closed' }));
    await make('sewing', postingBody(e.body.id, { title: '缝纫工', occupationCode: '6-05-01-03', postType: 'workshop', regionCode: '140225100', payMinFen: 250000, payMaxFen: 320000 }));
    await make('shenzhen', postingBody(sz.body.id, { title: '电子装配工', occupationCode: '6-25-01-12', regionCode: '440305', payMinFen: 480000, payMaxFen: 680000, lodging: true }));
    for (let i = 0; i < 5; i++) await make(`bulk${i}`, postingBody(e.body.id, { title: `搬运工${i}`, occupationCode: '4-02-05-01', regionCode: '140225', payMinFen: 300000, payMaxFen: 400000 }));
    anon = new Client(server);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('lists open postings to anyone, without personal or internal data', async () => {
    const r = await anon.get('/api/v1/public/postings');
    expect(r.status).toBe(200);
    const titles = r.body.items.map((p: any) => p.title);
    expect(titles).not.toContain('草稿岗位');
    expect(titles).not.toContain('已关闭岗位');
    expect(r.body.items).toHaveLength(8);
    const text = JSON.stringify(r.body);
    for (const secret of ['李经理', '13800138000', '秘密路', creditCode(1), 'scopeCode', 'contact', 'version', 'externalNo']) expect(text).not.toContain(secret);
    expect(Object.keys(r.body.items[0]).sort()).toEqual(['board', 'employerName', 'endDate', 'hours', 'id', 'lodging', 'occupationCode', 'occupationName', 'occupationNameEn', 'openings', 'payMaxFen', 'payMinFen', 'place', 'postType', 'regionCode', 'requirements', 'startDate', 'title', 'weakLaborOk']);
    const sz = r.body.items.find((p: any) => p.title === '电子装配工');
    expect(sz.place).toContain('深圳');
  });

  it('filters by region at any level, occupation, type and pay', async () => {
    const titles = async (q: string) => (await anon.get(`/api/v1/public/postings?${q}`)).body.items.map((p: any) => p.title).sort();
    expect(await titles('region=44')).toEqual(['电子装配工']);
    expect(await titles('region=4403')).toEqual(['电子装配工']);
    expect(await titles('region=140225100218')).toEqual(['保洁员']);
    expect(await titles('region=140225100')).toEqual(['保洁员', '缝纫工']);
    expect((await titles('region=140225')).length).toBe(7);
    expect(await titles('occupation=6-05-01-03')).toEqual(['缝纫工']);
    expect(await titles('occupation=6')).toEqual(['电子装配工', '缝纫工']);
    expect(await titles('postType=workshop')).toEqual(['缝纫工']);
    expect(await titles('minPayFen=500000')).toEqual(['电子装配工']);
    expect((await anon.get('/api/v1/public/postings?region=14x')).status).toBe(400);
  });

  it('pages with a keyset cursor, newest first, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await anon.get(`/api/v1/public/postings?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.items.map((p: any) => p.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });
});
