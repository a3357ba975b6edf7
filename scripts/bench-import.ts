/**
 * `npm run bench:import [-- --rows 100000] [--pg postgres://…]`: throughput and peak memory of a customer-file
 * import (CSV → parse → validate + geocode → one transaction into layer_features) on PGlite and, when a URL is
 * given (--pg, TEST_DATABASE_URL or DATABASE_URL), on PostgreSQL + PostGIS.
 *
 * Each measurement runs in its own child process so that its peak RSS (getrusage maxrss) is its own. Peak RSS
 * also counts garbage V8 has not collected yet, so the import also reports the heap retained after a forced GC
 * after its first batch and at its end: equal when memory is flat in the number of rows.
 * Baselines in the same run: parsing alone, and parse + validation/geocoding without the database, so the
 * printed ratios say where the time goes. The file is synthetic (seeded), located like a real CRM export:
 * 60 % commune code, 20 % WGS84 coordinates, 10 % postcode + city, 5 % Lambert-93, 5 % former commune codes.
 * Prints figures, never asserts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase, type Database } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { seedAll } from '../api/src/db/seed/index.js';
import { parseTable } from '../api/src/domain/imports/parse.js';
import { runPipeline, type ColumnMapping } from '../api/src/domain/imports/pipeline.js';
import { geocodeReference, importLayer } from '../api/src/services/imports.js';
import { seededRandom } from '../api/src/domain/common/random.js';
import { seededTemplateDir } from './seeded-database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, '.tmp', 'bench-import');
const SELF = fileURLToPath(import.meta.url);

const MAPPING: ColumnMapping = {
  key: 'code_client', name: 'raison_sociale', category: 'categorie', communeCode: 'code_insee', postcode: 'code_postal', city: 'ville',
  lon: 'longitude', lat: 'latitude', x: 'x_l93', y: 'y_l93', date: 'derniere_visite',
  measures: [
    { column: 'ca_eur', name: 'ca_eur', unit: 'EUR', type: 'number' },
    { column: 'visites', name: 'visites', unit: 'visites/an', type: 'number' },
    { column: 'segment', name: 'segment', type: 'category' },
  ],
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

interface RefCommune { code: string; name: string; postcode: string | null; lon: number; lat: number; x: number; y: number }

/** Writes the synthetic CSV (Windows-1252 is not needed here: UTF-8, ';', French decimals like a French Excel export). */
function writeCsv(file: string, rows: number, communes: RefCommune[], former: string[]) {
  const r = seededRandom(42);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const cats = ['pharmacie', 'cabinet', 'commerce'];
  const lines = ['code_client;raison_sociale;categorie;code_insee;code_postal;ville;longitude;latitude;x_l93;y_l93;ca_eur;visites;segment;derniere_visite'];
  for (let i = 0; i < rows; i++) {
    const c = pick(communes);
    const u = r();
    const cat = pick(cats);
    const loc =
      u < 0.6 ? [c.code, '', '', '', '', '', '']
      : u < 0.8 ? ['', '', '', c.lon.toFixed(6).replace('.', ','), c.lat.toFixed(6).replace('.', ','), '', '']
      : u < 0.9 && c.postcode ? ['', c.postcode, c.name, '', '', '', '']
      : u < 0.95 ? ['', '', '', '', '', c.x.toFixed(1), c.y.toFixed(1)]
      : [pick(former), '', '', '', '', '', ''];
    const sales = (r() * 400_000).toFixed(2).replace('.', ',');
    const day = `${String(1 + Math.floor(r() * 28)).padStart(2, '0')}/${String(1 + Math.floor(r() * 12)).padStart(2, '0')}/2025`;
    lines.push([`K${String(i).padStart(7, '0')}`, `"${cat} ${c.name} ${i}"`, cat, ...loc, sales, String(Math.floor(r() * 30)), pick(['A', 'B', 'C']), day].join(';'));
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}

async function openPglite(dir: string): Promise<Database> {
  if (!existsSync(dir)) {
    const tpl = seededTemplateDir();
    if (tpl) cpSync(tpl, dir, { recursive: true });
  }
  return createDatabase({ dataDir: dir });
}

async function openPostgres(url: string): Promise<Database> {
  const u = new URL(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'maillage_bench_import'");
  if (!exists.rowCount) await admin.query('CREATE DATABASE maillage_bench_import');
  await admin.end();
  u.pathname = '/maillage_bench_import';
  return createDatabase({ databaseUrl: u.toString() });
}

const rssMb = () => process.memoryUsage().rss / 1048576;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

/** One measurement in this (child) process; prints one JSON line. */
async function child(phase: string, engine: string, file: string) {
  const bytes = new Uint8Array(readFileSync(file));
  const database = engine === 'pglite' ? await openPglite(join(WORK, 'pglite')) : await openPostgres(engine);
  const ref = await geocodeReference(database);
  const before = rssMb();
  const started = performance.now();
  let rows = 0;
  let extra: Record<string, unknown> = {};
  if (phase === 'parse') {
    rows = (await parseTable('bench.csv', bytes)).rows.length;
  } else if (phase === 'pipeline') {
    const table = await parseTable('bench.csv', bytes);
    const result = runPipeline(table.rows, MAPPING, ref);
    rows = table.rows.length;
    extra = { accepted: result.accepted.length, rejected: result.rejected.length };
  } else {
    const request = { fileName: 'bench.csv', bytes, mapping: MAPPING, layer: { name: 'Bench import', kind: 'internal' as const, description: '', sourceNote: 'bench', synthetic: true } };
    // Retained heap (after a forced GC) after the first batch and at the end: flat when the import streams.
    const retained = () => ((globalThis as { gc?: () => void }).gc?.(), process.memoryUsage().heapUsed / 1048576);
    let heapFirstBatchMb = 0;
    const first = await importLayer(database, request, (n) => {
      if (!heapFirstBatchMb) heapFirstBatchMb = retained();
    });
    const heapEndMb = retained();
    const firstSec = (performance.now() - started) / 1000;
    const again = performance.now();
    await importLayer(database, request); // idempotent replace of the same layer
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layer_features WHERE layer_id = ${first.layerId}::uuid`.execute(database.db);
    rows = first.report.rowsRead;
    extra = { imported: first.report.imported, rejected: first.report.rejected, reimportSec: (performance.now() - again) / 1000, rowsAfterReimport: count.rows[0].n, firstSec, heapFirstBatchMb, heapEndMb };
  }
  const sec = phase === 'import' ? (extra.firstSec as number) : (performance.now() - started) / 1000;
  console.log(JSON.stringify({ phase, rows, sec, rssBeforeMb: before, peakRssMb: peakMb(), ...extra }));
  await database.close();
}

function run(phase: string, engine: string, file: string) {
  const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', phase, engine, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !line.startsWith('{')) throw new Error(`${phase} on ${engine} failed:\n${res.stderr}\n${res.stdout}`);
  return JSON.parse(line) as { phase: string; rows: number; sec: number; rssBeforeMb: number; peakRssMb: number; [k: string]: unknown };
}

async function prepare(engine: string) {
  const database = engine === 'pglite' ? await openPglite(join(WORK, 'pglite')) : await openPostgres(engine);
  await migrateToLatest(database);
  await seedAll(database, (m) => console.log(`  ${m}`), ['territory']);
  const communes = await sql<RefCommune>`
    SELECT code, name, postcodes[1] AS postcode, ST_X(point) AS lon, ST_Y(point) AS lat,
           ST_X(ST_Transform(point, 2154)) AS x, ST_Y(ST_Transform(point, 2154)) AS y
    FROM communes WHERE point IS NOT NULL AND code !~ '^97'`.execute(database.db);
  const former = await sql<{ oldCode: string }>`
    SELECT old_code FROM commune_history h WHERE NOT EXISTS (SELECT 1 FROM communes c WHERE c.code = h.old_code)
    GROUP BY old_code HAVING count(DISTINCT new_code) = 1`.execute(database.db);
  await database.close();
  // Postcode + city only where the postcode names one commune of that name (the common case in CRM files).
  return { communes: communes.rows.map((c) => ({ ...c, lon: Number(c.lon), lat: Number(c.lat), x: Number(c.x), y: Number(c.y) })), former: former.rows.map((f) => f.oldCode) };
}

async function main() {
  const rowsWanted = Number(arg('rows') ?? 100_000);
  const pgUrl = arg('pg') ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  mkdirSync(WORK, { recursive: true });
  rmSync(join(WORK, 'pglite'), { recursive: true, force: true });
  const engines = ['pglite', ...(pgUrl ? [pgUrl] : [])];
  console.log(`engines: pglite${pgUrl ? ', postgres' : ' (no PostgreSQL URL: pass --pg or TEST_DATABASE_URL)'}`);
  const { communes, former } = await prepare('pglite');
  for (const e of engines.slice(1)) await prepare(e);
  const sizes = [...new Set([Math.round(rowsWanted / 4), rowsWanted])];
  const files = sizes.map((n) => {
    const file = join(WORK, `bench-${n}.csv`);
    writeCsv(file, n, communes, former);
    return { n, file, mb: readFileSync(file).length / 1048576 };
  });
  console.log(`files: ${files.map((f) => `${f.n.toLocaleString('en')} rows ${f.mb.toFixed(1)} MB`).join(', ')}\n`);
  console.log('| engine | phase | rows | time | rows/s | RSS before | peak RSS | peak − before |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const fmt = (x: number, d = 1) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  for (const engine of engines) {
    const name = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
    for (const { n, file } of files) {
      const phases = engine === 'pglite' && n === rowsWanted ? ['parse', 'pipeline', 'import'] : ['import'];
      const results: Record<string, ReturnType<typeof run>> = {};
      for (const phase of phases) {
        const r = (results[phase] = run(phase, engine, file));
        console.log(`| ${name} | ${phase} | ${r.rows.toLocaleString('en')} | ${fmt(r.sec, 2)} s | ${Math.round(r.rows / r.sec).toLocaleString('en')} | ${fmt(r.rssBeforeMb, 0)} MB | ${fmt(r.peakRssMb, 0)} MB | ${fmt(r.peakRssMb - r.rssBeforeMb, 0)} MB |`);
        if (phase === 'import') {
          console.log(`|  | re-import (replace) | ${r.rowsAfterReimport} rows after | ${fmt(r.reimportSec as number, 2)} s | imported ${r.imported}, rejected ${r.rejected} | retained heap after GC: | ${fmt(r.heapFirstBatchMb as number, 0)} MB after batch 1 | ${fmt(r.heapEndMb as number, 0)} MB at the end |`);
        }
      }
      if (results.parse && results.import) {
        console.log(`\nratios (same run, ${n.toLocaleString('en')} rows): import/parse ${(results.import.sec / results.parse.sec).toFixed(1)}×, import/pipeline ${(results.import.sec / results.pipeline.sec).toFixed(1)}×`);
        console.log('| engine | phase | rows | time | rows/s | RSS before | peak RSS | peak − before |\n| --- | --- | --- | --- | --- | --- | --- | --- |');
      }
    }
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
