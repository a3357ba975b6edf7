/**
 * Trade areas (zones de chalandise, issue 14): the points of sale of a request (preview), Huff, calibration,
 * drive-time, customer-derived areas, what-if and saved scenarios. Thin: zod (French 400s) → one service.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { validate } from './validation.js';
import { COMMUNE_CODE_ANY_CASE_RE } from '../domain/territory/codes.js';
import { MAX_BREAK_MIN } from '../services/routing.js';
import { driveTimeAreas, huffAreas } from '../services/areas.js';
import { calibrate, customerDerivedAreas } from '../services/areas-calibrate.js';
import { whatIf } from '../services/areas-what-if.js';
import { saveScenario, scenarios } from '../services/areas-save.js';
import { storesPreview } from '../services/areas-stores.js';

const role = z.enum(['own', 'competitor']);
const field = z.string().trim().min(1).max(120);
const ownValues = z.array(z.string().trim().min(1).max(200)).min(1).max(200);
const LayerSource = z.object({
  layerId: z.string().trim().min(1).max(64),
  role: z.union([role, z.object({ field, ownValues })]).optional(),
  attractivenessMeasure: field.optional(),
});
// FINESS geographic sites (hospitals, clinics) as points of sale: by category and département.
const FinessSource = z.object({
  finess: z.object({ categories: z.array(z.string().min(1).max(200)).max(50).optional(), departements: z.array(z.string().min(2).max(3)).max(110).optional() }),
  role: z.union([role, z.object({ field: z.enum(['category', 'status']), ownValues })]).optional(),
});
const StoreSource = z.union([LayerSource, FinessSource], { error: 'une source de points de vente { layerId, role?, attractivenessMeasure? } ou { finess: { categories?, departements? }, role? } est attendue' });
const Stores = z.object({
  sources: z.array(StoreSource).min(1).max(6),
  roles: z.record(z.string().max(200), role).optional(),
});
const common = {
  stores: Stores,
  cutoffMin: z.number().positive().max(MAX_BREAK_MIN).optional(),
  maxSnapM: z.number().positive('la distance maximale de rattachement doit être > 0 m').max(50_000).optional(),
};
// Bounds of γ and λ are checked by the service (400 PARAM_OUT_OF_BOUNDS with the bounds).
const Params = z.object({
  gamma: z.number(),
  decay: z.object({ kind: z.enum(['power', 'exponential']), lambda: z.number() }),
  minTimeMin: z.number().positive().max(30).optional(),
});
const Demand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('population') }),
  z.object({ kind: z.literal('spending'), perInhabitantEur: z.number().positive().max(1_000_000), incomeWeighted: z.boolean().optional() }),
]);
const Save = z.object({ name: z.string().trim().min(1).max(150), storeKeys: z.array(z.string().min(1).max(200)).min(1).max(60).optional() });
const Customers = z.object({ layerId: z.string().trim().min(1).max(64), storeKeyField: field.optional(), valueMeasure: field.optional() });
const ratio = z.number().gt(0).lt(1);
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const at = z.union([lonLat, z.object({ communeCode: z.string().regex(COMMUNE_CODE_ANY_CASE_RE) })], {
  error: 'un point [lon, lat] (degrés WGS84) ou { communeCode } (code INSEE, ex. "35238") est attendu',
});
const Change = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), name: z.string().trim().min(1).max(150).optional(), at, role: role.optional(), attractiveness: z.number().positive().optional() }),
  z.object({ action: z.literal('close'), key: z.string().min(1).max(200) }),
  z.object({ action: z.literal('move'), key: z.string().min(1).max(200), at }),
  z.object({ action: z.literal('resize'), key: z.string().min(1).max(200), attractiveness: z.number().positive() }),
]);

const HuffBody = z.object({ ...common, params: Params, demand: Demand.optional(), contoursRatio: z.array(ratio).min(1).max(5).optional(), save: Save.optional() });
const CalibrateBody = z.object({ ...common, customers: Customers.extend({ storeKeyField: field }), decayKind: z.enum(['power', 'exponential']).default('power') });
const DriveTimeBody = z.object({
  ...common,
  mode: z.enum(['overlapping', 'exclusive']),
  breaksMin: z.array(z.number().min(5).max(120)).min(1).max(6).optional(),
  save: Save.optional(),
});
const CustomerBody = z.object({ ...common, customers: Customers, thresholdsRatio: z.array(ratio.max(1)).min(1).max(5).optional(), excludeOutliers: z.boolean().optional(), save: Save.optional() });
const WhatIfBody = z.object({ ...common, params: Params, demand: Demand.optional(), changes: z.array(Change).min(1).max(50), save: z.object({ name: z.string().trim().min(1).max(150) }).optional() });
const ScenarioBody = z.object({ name: z.string().trim().min(1).max(150), request: WhatIfBody.omit({ save: true }), summary: z.record(z.string(), z.unknown()).default({}) });

export const areasRoutes = ({ database, routing }: AppDeps) => {
  const deps = { database, routing };
  return new Hono()
    .post('/stores', validate('json', z.object({ stores: Stores })), async (c) => c.json(await storesPreview(database.db, c.req.valid('json').stores)))
    .post('/huff', validate('json', HuffBody), async (c) => c.json(await huffAreas(deps, c.req.valid('json'))))
    .post('/calibrate', validate('json', CalibrateBody), async (c) => c.json(await calibrate(deps, c.req.valid('json'))))
    .post('/drive-time', validate('json', DriveTimeBody), async (c) => c.json(await driveTimeAreas(deps, c.req.valid('json'))))
    .post('/customer', validate('json', CustomerBody), async (c) => c.json(await customerDerivedAreas(deps, c.req.valid('json'))))
    .post('/what-if', validate('json', WhatIfBody), async (c) => c.json(await whatIf(deps, c.req.valid('json'))))
    .get('/scenarios', async (c) => c.json({ scenarios: await scenarios(database.db) }))
    /** Saves a what-if as given (the web saves the one on screen); POST /what-if with `save` runs and saves at once. */
    .post('/scenarios', validate('json', ScenarioBody), async (c) => {
      const body = c.req.valid('json');
      return c.json(await saveScenario(database.db, body.name, body.request, body.summary), 201);
    });
};
