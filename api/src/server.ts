import { dirname, join, resolve } from 'node:path';
import type { Env } from './env.js';
import { createDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedAll } from './db/seed/index.js';
import { createTileService, type TileStrategy } from './services/tiles.js';
import { RoutingService } from './services/routing.js';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { DATA_DIR, WEB_DIST_DIR } from './paths.js';

export const NATIONAL_ROADS = join(DATA_DIR, 'roads', 'france-osm-2021.roads.json.gz');
export { WEB_DIST_DIR };

/**
 * Opens the database, migrates, loads the committed reference data if needed, and builds the app.
 * `opened`: a database already being opened by the caller (main.ts starts PGlite before it imports the app's
 * modules, so PostGIS's WebAssembly compiles while they load).
 */
export async function bootstrap(env: Pick<Env, 'DATABASE_URL' | 'MAILLAGE_DATA_DIR' | 'MAILLAGE_BASEMAP_STYLE_URL' | 'MAILLAGE_ROAD_GRAPH'> & Partial<Pick<Env, 'MAILLAGE_MAX_SNAP_M'>> & { tileStrategy?: TileStrategy; webDistDir?: string }, progress: (m: string) => void = () => {}, opened?: Promise<Database>) {
  const database: Database = await (opened ?? createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MAILLAGE_DATA_DIR }));
  await migrateToLatest(database);
  await seedAll(database, progress);
  const tiles = createTileService(database, env.tileStrategy ?? (database.kind === 'postgres' ? 'postgis' : 'js'));
  const routing = env.MAILLAGE_ROAD_GRAPH === 'none'
    ? RoutingService.load(database, undefined)
    : RoutingService.start(database, {
        graphFile: env.MAILLAGE_ROAD_GRAPH,
        maxSnapM: env.MAILLAGE_MAX_SNAP_M,
        compactFile: NATIONAL_ROADS,
        cacheDir: join(env.DATABASE_URL ? './.maillage' : dirname(resolve(env.MAILLAGE_DATA_DIR)), 'roads'),
        log: progress,
      });
  if (routing.status.active) progress(`road network: ${routing.status.nodeCount?.toLocaleString('en')} nodes loaded in ${routing.status.loadMs} ms`);
  else if (!routing.status.building) progress(`drive times off: ${routing.status.reason}`);
  const deps: AppDeps = {
    database,
    tiles,
    routing,
    config: { basemapStyleUrl: env.MAILLAGE_BASEMAP_STYLE_URL, extraAttribution: [], webDistDir: env.webDistDir },
  };
  return { app: createApp(deps), deps };
}
