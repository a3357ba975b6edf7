/**
 * Foundation benchmarks: cold/warm start of `npm start`'s server, vector-tile latency (z6, z10) on PGlite
 * (geojson-vt) and on PostgreSQL (ST_AsMVT, and geojson-vt as the same-run baseline), and the web bundle size.
 * Usage: npm run bench foundation [-- --pg postgres://…/db] [--skip-start]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { seedAll } from '../api/src/db/seed/index.js';
import { apiEntryArgs } from './api-bundle.mjs';
import { createTileService, type TileStrategy } from '../api/src/services/tiles.js';

const args = process.argv.slice(2);
const pgUrl = args.includes('--pg') ? args[args.indexOf('--pg') + 1] : process.env.DATABASE_URL;
const root = new URL('..', import.meta.url).pathname;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const entryArgs = await apiEntryArgs(root); // as `npm start` runs it

function startServer(dataDir: string): Promise<{ readyMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, entryArgs, {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir, PORT: '5191' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (/ready in/.test(out)) {
        const readyMs = performance.now() - t0;
        child.kill('SIGTERM');
        child.on('exit', () => resolve({ readyMs }));
      }
    });
    child.on('exit', (code) => code && !/ready in/.test(out) && reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

async function tileSample(database: Database) {
  const z6: [number, number, number][] = [];
  const [x0, y0] = lonLatToTile(-5.2, 51.1, 6);
  const [x1, y1] = lonLatToTile(9.6, 41.3, 6);
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) z6.push([6, x, y]);
  // z10: tiles under the 60 most populated communes and 60 random rural ones (seeded order by code hash).
  const rows = await database.db.selectFrom('communes').select(['code', 'populationCount']).where('zone', '=', 'metro').orderBy('populationCount', 'desc').execute();
  const picks = [...rows.slice(0, 60), ...rows.filter((_, i) => i % 500 === 7).slice(0, 60)].map((r) => r.code);
  const pts = await database.db.selectFrom('communes').select((eb) => ['code', eb.fn('ST_X', ['point']).as('lon'), eb.fn('ST_Y', ['point']).as('lat')]).where('code', 'in', picks).execute();
  const z10 = [...new Map(pts.map((p) => { const [x, y] = lonLatToTile(Number(p.lon), Number(p.lat), 10); return [`${x}/${y}`, [10, x, y] as [number, number, number]]; })).values()];
  return { z6, z10 };
}

async function benchTiles(label: string, database: Database, strategy: TileStrategy) {
  const service = createTileService(database, strategy);
  const t0 = performance.now();
  await service.warmUp();
  const warmUpMs = performance.now() - t0;
  const { z6, z10 } = await tileSample(database);
  const result: Record<string, { p50: number; p95: number; n: number; kb: number }> = {};
  for (const [name, tiles] of [['z6', z6], ['z10', z10]] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (const [z, x, y] of tiles) {
      const s = performance.now();
      const tile = await service.getTile('communes', z, x, y);
      times.push(performance.now() - s);
      bytes += tile.gzipped().length;
    }
    result[name] = { p50: pct(times, 50), p95: pct(times, 95), n: tiles.length, kb: bytes / tiles.length / 1024 };
  }
  const cachedTimes: number[] = [];
  for (const [z, x, y] of z10) {
    const s = performance.now();
    await service.getTile('communes', z, x, y);
    cachedTimes.push(performance.now() - s);
  }
  console.log(`${label.padEnd(28)} warm-up ${warmUpMs.toFixed(0).padStart(6)} ms | z6 p50 ${result.z6.p50.toFixed(1)} p95 ${result.z6.p95.toFixed(1)} ms (${result.z6.n} tiles, ${result.z6.kb.toFixed(0)} KB gz avg) | z10 p50 ${result.z10.p50.toFixed(1)} p95 ${result.z10.p95.toFixed(1)} ms (${result.z10.n} tiles, ${result.z10.kb.toFixed(1)} KB gz) | cached p50 ${pct(cachedTimes, 50).toFixed(2)} ms`);
  return result;
}

function bundleSize() {
  const dir = join(root, 'web/dist/assets');
  if (!existsSync(dir)) return console.log('bundle: web/dist absent — run `npm run build` first');
  const html = readFileSync(join(root, 'web/dist/index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let firstGz = 0;
  let allGz = 0;
  for (const f of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(f)) continue;
    const gz = gzipSync(readFileSync(join(dir, f))).length;
    allGz += gz;
    if (initial.includes(f)) firstGz += gz;
  }
  console.log(`bundle: first paint ${(firstGz / 1024).toFixed(0)} KB gzipped (${initial.join(', ')}); all chunks ${(allGz / 1024).toFixed(0)} KB gzipped; target ≤ 700 KB → ratio ${(firstGz / 1024 / 700).toFixed(2)}`);
  void statSync;
}

if (!args.includes('--skip-start')) {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  const cold = await startServer(dir);
  const warm = await startServer(dir);
  console.log(`start: cold (migrate + load national data) ${(cold.readyMs / 1000).toFixed(1)} s | warm ${(warm.readyMs / 1000).toFixed(2)} s | warm/cold ratio ${(warm.readyMs / cold.readyMs).toFixed(3)}`);
  rmSync(dir, { recursive: true, force: true });
}

const liteDir = mkdtempSync(join(tmpdir(), 'maillage-bench-db-'));
const lite = await createDatabase({ dataDir: liteDir });
await migrateToLatest(lite);
await seedAll(lite);
const base = await benchTiles('PGlite, geojson-vt', lite, 'js');
await lite.close();
rmSync(liteDir, { recursive: true, force: true });
if (pgUrl) {
  const pgdb = await createDatabase({ databaseUrl: pgUrl });
  await migrateToLatest(pgdb);
  await seedAll(pgdb);
  const js = await benchTiles('PostgreSQL, geojson-vt', pgdb, 'js');
  const mvt = await benchTiles('PostgreSQL, ST_AsMVT', pgdb, 'postgis');
  console.log(`ratio ST_AsMVT / geojson-vt (PostgreSQL): z6 p50 ${(mvt.z6.p50 / js.z6.p50).toFixed(2)}, z10 p50 ${(mvt.z10.p50 / js.z10.p50).toFixed(2)}; PGlite/PostgreSQL geojson-vt z10 p50 ${(base.z10.p50 / js.z10.p50).toFixed(2)}`);
  await pgdb.close();
} else {
  console.log('PostgreSQL: skipped (pass --pg postgres://… or DATABASE_URL)');
}
bundleSize();
