import Sqlite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The floor the HTTP load bench compares the product with, served from its own process like
 * `jiuye serve`: a Fastify route with no plugin, hook, authentication or database answering a fixed
 * 2 KB JSON document (`/bare`), and the same with one lookup of a person by primary key in the
 * bench's database (`/lookup/:id`: a prepared SQLite statement, or a query on a pool of 10
 * PostgreSQL connections). Nothing of the product runs here.
 *
 * `tsx bench/gen/baseline-server.ts PORT DATABASE_URL` (sqlite:FILE or postgres://…); prints
 * `listening` when it serves.
 */
const [port, url] = process.argv.slice(2);
if (!port || !url) throw new Error('usage: baseline-server PORT DATABASE_URL');

const DOCUMENT = {
  id: 1,
  name: '基线',
  items: Array.from({ length: 20 }, (_, i) => ({ key: `field-${i}`, value: 'x'.repeat(70) })),
};

type Lookup = (id: number) => Promise<unknown>;

function sqliteLookup(file: string): Lookup {
  const db = new Sqlite(file, { readonly: true });
  db.pragma('mmap_size = 4294967296');
  const stmt = db.prepare('select * from persons where id = ?');
  return async (id) => stmt.get(id);
}

function postgresLookup(connectionString: string): Lookup {
  const pool = new pg.Pool({ connectionString, max: 10 });
  return async (id) => (await pool.query({ name: 'baseline-person', text: 'select * from persons where id = $1', values: [id] })).rows[0];
}

const lookup = url.startsWith('sqlite:') ? sqliteLookup(url.slice('sqlite:'.length)) : postgresLookup(url);
const server = Fastify();
server.get('/bare', async () => DOCUMENT);
server.get<{ Params: { id: string } }>('/lookup/:id', async (req, reply) => {
  const row = await lookup(Number(req.params.id));
  if (!row) return reply.code(404).send({ error: 'not found' });
  return row;
});
await server.listen({ port: Number(port), host: '127.0.0.1' });
console.log('listening');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
