import { openApp, prepare } from '../../src/app/bootstrap.ts';
import type { App } from '../../src/app/context.ts';
import { loadConfig } from '../../src/config.ts';
import type { Engine } from '../../src/store/database.ts';
import { freshDatabase } from './databases.ts';

export const ADMIN_PASSWORD = 'test-admin-pw-1';

export interface TestApp {
  app: App;
  engine: Engine;
  close(): Promise<void>;
}

/**
 * A real app on a fresh database of the engine: migrated, Shanxi's regions loaded and `admin`
 * created, exactly as `serve` prepares it (the demo county is not loaded unless asked).
 */
export async function createTestApp(engine: Engine, opts: { demo?: boolean; shedDelayMs?: number } = {}): Promise<TestApp> {
  const tdb = await freshDatabase(engine);
  const config = loadConfig({}, { databaseUrl: tdb.url, dataDir: tdb.dataDir, adminPassword: ADMIN_PASSWORD, demo: opts.demo ?? false, logLevel: 'silent', shedDelayMs: opts.shedDelayMs ?? 0 });
  const app = await openApp(config);
  await prepare(app);
  return {
    app,
    engine,
    close: async () => {
      await app.database.close();
      await tdb.drop();
    },
  };
}
