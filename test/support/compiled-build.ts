import { spawnSync } from 'node:child_process';

/**
 * Before any test: compiles src/ to dist/ when the build is missing or older than a source, so that
 * every test that runs the `jiuye` command runs what `npm install` leaves a user, the compiled code.
 */
export default function compileIfStale(): void {
  const r = spawnSync(process.execPath, ['bin/build-cli.mjs', '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bin/build-cli.mjs failed with status ${r.status}`);
}
