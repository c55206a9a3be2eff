import type { App } from '../../src/app/context.ts';
import type { Engine } from '../../src/store/database.ts';
import { buildServer } from '../../src/http/server.ts';
import type { Server } from '../../src/http/types.ts';
import { ADMIN_PASSWORD, createTestApp } from './app.ts';

export interface TestServer {
  url: string;
  app: App;
  server: Server;
  adminPassword: string;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 (random port) over a fresh database, as a browser or HTTP client sees it. */
export async function startTestServer(opts: { engine?: Engine; demo?: boolean } = {}): Promise<TestServer> {
  const t = await createTestApp(opts.engine ?? 'sqlite', { demo: opts.demo });
  const server = await buildServer(t.app);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app: t.app,
    server,
    adminPassword: ADMIN_PASSWORD,
    close: async () => {
      await server.close();
      await t.close();
    },
  };
}
