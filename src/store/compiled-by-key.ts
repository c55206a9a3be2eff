import { createQueryId, type CompiledQuery } from 'kysely';
import type { Tx } from '../app/context.ts';
import { isPostgres } from './engine.ts';

/**
 * Compiled queries kept by a key that determines them entirely (every input of the builder), for
 * queries built again and again with the same inputs, such as the first page of a list that every
 * officer of a county opens: building and compiling a filtered query with the query builder costs
 * about as much as SQLite takes to read the page's stamps. Other inputs are built as usual. At most
 * `size` are kept; past that the keeping starts again.
 */
export function compiledByKey(size = 500) {
  const byKey = new Map<string, CompiledQuery<unknown>>();
  return async function run<R>(db: Tx, key: string, build: () => { compile(): CompiledQuery<R> }): Promise<R[]> {
    const k = `${isPostgres(db) ? 'postgres' : 'sqlite'}\u0000${key}`;
    let c = byKey.get(k) as CompiledQuery<R> | undefined;
    if (!c) {
      c = build().compile();
      if (byKey.size >= size) byKey.clear();
      byKey.set(k, c);
    }
    return (await db.executeQuery<R>({ ...c, queryId: createQueryId() })).rows;
  };
}
