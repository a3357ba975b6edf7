import { Kysely, PostgresDialect, CamelCasePlugin, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script outside Kysely (DDL, bulk loads). */
  execScript(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite + PostGIS is used. */
  databaseUrl?: string;
  /** PGlite data directory (ignored with databaseUrl). */
  dataDir?: string;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// int8 (count(*), sums) and numeric come back as strings by default: our values stay well below 2^53.
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v) => Number(v));

/** One entry point for both engines: same migrations, same queries. */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl);
  return createPglite(options.dataDir ?? './.maillage/db');
}

function makeKysely(pool: PostgresPool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

async function createPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (restart, admin termination) must not crash the process: the pool
  // drops it and opens a new one on the next query.
  pool.on('error', (e) => console.error(`[maillage] PostgreSQL connection lost (${e.message}); it will be reopened`));
  // pg's Pool.end() resolves before its connections have closed: close() waits for them, so a caller may drop
  // the database right after.
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (c) => open.add(c));
  pool.on('remove', (c) => open.delete(c));
  const db = makeKysely(pool as unknown as PostgresPool);
  return {
    kind: 'postgres',
    db,
    async execScript(sqlText) {
      await pool.query(sqlText);
    },
    async close() {
      await db.destroy();
      for (let i = 0; open.size > 0 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

async function createPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { slimPostgis } = await import('./postgis-bundle.js');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create({
    dataDir,
    extensions: { postgis: slimPostgis(postgis) },
    parsers: { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => Number(v) },
  });
  await lite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const lock = new Mutex();

  // PGlite is one connection: a client holds it exclusively until released, so a
  // transaction opened by one request never interleaves with another request's queries.
  const pool: PostgresPool = {
    async connect(): Promise<PostgresPoolClient> {
      const release = await lock.acquire();
      let released = false;
      return {
        async query<R>(sqlText: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
          const res = await lite.query<R>(sqlText, parameters as unknown[]);
          return { command: commandOf(sqlText), rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
        },
        release() {
          if (!released) {
            released = true;
            release();
          }
        },
      } as PostgresPoolClient;
    },
    async end() {
      await lite.close();
    },
  };
  const db = makeKysely(pool);
  return {
    kind: 'pglite',
    db,
    async execScript(sqlText) {
      const release = await lock.acquire();
      try {
        await lite.exec(sqlText);
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

function commandOf(sqlText: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sqlText)?.[1]?.toUpperCase();
  if (word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE') return word;
  return 'SELECT';
}

/** FIFO mutex: acquire() resolves with a release function. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}
