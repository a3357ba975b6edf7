/**
 * Patient-flow basins (issue 15): POST /api/basins/flows and /api/basins/flows/compare. Thin: zod (French 400s)
 * → services/basins-flows.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { validate } from './validation.js';
import { DEFAULT_FLOW_DATASET, FLOW_UNITS, compareFlowBasins, flowBasinsFor } from '../services/basins-flows.js';

const dataset = z.string().trim().min(1).max(120);
const thresholds = {
  unit: z.enum(FLOW_UNITS),
  minLocalizationRatio: z.number().min(0).max(1).optional(),
  minStays: z.number().min(0).max(1e9).optional(),
  contiguity: z.boolean().optional(),
};
const FlowsBody = z.object({
  dataset: dataset.default(DEFAULT_FLOW_DATASET),
  ...thresholds,
  caseMix: z.string().trim().min(1).max(60).optional(),
  save: z.object({ name: z.string().trim().min(1).max(120) }).optional(),
});
const CompareBody = z.object({ datasets: z.tuple([dataset, dataset]), ...thresholds });

export const basinFlowsRoutes = (deps: AppDeps) =>
  new Hono()
    .post('/', validate('json', FlowsBody), async (c) => c.json(await flowBasinsFor(deps.database, c.req.valid('json'))))
    .post('/compare', validate('json', CompareBody), async (c) => c.json(await compareFlowBasins(deps.database, c.req.valid('json'))));
