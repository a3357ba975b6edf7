import { existsSync, mkdirSync, renameSync, rmSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../api/src/db/database.js';
import { migrateToLatest } from '../../api/src/db/migrate.js';
import { seedAll } from '../../api/src/db/seed/index.js';
import { ROOT, templateHash } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string;
    pgTemplateName: string | null;
  }
}

const log = (m: string) => console.log(`[test setup] ${m}`);

/** Seeds one PGlite template (and one PostgreSQL template database) per data/migration version; test files clone them. */
export default async function setup(project: TestProject) {
  const hash = templateHash();
  const cacheDir = join(ROOT, '.tmp', 'test-templates');
  mkdirSync(cacheDir, { recursive: true });
  const pgliteDir = join(cacheDir, `pglite-${hash}`);
  if (!existsSync(pgliteDir)) {
    // Remove stale templates, but not a build another test run has in progress (unless abandoned for an hour).
    for (const old of readdirSync(cacheDir)) {
      const p = join(cacheDir, old);
      // Keep builds in progress and templates used in the last hour (a parallel run on another data version may be copying them).
      if (Date.now() - statSync(p).mtimeMs < 3_600_000) continue;
      rmSync(p, { recursive: true, force: true });
    }
    const building = `${pgliteDir}.building-${process.pid}`;
    log(`seeding the PGlite template (${hash}); once per data version…`);
    const database = await createDatabase({ dataDir: building });
    await migrateToLatest(database);
    await seedAll(database, (m) => /\d \/ /.test(m) || log(m));
    await database.close();
    try {
      renameSync(building, pgliteDir);
    } catch (e) {
      // Another test run (a parallel session) finished the same template first: use theirs.
      if (!existsSync(pgliteDir)) throw e;
      rmSync(building, { recursive: true, force: true });
    }
  }
  utimesSync(pgliteDir, new Date(), new Date());
  project.provide('pgliteTemplateDir', pgliteDir);

  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    log('TEST_DATABASE_URL is not set: PostgreSQL/PostGIS variants of the database tests are SKIPPED (CI sets it).');
    project.provide('pgTemplateName', null);
    return;
  }
  const name = `maillage_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  const stale = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'maillage_tpl_%' AND datname <> $1 AND datname NOT LIKE $2", [name, `${name}_b%`]);
  // Outside CI, parallel runs on other data versions may be using their templates: drop stale ones only in CI.
  if (process.env.CI) for (const r of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  if (exists.rowCount === 0) {
    log(`seeding the PostgreSQL template database ${name}…`);
    const building = `${name}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const database = await createDatabase({ databaseUrl: withDatabase(url, building) });
    await migrateToLatest(database);
    await seedAll(database, (m) => /\d \/ /.test(m) || log(m));
    await database.close();
    try {
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } catch (e) {
      // A parallel test run finished the same template first: keep theirs.
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) throw e;
    }
  }
  await admin.end();
  project.provide('pgTemplateName', name);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
