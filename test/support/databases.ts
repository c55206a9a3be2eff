import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from '../../src/store/database.ts';

/** The PostgreSQL server the suite uses: JIUYE_TEST_PG_URL, else the local server on 127.0.0.1:5432. */
export const PG_ADMIN_URL = process.env.JIUYE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Engines the integration suite runs on; both by default. JIUYE_TEST_ENGINES=sqlite narrows it for a quick local run. */
export const ENGINES: Engine[] = (process.env.JIUYE_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as Engine[];

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given engine, and a data folder; `drop` removes both. */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuye-test-'));
  if (engine === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'jiuye.db')}`, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `jiuye_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
