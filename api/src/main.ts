import { serve } from '@hono/node-server';
import { readEnv } from './env.js';
import { bootstrap, WEB_DIST_DIR } from './server.js';

const started = Date.now();
const env = readEnv();
const log = (m: string) => console.log(`[maillage] ${m}`);
log(`database: ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite + PostGIS in ${env.MAILLAGE_DATA_DIR}`}`);
const { app, deps } = await bootstrap({ ...env, tileStrategy: env.MAILLAGE_TILE_STRATEGY, webDistDir: WEB_DIST_DIR }, log);
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s → http://localhost:${info.port}`);
  // Index tiles in the background so the first map view is fast.
  deps.tiles.warmUp().then(() => log('tile index ready'), (e) => log(`tile warm-up failed: ${e}`));
});
const shutdown = async () => {
  server.close();
  await deps.database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
