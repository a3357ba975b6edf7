import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { nearestActors, reachableFrom } from '../services/distancier.js';
import { findLayer } from '../repositories/layers.js';
import { validate } from './validation.js';
import { distancierText, territory } from '../messages/territory.js';
import { COMMUNE_CODE_RE } from '../domain/territory/codes.js';

const CODE = z.string().regex(COMMUNE_CODE_RE);

export const distancierRoutes = ({ database, routing }: AppDeps) => {
  /** The distancier of the active network (or the one asked for), or a 404 saying how to build it. */
  const buildFor = async (network?: string) => {
    const name = network ?? routing.status.network;
    const row = name ? (await sql<{ network: string; cutoffSec: number; originCount: number; pairCount: number; builtAt: Date }>`
      SELECT network, cutoff_sec AS "cutoffSec", origin_count AS "originCount", pair_count::float8 AS "pairCount", built_at AS "builtAt"
      FROM distancier_builds WHERE network = ${name}`.execute(database.db)).rows[0] : undefined;
    if (!row) throw new ApiError(404, 'NOT_AVAILABLE', distancierText.notBuilt(name ?? null));
    return row;
  };
  return new Hono()
    .get('/status', async (c) => {
      const rows = await sql`SELECT network, cutoff_sec AS "cutoffSec", origin_count AS "originCount", pair_count::float8 AS "pairCount", built_at AS "builtAt", unreachable FROM distancier_builds ORDER BY network`.execute(database.db);
      return c.json({ activeNetwork: routing.status.network ?? null, builds: rows.rows });
    })
    .get('/communes/:code', validate('query', z.object({ maxMin: z.coerce.number().positive().max(600).optional(), network: z.string().optional() })), async (c) => {
      const code = CODE.safeParse(c.req.param('code').toUpperCase());
      if (!code.success) throw new ApiError(400, 'INVALID_COMMUNE_CODE', territory.invalidCommuneCode(c.req.param('code')));
      const q = c.req.valid('query');
      const build = await buildFor(q.network);
      const maxSec = Math.min(q.maxMin ? q.maxMin * 60 : build.cutoffSec, build.cutoffSec);
      return c.json({ network: build.network, origin: code.data, maxSec, communes: await reachableFrom(database, build.network, code.data, maxSec) });
    })
    .get('/nearest', validate('query', z.object({ layerId: z.string().uuid(), k: z.coerce.number().int().min(1).max(20).default(1), communeCode: CODE.optional(), network: z.string().optional() })), async (c) => {
      const q = c.req.valid('query');
      const build = await buildFor(q.network);
      const layer = await findLayer(database.db, q.layerId);
      if (!layer) throw new ApiError(404, 'NOT_FOUND', distancierText.layerNotFound(q.layerId));
      const rows = await nearestActors(database, build.network, layer.id, q.k, q.communeCode);
      return c.json({
        network: build.network,
        cutoffSec: build.cutoffSec,
        layer: { id: layer.id, name: layer.name, synthetic: layer.synthetic },
        note: distancierText.note,
        nearest: rows,
      });
    });
};
