/**
 * `npm run distancier:build -- [--cutoff-min 90] [--departements 35,56] [--graph file.graph]`
 * Commune × commune drive times within the cut-off on the active road network, stored sparse in
 * `commune_travel_times` (the database of `npm start`: DATABASE_URL, else the embedded one in MAILLAGE_DATA_DIR).
 * All of France at 90 min is ~10⁸ pairs: prefer a real PostgreSQL for it, or restrict origins with --departements.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readEnv } from '../api/src/env.js';
import { createDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { seedAll } from '../api/src/db/seed/index.js';
import { createRoutingNetwork, readGraphFile, type SnapOptions } from '../api/src/domain/routing/index.js';
import { buildCommuneDistancier } from '../api/src/services/distancier.js';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const env = readEnv();
const cutoffMin = Number(flag('--cutoff-min') ?? 90);
if (!(cutoffMin > 0 && cutoffMin <= 240)) {
  console.error(`--cutoff-min must be between 1 and 240 minutes; got ${flag('--cutoff-min')}`);
  process.exit(2);
}
const departements = flag('--departements')?.split(',').map((d) => d.trim().toUpperCase());
const cacheDir = join(env.DATABASE_URL ? './.maillage' : dirname(resolve(env.MAILLAGE_DATA_DIR)), 'roads');
const graphFile = flag('--graph') ?? (env.MAILLAGE_ROAD_GRAPH && env.MAILLAGE_ROAD_GRAPH !== 'none' ? env.MAILLAGE_ROAD_GRAPH : existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.graph')).map((f) => join(cacheDir, f))[0] : undefined);
if (!graphFile || !existsSync(graphFile)) {
  console.error('No road graph: start the app once (`npm start` builds it from data/roads), or pass --graph <file.graph>.');
  process.exit(2);
}
const log = (m: string) => console.log(`[distancier] ${m}`);
const database = await createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MAILLAGE_DATA_DIR });
await migrateToLatest(database);
await seedAll(database, log);
const { graph, ch, meta } = readGraphFile(graphFile);
const network = createRoutingNetwork(graph, ch!, (meta.snap as SnapOptions | undefined) ?? {});
const name = graphFile.split('/').pop()!.replace(/\.graph$/, '');
log(`network ${name}: ${graph.nodeCount.toLocaleString('en')} nodes`);
const report = await buildCommuneDistancier(database, network, { network: name, cutoffSec: cutoffMin * 60, departements, onProgress: log });
log(`done: ${report.pairCount.toLocaleString('en')} pairs for ${report.originCount.toLocaleString('en')} origins; compute ${(report.computeMs / 1000).toFixed(1)} s, store ${(report.storeMs / 1000).toFixed(1)} s; ${report.unreachable.length} communes off the network`);
await database.close();
