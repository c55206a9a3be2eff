import { createQueryId, type CompiledQuery, type QueryResult } from 'kysely';
import type { Tx } from '../app/context.ts';
import { prepareOnServer } from './pg-prepared.ts';

type Param = string | number | null;

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter of the compiled query: the argument it takes, or -1 for a constant of the builder. */
  slots: number[];
}

/**
 * A query of fixed shape that is built and compiled once per SQL dialect and then run with new
 * arguments: building and compiling with the query builder costs more than a key lookup itself.
 * The arguments must reach the SQL as parameters (not as literals), which is checked when compiling.
 * On PostgreSQL it runs as a named prepared statement: give it key lookups only.
 */
export function reusableQuery<A extends Param[], R>(build: (db: Tx, ...args: A) => { compile(): CompiledQuery<R> }) {
  const byDialect = new Map<unknown, Compiled<R>>();

  function compiled(db: Tx, argc: number): Compiled<R> {
    const dialect = db.getExecutor().adapter.constructor;
    let c = byDialect.get(dialect);
    if (c) return c;
    const markers = Array.from({ length: argc }, (_, i) => `\u0000reusable-argument-${i}\u0000`);
    const query = build(db, ...(markers as unknown as A)).compile();
    const slots = query.parameters.map((p) => markers.indexOf(p as string));
    const missing = markers.filter((_, i) => !slots.includes(i));
    if (missing.length) throw new Error(`reusableQuery: argument(s) ${missing.map((m) => markers.indexOf(m)).join(', ')} did not become parameters of: ${query.sql}`);
    c = { query, slots };
    prepareOnServer(query.sql);
    byDialect.set(dialect, c);
    return c;
  }

  return {
    async all(db: Tx, ...args: A): Promise<R[]> {
      const c = compiled(db, args.length);
      const parameters = c.query.parameters.map((p, i) => (c.slots[i]! >= 0 ? args[c.slots[i]!] : p));
      const r = await db.executeQuery<R>({ ...c.query, parameters, queryId: createQueryId() });
      return r.rows;
    },
  };
}

/**
 * Runs a query that reads or writes records by key (an id, a key list, an insert of values) and that
 * callers send again and again with the same text: on PostgreSQL as a named prepared statement, so
 * its text is parsed and planned once per connection. Its generic plan must suit every argument:
 * never pass searches over ranges or filters whose best plan depends on the values.
 */
export async function executeByKey<R>(db: Tx, query: { compile(db: Tx): CompiledQuery<R> }): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  prepareOnServer(compiled.sql);
  return db.executeQuery(compiled);
}
