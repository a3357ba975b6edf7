import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, describe, beforeAll, afterAll } from 'vitest';
import { createDatabase, type Database, type DatabaseKind } from '../../api/src/db/database.js';
import { createTileService } from '../../api/src/services/tiles.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { createApp } from '../../api/src/app.js';
import type { AppDeps } from '../../api/src/deps.js';

export interface TestDatabase {
  database: Database;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A private, seeded copy of the template database (PGlite directory copy, or CREATE DATABASE … TEMPLATE). */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-test-'));
    cpSync(inject('pgliteTemplateDir'), dir, { recursive: true });
    const database = await createDatabase({ dataDir: dir });
    return {
      database,
      async close() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject('pgTemplateName');
  if (!template) throw new Error('TEST_DATABASE_URL is set but the PostgreSQL template was not prepared');
  const name = `maillage_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const database = await createDatabase({ databaseUrl: withDatabase(url, name) });
  return {
    database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Builds the real app over a test database, with the tile strategy the engine would use. */
export function appFor(database: Database, extra: Partial<AppDeps> = {}) {
  const deps: AppDeps = {
    database,
    tiles: createTileService(database, database.kind === 'postgres' ? 'postgis' : 'js'),
    routing: RoutingService.load(database, undefined),
    config: { extraAttribution: [] },
    ...extra,
  };
  return { app: createApp(deps), deps };
}

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

/**
 * Runs a suite once per database engine. The PostgreSQL variant is skipped, with a message,
 * only where TEST_DATABASE_URL is absent (a bare machine); CI sets it.
 */
export function describeEachDatabase(name: string, fn: (kind: DatabaseKind) => void) {
  for (const kind of DATABASE_KINDS) {
    const missing = kind === 'postgres' && !process.env.TEST_DATABASE_URL;
    const title = missing ? `${name} [postgres — skipped: TEST_DATABASE_URL not set]` : `${name} [${kind}]`;
    (missing ? describe.skip : describe)(title, () => fn(kind));
  }
}

/**
 * One test database and its app for the suite it is called in (opened before the suite's tests, closed after):
 * read `ctx.app` / `ctx.t` inside tests.
 */
export function useTestApp(kind: DatabaseKind) {
  const ctx = {} as { t: TestDatabase; app: ReturnType<typeof appFor>['app'] };
  beforeAll(async () => {
    ctx.t = await openTestDatabase(kind);
    ctx.app = appFor(ctx.t.database).app;
  });
  afterAll(async () => ctx.t?.close());
  return ctx;
}
