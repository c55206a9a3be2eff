import type { Command } from 'commander';
import { prepare } from '../../app/bootstrap.ts';
import { keepFoldingStats } from '../../app/stats/maintain.ts';
import { withApp } from '../context.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the server: migrate, load regions and the first administrator when missing, then listen')
    .option('--port <port>', 'port to listen on (default: JIUYE_PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: JIUYE_HOST or 127.0.0.1)')
    .action(async (o: { port?: string; host?: string }, cmd: Command) =>
      withApp(cmd, async (app) => {
        const { adminPassword } = await prepare(app);
        // The HTTP stack is loaded by this command only: every other command starts without it.
        const { buildServer } = await import('../../http/server.ts');
        const server = await buildServer(app, { logger: app.config.logLevel !== 'silent' && process.env.JIUYE_LOG_REQUESTS === '1' });
        const port = o.port !== undefined ? Number(o.port) : app.config.port;
        const host = o.host ?? app.config.host;
        await server.listen({ port, host });
        const folding = keepFoldingStats(app, 1000, (e) => server.log.error(e, 'adding the logged statistics differences failed'));
        const addr = server.server.address();
        const actualPort = typeof addr === 'object' && addr ? addr.port : port;
        const base = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
        if (adminPassword) {
          console.log('\n  First start: created the administrator account');
          console.log(`    username: admin\n    password: ${adminPassword}   (shown only this once; change it on the account page)\n`);
        }
        console.log(`Jiuye is running on ${app.database.caps.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
        console.log(`  UI:       ${base}/`);
        console.log(`  API docs: ${base}/api/docs`);
        await new Promise<void>((resolve) => {
          const stop = async () => {
            console.log('Shutting down…');
            await server.close();
            await folding.stop();
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}
