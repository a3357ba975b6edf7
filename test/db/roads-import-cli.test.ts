import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase } from '../../api/src/db/database.js';
import { readGraphFile } from '../../api/src/domain/routing/index.js';
import { ROOT } from '../helpers/template.js';

// `npm run roads:import -- <file>`, the real command: builds the graph file, then loads road_edges into the app's database.
const dir = mkdtempSync(join(tmpdir(), 'maillage-roads-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const route500 = join(dir, 'monaco-route500.geojson');
writeFileSync(route500, gunzipSync(readFileSync(join(ROOT, 'test/fixtures/roads/monaco-route500.troncon_route.geojson.gz'))));

function runImport(extraArgs: string[], env: Record<string, string>) {
  const graphFile = join(dir, `r500-${randomBytes(3).toString('hex')}.graph`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/roads-import.ts'), route500, '--out', graphFile, ...extraArgs], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 240_000,
  });
  return { ...res, graphFile };
}

async function roadEdgeRows(database: Awaited<ReturnType<typeof createDatabase>>, network: string) {
  const { rows } = await sql<{ n: number; km: number }>`SELECT count(*)::int AS n, sum(distance_m)::float8 / 1000 AS km FROM road_edges WHERE network = ${network}`.execute(database.db);
  return rows[0];
}

describe('npm run roads:import → graph file + road_edges', () => {
  it('embedded PGlite: loads every road piece; re-running replaces them (idempotent); --no-db leaves the database alone', async () => {
    const dataDir = join(dir, 'db');
    const first = runImport([], { MAILLAGE_DATA_DIR: dataDir });
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toMatch(/loaded [\d,]+ road pieces as network "r500-/);
    const { graph } = readGraphFile(first.graphFile);
    const network = first.graphFile.split('/').pop()!.replace(/\.graph$/, '');
    const again = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/roads-import.ts'), route500, '--out', first.graphFile], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir }, timeout: 240_000,
    });
    expect(again.status, again.stderr).toBe(0);
    const skipped = runImport(['--no-db'], { MAILLAGE_DATA_DIR: dataDir });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stdout).not.toMatch(/road_edges/);
    const database = await createDatabase({ dataDir });
    try {
      const row = await roadEdgeRows(database, network);
      expect(row.n).toBe(graph.pieceCount);
      expect(row.km).toBeGreaterThan(10);
      const other = await roadEdgeRows(database, skipped.graphFile.split('/').pop()!.replace(/\.graph$/, ''));
      expect(other.n).toBe(0);
    } finally {
      await database.close();
    }
  }, 600_000);

  const url = process.env.TEST_DATABASE_URL;
  (url ? it : it.skip)(`PostgreSQL (DATABASE_URL)${url ? '' : ' — SKIPPED: TEST_DATABASE_URL not set (CI sets it)'}`, async () => {
    const name = `maillage_roads_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplateName')}"`);
    await admin.end();
    const dbUrl = new URL(url!);
    dbUrl.pathname = `/${name}`;
    try {
      const res = runImport([], { DATABASE_URL: dbUrl.toString() });
      expect(res.status, res.stderr + res.stdout).toBe(0);
      const { graph } = readGraphFile(res.graphFile);
      const database = await createDatabase({ databaseUrl: dbUrl.toString() });
      try {
        expect((await roadEdgeRows(database, res.graphFile.split('/').pop()!.replace(/\.graph$/, ''))).n).toBe(graph.pieceCount);
      } finally {
        await database.close();
      }
    } finally {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    }
  }, 600_000);
});
