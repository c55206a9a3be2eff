import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  JIUYE_DATABASE_URL: z.string().min(1).optional(),
  JIUYE_DATA_DIR: z.string().min(1).default('./data'),
  JIUYE_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JIUYE_HOST: z.string().min(1).default('127.0.0.1'),
  JIUYE_PROVINCE: z.string().regex(/^\d{2}$/, 'a two-digit province code such as 14').default('14'),
  JIUYE_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  JIUYE_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters (32 bytes)').optional(),
  JIUYE_DEMO: z.enum(['0', '1']).default('1'),
  JIUYE_SESSION_HOURS: z.coerce.number().positive().default(12),
  JIUYE_SHED_DELAY_MS: z.coerce.number().int().min(0).default(3000),
  JIUYE_LIST_CACHE_ROWS: z.coerce.number().int().min(0).default(20000),
  JIUYE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host: string;
  province: string;
  adminPassword?: string;
  secretKey?: string;
  demo: boolean;
  sessionHours: number;
  logLevel: string;
  /** Event-loop delay above which requests are shed with 503 (0 = never). */
  shedDelayMs: number;
  /** How many people a server keeps as the ledger list last wrote them (0 = none). */
  listCacheRows: number;
}

/** Reads and checks the JIUYE_* environment once; every value has a default that runs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.JIUYE_DATA_DIR);
  return {
    databaseUrl: overrides.databaseUrl ?? e.JIUYE_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'jiuye.db')}`,
    dataDir,
    port: overrides.port ?? e.JIUYE_PORT,
    host: overrides.host ?? e.JIUYE_HOST,
    province: overrides.province ?? e.JIUYE_PROVINCE,
    adminPassword: overrides.adminPassword ?? e.JIUYE_ADMIN_PASSWORD,
    secretKey: overrides.secretKey ?? e.JIUYE_SECRET_KEY,
    demo: overrides.demo ?? e.JIUYE_DEMO === '1',
    sessionHours: overrides.sessionHours ?? e.JIUYE_SESSION_HOURS,
    logLevel: overrides.logLevel ?? e.JIUYE_LOG_LEVEL,
    shedDelayMs: overrides.shedDelayMs ?? e.JIUYE_SHED_DELAY_MS,
    listCacheRows: overrides.listCacheRows ?? e.JIUYE_LIST_CACHE_ROWS,
  };
}
