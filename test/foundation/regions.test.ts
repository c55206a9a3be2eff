import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegions } from '../../src/app/regions/load-regions.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { regionsRepository } from '../../src/store/repositories/regions.repository.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { Client } from '../support/http.ts';

describe.each(ENGINES)('regions on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  let c: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
    c = new Client(server);
    await c.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('has loaded exactly Shanxi: 1 province, 11 cities, 121 counties, 1,352 towns, 21,895 villages', async () => {
    expect(await regionsRepository.countByLevel(t.app.database.db, '')).toEqual({ 1: 1, 2: 11, 3: 121, 4: 1352, 5: 21895 });
  });

  it('loads again without duplicating anything and reports the counts', async () => {
    const r = await loadRegions(t.app, '14');
    expect(r.counts).toEqual({ province: 1, city: 11, county: 121, town: 1352, village: 21895 });
    expect(await regionsRepository.countByLevel(t.app.database.db, '')).toEqual({ 1: 1, 2: 11, 3: 121, 4: 1352, 5: 21895 });
  });

  it('refuses an unknown province', async () => {
    await expect(loadRegions(t.app, '99')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(loadRegions(t.app, '1')).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('returns a region with its ancestors and children', async () => {
    const r = await c.get('/api/v1/regions/140225');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: '140225', name: '浑源县', level: 'county', parentCode: '1402' });
    expect(r.body.ancestors.map((a: any) => a.name)).toEqual(['山西省', '大同市']);
    expect(r.body.children.length).toBeGreaterThan(10);
    expect(r.body.children.every((ch: any) => ch.level === 'town' && ch.code.startsWith('140225') && ch.childCount > 0)).toBe(true);
    const village = r.body.children[0];
    const town = await c.get(`/api/v1/regions/${village.code}`);
    const v = await c.get(`/api/v1/regions/${town.body.children[0].code}`);
    expect(v.body.level).toBe('village');
    expect(v.body.ancestors).toHaveLength(4);
    expect(v.body.children).toEqual([]);
  });

  it('answers 404 for a code that does not exist and 400 for a malformed one', async () => {
    expect((await c.get('/api/v1/regions/149999')).status).toBe(404);
    const bad = await c.get('/api/v1/regions/14x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('code');
  });

  it('searches by name prefix, by part of a name, by pinyin initials and by code', async () => {
    const byName = await c.get(`/api/v1/regions?q=${encodeURIComponent('浑源')}`);
    expect(byName.body.items[0]).toMatchObject({ code: '140225', path: '山西省 / 大同市 / 浑源县' });
    const byPart = await c.get(`/api/v1/regions?q=${encodeURIComponent('岚县')}`);
    expect(byPart.body.items.map((i: any) => i.code)).toContain('141127');
    const byInitials = await c.get('/api/v1/regions?q=hyx');
    expect(byInitials.body.items.map((i: any) => i.code)).toContain('140225');
    const byCode = await c.get('/api/v1/regions?q=141127');
    expect(byCode.body.items[0].code).toBe('141127');
    const within = await c.get(`/api/v1/regions?q=${encodeURIComponent('村')}&within=141127&limit=5`);
    expect(within.body.items).toHaveLength(5);
    expect(within.body.items.every((i: any) => i.code.startsWith('141127'))).toBe(true);
    const roots = await c.get('/api/v1/regions');
    expect(roots.body.items).toEqual([{ code: '14', name: '山西省', level: 'province', parentCode: null }]);
  });

  it('needs an account', async () => {
    expect((await new Client(server).get('/api/v1/regions/14')).status).toBe(401);
  });
});
