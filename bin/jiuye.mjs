#!/usr/bin/env node
// Runs the compiled JavaScript when it is current (npm install compiles it), and the TypeScript
// sources through tsx otherwise: no build step stands between a change and the command.
import { pathToFileURL } from 'node:url';
import { compiledMain } from './compiled.mjs';

const main = compiledMain();
if (main) {
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
