/**
 * The database half of `npm run roads:import`: loads a built graph's road pieces into `road_edges`
 * (PostGIS display and pgRouting cross-checks), replacing that network's previous rows in one transaction.
 * The database is the app's: DATABASE_URL, else the embedded PGlite in MAILLAGE_DATA_DIR (stop `npm start`
 * first: an embedded database has one user at a time). `--no-db` skips this step.
 */
import { basename } from 'node:path';
import { createDatabase } from '../api/src/db/database.js';
import { migrateToLatest } from '../api/src/db/migrate.js';
import { readEnv } from '../api/src/env.js';
import { loadRoadEdges } from '../api/src/repositories/road-edges.js';
import type { RoadGraph } from '../api/src/domain/routing/index.js';

/** Network name = graph file name without `.graph` (the routing status' `network`, the distancier's key). */
export const networkNameOf = (graphFile: string) => basename(graphFile).replace(/\.graph$/, '');

export async function loadGraphIntoDatabase(graphFile: string, graph: RoadGraph): Promise<void> {
  const env = readEnv();
  const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${env.MAILLAGE_DATA_DIR}`;
  const t0 = performance.now();
  const database = await createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MAILLAGE_DATA_DIR });
  try {
    await migrateToLatest(database);
    const network = networkNameOf(graphFile);
    const count = await loadRoadEdges(database.db, network, graph, (done) =>
      process.stdout.write(`\rroad_edges: ${done.toLocaleString('en')} / ${graph.pieceCount.toLocaleString('en')} pieces (${Math.round((100 * done) / Math.max(1, graph.pieceCount))} %)`));
    console.log(`\nloaded ${count.toLocaleString('en')} road pieces as network "${network}" into road_edges (${where}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}
