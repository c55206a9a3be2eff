import type { Command } from 'commander';
import { openApp } from '../app/bootstrap.ts';
import type { App } from '../app/context.ts';
import { loadConfig, type Config } from '../config.ts';
import { isDomainError } from '../domain/errors.ts';

/** Global options every command inherits. */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export function configFrom(cmd: Command): Config {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig(process.env, g.db ? { databaseUrl: g.db } : {});
}

/** Opens the app for one command, runs it, always closes the database, and reports errors plainly. */
export async function withApp(cmd: Command, fn: (app: App, opts: GlobalOptions) => Promise<void>): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  let app: App | undefined;
  try {
    app = await openApp(configFrom(cmd), (m) => (opts.json ? process.stderr : process.stdout).write(`${m}\n`));
    await fn(app, opts);
  } catch (e) {
    reportError(e);
  } finally {
    await app?.database.close();
  }
}

/** Prints an error for a person (and each failing field), and sets a non-zero exit status. */
export function reportError(e: unknown): void {
  if (isDomainError(e)) {
    process.stderr.write(`error [${e.code}]: ${e.issues.length ? 'the input is not valid' : e.message}\n`);
    for (const i of e.issues) process.stderr.write(`  ${i.field}: ${i.message} (${i.code})\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

/** Prints a result as JSON when --json is given, else as the given text. */
export function output(opts: GlobalOptions, value: unknown, text: () => string): void {
  process.stdout.write(opts.json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}
