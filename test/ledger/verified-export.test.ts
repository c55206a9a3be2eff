import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/app/accounts/auth.ts';
import { exportLedger } from '../../src/app/ledger/export/export-ledger.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { usersRepository } from '../../src/store/repositories/users.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/databases.ts';
import { household, ledgerClients, person } from './ledger-fixture.ts';

describe.each(ENGINES)('the exported ledger carries what the verification found, on %s', (engine) => {
  let t: TestApp;
  let server: Server;
  beforeAll(async () => {
    t = await createTestApp(engine);
    server = await buildServer(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('writes status, date and verifier after the template columns', async () => {
    const { officer } = await ledgerClients(server);
    const h = await officer.post('/api/v1/households', { ...household(), members: [person({ name: '李核实' }), person({ name: '王未核', relation: 'spouse' })] });
    expect(h.status).toBe(201);
    const members = (await officer.get(`/api/v1/households/${h.body.id}`)).body.members;
    const checked = members.find((m: any) => m.name === '李核实');
    const r = await officer.patch(`/api/v1/persons/${checked.id}`, { verificationStatus: 'verified', version: checked.version });
    expect(r.status).toBe(200);

    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
    const user = await usersRepository.byUsername(t.app.database.db, 'hy-ledger');
    await exportLedger(t.app, actorOf(user!), { format: 'csv', region: '140225' }, out);
    const lines = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0].split(',').slice(-3)).toEqual(['核实状态', '核实日期', '核实人']);
    const row = (name: string) => lines.find((l) => l.includes(name))!.split(',').slice(-3);
    expect(row('李核实')[0]).toBe('已核实');
    expect(row('李核实')[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row('李核实')[2]).toBe('hy-ledger');
    expect(row('王未核')).toEqual(['未核实', '', '']);
  });
});
