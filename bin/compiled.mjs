// Decides whether the command runs the compiled JavaScript in dist/ (bin/build-cli.mjs) or the
// TypeScript sources through tsx: dist/ only while it exists and no file or folder under src/ is
// newer than its stamp. JIUYE_FROM_SOURCE=1 always runs the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC = 'src';
export const DIST = 'dist';
export const STAMP = '.built';

/** The project's folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newerThan(dir, time) {
  if (fs.statSync(dir).mtimeMs > time) return true;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() ? newerThan(p, time) : fs.statSync(p).mtimeMs > time) return true;
  }
  return false;
}

/** The compiled entry file of the command under `root` when it is current, or null. */
export function compiledMain(root = ROOT, env = process.env) {
  if (env.JIUYE_FROM_SOURCE === '1') return null;
  let built;
  try {
    built = fs.statSync(path.join(root, DIST, STAMP)).mtimeMs;
  } catch {
    return null;
  }
  return newerThan(path.join(root, SRC), built) ? null : path.join(root, DIST, 'cli', 'main.js');
}
