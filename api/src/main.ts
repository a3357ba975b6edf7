// The database is opened before the app's modules are imported: PGlite compiles PostGIS's WebAssembly on
// background threads while the main thread loads the API (≈ 1 s saved on a warm start).
import { readEnv } from './env.js';
import { createDatabase } from './db/database.js';

const env = readEnv();
const log = (m: string) => console.log(`[maillage] ${m}`);
log(`database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite + PostGIS in ${env.MAILLAGE_DATA_DIR}`}`);
const opened = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MAILLAGE_DATA_DIR });
opened.catch(() => {}); // reported by bootstrap's await below

const [{ serve }, { bootstrap, WEB_DIST_DIR }] = await Promise.all([import('@hono/node-server'), import('./server.js')]);
const { app, deps } = await bootstrap({ ...env, tileStrategy: env.MAILLAGE_TILE_STRATEGY, webDistDir: WEB_DIST_DIR }, log, opened);
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  // Counted from the process start (module loading included), as a user waiting on `npm start` sees it.
  log(`ready in ${process.uptime().toFixed(1)} s → http://localhost:${info.port}`);
  // Index tiles in the background so the first map view is fast.
  // Then the per-commune values of the registry's indicators (the map's chooser), so a first pick is a cache hit.
  deps.tiles.warmUp()
    .then(() => log('tile index ready'), (e) => log(`tile warm-up failed: ${e}`))
    .then(() => import('./services/indicator-facts.js'))
    .then(({ warmIndicatorValues }) => warmIndicatorValues(deps.database.db))
    .then((n) => log(`indicator values ready (${n} sources)`), (e) => log(`indicator warm-up failed: ${e}`));
});
const shutdown = async () => {
  server.close();
  await deps.database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
