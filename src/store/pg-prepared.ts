import crypto from 'node:crypto';
import type pg from 'pg';

/** SQL texts run as named prepared statements on PostgreSQL, by their statement name. */
const NAMES = new Map<string, string>();
const MAX_TEXTS = 1000;

/**
 * Asks for `text` to run as a named prepared statement on PostgreSQL: each connection parses and
 * plans it once and then reuses its generic plan. Only queries of fixed shape that look records up
 * by key are handed in (see `reusableQuery`): planning such a lookup costs PostgreSQL more than
 * running it, and a generic plan of a key lookup is the plan any parameter gets. Searches over
 * ranges keep being planned for their own parameters.
 */
export function prepareOnServer(text: string): void {
  if (NAMES.has(text) || NAMES.size >= MAX_TEXTS) return;
  NAMES.set(text, `jiuye_${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 24)}`);
}

/** Makes every client of the pool run the texts handed to `prepareOnServer` as named prepared statements. */
export function withPreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === 'string' && Array.isArray(values) ? NAMES.get(config) : undefined;
    if (name) return callback === undefined ? query({ name, text: config, values }) : query({ name, text: config, values }, callback);
    return callback === undefined ? (values === undefined ? query(config) : query(config, values)) : query(config, values, callback);
  };
}
