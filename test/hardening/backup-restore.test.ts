import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openApp } from '../../src/app/bootstrap.ts';
import { addUser } from '../../src/app/accounts/users.ts';
import { loadConfig } from '../../src/config.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { backupDatabase, restoreDatabase, tableFingerprints } from '../../src/store/backup.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let t: TestApp;
  let target: TestDatabase;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await addUser(t.app, SYSTEM_ACTOR, { username: 'backup-check', password: 'backup-pass-1', role: 'county_officer', regionCode: '140225' });
    target = await freshDatabase(engine);
  });
  afterAll(async () => {
    await t?.close();
    await target?.drop();
  });

  it('round-trips every table exactly', async () => {
    const file = path.join(target.dataDir, `backup-${engine}.bak`);
    const { bytes } = await backupDatabase(t.app.database, file);
    expect(bytes).toBeGreaterThan(10_000);
    await restoreDatabase(target.url, file);
    const restored = await openApp(loadConfig({}, { databaseUrl: target.url, dataDir: target.dataDir, logLevel: 'silent' }));
    try {
      const a = await tableFingerprints(t.app.database);
      const b = await tableFingerprints(restored.database);
      expect(Object.keys(a).length).toBeGreaterThan(5);
      expect(a.regions.rows).toBe(1 + 11 + 121 + 1352 + 21895);
      expect(b).toEqual(a);
    } finally {
      await restored.database.close();
    }
  });

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const bogus = path.join(target.dataDir, 'not-a-backup.bak');
    (await import('node:fs')).writeFileSync(bogus, 'hello');
    await expect(restoreDatabase(target.url, bogus)).rejects.toThrow();
    const still = await openApp(loadConfig({}, { databaseUrl: target.url, dataDir: target.dataDir, logLevel: 'silent' }));
    try {
      expect((await tableFingerprints(still.database)).users.rows).toBeGreaterThan(1);
    } finally {
      await still.database.close();
    }
  });
});
