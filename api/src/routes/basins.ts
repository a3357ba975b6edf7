/**
 * Healthcare basins (issue 15), accessibility and drive-time basins: sources, APL-style accessibility, nearest
 * actor, deleting a computed indicator. Thin: zod (French 400s) → one service. The flow basins are mounted
 * apart (routes/basins-flows.ts). Catchment bounds are the domain's (400 CATCHMENT_OUT_OF_RANGE naming the field).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { validate } from './validation.js';
import { basinSources } from '../services/basins-sources.js';
import { accessibilityFor } from '../services/basins-accessibility.js';
import { nearestFor } from '../services/basins-nearest.js';
import { removeComputedIndicator } from '../services/basins-indicators.js';

const layerId = z.string().trim().min(1).max(64);
const finess = { categories: z.array(z.string().min(1).max(200)).max(50).optional(), departements: z.array(z.string().min(2).max(3)).max(110).optional() };
const Supply = z.discriminatedUnion('source', [
  z.object({ source: z.literal('gp') }),
  z.object({ source: z.literal('layer'), layerId, measure: z.string().trim().min(1).max(120).optional() }),
  z.object({ source: z.literal('finess'), ...finess }),
]);
const Decay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('binary') }),
  z.object({ kind: z.literal('gaussian') }),
  z.object({ kind: z.literal('steps'), upperMin: z.array(z.number()).min(1).max(10).optional(), weights: z.array(z.number()).min(1).max(10).optional() }),
]);
const maxSnapM = z.number().positive('la distance maximale de rattachement doit être > 0 m').max(50_000).optional();
const AccessibilityBody = z.object({
  supply: Supply,
  catchmentMin: z.number(),
  decay: Decay.default({ kind: 'steps' }),
  demand: z.object({ ageWeighted: z.boolean().optional() }).optional(),
  activityPerSupply: z.number().positive().max(1_000_000).optional(),
  underServedThreshold: z.number().min(0).optional(),
  sensitivity: z.boolean().optional(),
  save: z.object({ name: z.string().trim().max(150).optional() }).optional(),
  maxSnapM,
});
const Actors = z.union([
  z.object({ set: z.enum(['maternity', 'gp']) }),
  z.object({ source: z.literal('finess'), ...finess }),
  z.object({ source: z.literal('layer'), layerId }),
], { error: 'un ensemble d’acteurs { set: "maternity" | "gp" }, { source: "finess", categories?, departements? } ou { source: "layer", layerId } est attendu' });
const NearestBody = z.object({
  actors: Actors,
  cutoffMin: z.number().optional(),
  thresholdsMin: z.array(z.number()).min(1).max(6).optional(),
  save: z.object({ name: z.string().trim().max(150), zones: z.boolean().optional() }).optional(),
  maxSnapM,
});

export const basinsRoutes = ({ database, routing }: AppDeps) => {
  const deps = { database, routing };
  return new Hono()
    .get('/sources', async (c) => c.json(await basinSources(database.db)))
    .post('/accessibility', validate('json', AccessibilityBody), async (c) => c.json(await accessibilityFor(deps, c.req.valid('json'))))
    .post('/nearest', validate('json', NearestBody), async (c) => c.json(await nearestFor(deps, c.req.valid('json'))))
    /** A saved computed indicator (accessibility, time to the nearest…): its values go with it. */
    .delete('/indicators/:id', async (c) => c.json(await removeComputedIndicator(database.db, c.req.param('id'))));
};
