import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { territory } from '../messages/territory.js';

export const tilesRoutes = ({ tiles }: AppDeps) =>
  new Hono().get('/:layer/:z/:x/:y', async (c) => {
    const { layer, z, x } = c.req.param();
    const yText = c.req.param('y');
    const m = /^(\d+)\.(pbf|mvt)$/.exec(yText);
    if (!m) throw new ApiError(400, 'INVALID_TILE', territory.tilePath(yText));
    const tile = await tiles.getTile(layer, Number(z), Number(x), Number(m[1]));
    const gzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '');
    const bytes = gzip ? tile.gzipped() : tile.raw;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      Vary: 'Accept-Encoding',
      'Cache-Control': 'public, max-age=3600',
      'X-Tile-Strategy': tiles.strategy,
    });
  });
