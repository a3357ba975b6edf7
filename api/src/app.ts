import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import { relative } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { AppDeps } from './deps.js';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors.js';
import { common } from './messages/common.js';
import { systemRoutes } from './routes/system.js';
import { communesRoutes } from './routes/communes.js';
import { indicatorsRoutes } from './routes/indicators.js';
import { tilesRoutes } from './routes/tiles.js';
import { routingRoutes } from './routes/routing.js';
import { layersRoutes } from './routes/layers.js';
import { distancierRoutes } from './routes/distancier.js';
import { healthRoutes } from './routes/health.js';
import { zonesRoutes } from './routes/zones.js';
import { exportsRoutes } from './routes/exports.js';
import { areasRoutes } from './routes/areas.js';
import { basinsRoutes } from './routes/basins.js';
import { basinFlowsRoutes } from './routes/basins-flows.js';
import { sectorsRoutes } from './routes/sectors.js';

/** Builds the Hono app: mounts every resource (one line each) and maps all errors to the one error shape. */
export function createApp(deps: AppDeps) {
  const api = new Hono()
    .route('/', systemRoutes(deps))
    .route('/communes', communesRoutes(deps))
    .route('/indicators', indicatorsRoutes(deps))
    .route('/tiles', tilesRoutes(deps))
    .route('/routing', routingRoutes(deps))
    .route('/layers', layersRoutes(deps))
    .route('/distancier', distancierRoutes(deps))
    .route('/health', healthRoutes(deps))
    .route('/zones', zonesRoutes(deps))
    .route('/exports', exportsRoutes(deps))
    .route('/areas', areasRoutes(deps))
    .route('/basins', basinsRoutes(deps))
    .route('/basins/flows', basinFlowsRoutes(deps))
    .route('/sectors', sectorsRoutes(deps));

  const app = new Hono();
  app.use('/api/*', compress());
  app.route('/api', api);
  app.all('/api/*', (c) => c.json(new ApiError(404, 'NOT_FOUND', common.noRoute(c.req.method, c.req.path)).toBody(), 404));
  if (deps.config.webDistDir && existsSync(deps.config.webDistDir)) mountSpa(app, deps.config.webDistDir);
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toBody(), err.status as 400);
    // Hono's validator refuses a body that is not JSON with an HTTPException: the same error shape, in French
    if (err instanceof HTTPException && err.status === 400) return c.json(new ApiError(400, 'BAD_REQUEST', common.malformedJson()).toBody(), 400);
    console.error(err);
    return c.json(new ApiError(500, 'INTERNAL', common.internal()).toBody(), 500);
  });
  return app as typeof app & { _api: typeof api };
}

function mountSpa(app: Hono, distDir: string) {
  const root = relative(process.cwd(), distDir) || '.';
  const indexHtml = readFileSync(`${distDir}/index.html`, 'utf8');
  app.use('/*', serveStatic({ root }));
  app.get('*', (c) => c.html(indexHtml));
}

/** Typed client contract for the web (`hc<AppType>('/api')`). */
export type AppType = ReturnType<typeof createApp>['_api'];
