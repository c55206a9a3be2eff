#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/, file for file, with the same folders, so that the
// command and the server start without a TypeScript loader in every thread: less memory and a faster
// start. bin/jiuye.mjs runs dist/ only while it is newer than every source (bin/compiled.mjs), and the
// sources themselves otherwise, so an edit is never hidden behind a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { compiledMain, DIST, ROOT as root, SRC, STAMP } from './compiled.mjs';

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// Each file is its own entry and every import stays an import: relative ones now name the .js file.
const eachFileAlone = {
  name: 'each-file-alone',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const relative = args.path.startsWith('./') || args.path.startsWith('../');
      return { path: relative ? args.path.replace(/\.ts$/, '.js') : args.path, external: true };
    });
  },
};

if (process.argv.includes('--if-stale') && compiledMain(root, {})) process.exit(0);

const started = Date.now();
const out = path.join(root, `${DIST}.tmp-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
const entryPoints = sources(path.join(root, SRC));
await build({ entryPoints, outdir: out, outbase: path.join(root, SRC), bundle: true, format: 'esm', platform: 'node', target: 'node20', plugins: [eachFileAlone], charset: 'utf8', logLevel: 'warning' });
fs.writeFileSync(path.join(out, STAMP), `${new Date().toISOString()}\n`);
// Swapped in by two renames, so that a command already running from dist/ finds every file it still
// loads (its worker threads, a lazily loaded command) under the same names in the new build.
// Another build finishing at the same moment moves first: ours then gives way to it.
const old = path.join(root, `${DIST}.old-${process.pid}`);
const gone = (e) => e.code === 'ENOENT' || e.code === 'ENOTEMPTY' || e.code === 'EEXIST';
try {
  fs.renameSync(path.join(root, DIST), old);
} catch (e) {
  if (!gone(e)) throw e;
}
try {
  fs.renameSync(out, path.join(root, DIST));
} catch (e) {
  if (!gone(e)) throw e;
  fs.rmSync(out, { recursive: true, force: true });
}
fs.rmSync(old, { recursive: true, force: true });
console.log(`Compiled ${entryPoints.length} source files to ${DIST}/ in ${Date.now() - started} ms`);
