/**
 * Sales sectors (issue 16): plans and their versions, KPIs, edits, optimisation runs (worker thread, progress,
 * cancel), comparison, CSV export and publication as zones. Thin: zod (French 400s) → one service.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { validate } from './validation.js';
import { csvQuery, csvStreamResponse } from './csv.js';
import { createPlan, editPlan, importPlan, plans, planVersion } from '../services/sectors-plans.js';
import { cancelOptimisation, optimisationRun, startOptimisation } from '../services/sectors-optimise.js';
import { compareVersions } from '../services/sectors-compare.js';
import { exportPlanCsv, publishVersion } from '../services/sectors-export.js';
import { zoneMessages } from '../messages/zones.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const code = z.string().trim().min(2).max(5);
const key = z.string().trim().min(1).max(80);
const Base = z.union([z.object({ communeCode: code }), z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })]).nullable();
const Sector = z.object({ key, name: z.string().trim().min(1).max(150).optional(), owner: z.string().max(150).nullable().optional(), colour: z.string().max(20).nullable().optional(), locked: z.boolean().optional(), base: Base.optional() });
const Workload = z.discriminatedUnion('source', [
  z.object({ source: z.literal('population') }),
  z.object({ source: z.literal('layer'), layerId: z.string().trim().min(1).max(64), measure: z.string().trim().min(1).max(120).optional() }),
]);
const kpiOptions = { workload: Workload.optional(), missingWorkload: z.enum(['zero', 'exclude']).optional() };
const Create = z.object({
  name: z.string().trim().min(1).max(150),
  sectors: z.array(Sector).max(500).optional(),
  assignments: z.array(z.object({ communeCode: code, sectorKey: key, locked: z.boolean().optional() })).max(40_000).optional(),
  fromZones: z.object({ zoneIds: z.array(z.string().min(1).max(64)).min(1).max(500) }).optional(),
  ...kpiOptions,
});
const codes = z.array(code).max(40_000);
const Edit = z.object({
  fromVersion: z.number().int().min(1).optional(), note: z.string().max(300).optional(),
  sectors: z.array(Sector).max(500).optional(),
  assign: z.array(z.object({ sectorKey: key, communeCodes: codes })).max(500).optional(),
  unassign: codes.optional(), lockCommunes: codes.optional(), unlockCommunes: codes.optional(),
  lockSectors: z.array(key).max(500).optional(), unlockSectors: z.array(key).max(500).optional(),
  ...kpiOptions,
});
const Optimise = z.object({
  fromVersion: z.number().int().min(1).optional(),
  toleranceRatio: z.number().min(0).max(1).optional(),
  potentialToleranceRatio: z.number().min(0).max(1).optional(),
  contiguity: z.boolean().optional(),
  minimalDisruption: z.union([z.boolean(), z.object({ penaltySec: z.number().min(0).max(36_000) })]).optional(),
  chooseBases: z.boolean().optional(),
  method: z.enum(['auto', 'exact', 'heuristic']).optional(),
  timeLimitSec: z.number().min(1).max(600).optional(),
  ...kpiOptions,
});
const VersionQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  workloadLayerId: z.string().max(64).optional(), workloadMeasure: z.string().max(120).optional(), missingWorkload: z.enum(['zero', 'exclude']).optional(),
});
const CompareQuery = z.object({ a: z.coerce.number().int().min(1), b: z.coerce.number().int().min(1) });

const workloadOf = (q: z.infer<typeof VersionQuery>) => ({
  workload: q.workloadLayerId ? { source: 'layer' as const, layerId: q.workloadLayerId, measure: q.workloadMeasure } : undefined, missingWorkload: q.missingWorkload,
});

export const sectorsRoutes = ({ database, routing }: AppDeps) => {
  const deps = { database, routing };
  return new Hono()
    .get('/plans', async (c) => c.json(await plans(deps)))
    .post('/plans', validate('json', Create), async (c) => c.json(await createPlan(deps, c.req.valid('json')), 201))
    /** multipart: `file` (CSV commune ; secteur), `name` */
    .post('/plans/import', async (c) => {
      if (Number(c.req.header('content-length') ?? 0) > MAX_FILE_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', zoneMessages.importTooLarge(MAX_FILE_BYTES / 1024 / 1024));
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File)) throw new ApiError(400, 'VALIDATION_FAILED', zoneMessages.importNoFile);
      const missingWorkload = body.missingWorkload === 'exclude' ? 'exclude' as const : undefined;
      return c.json(await importPlan(deps, typeof body.name === 'string' ? body.name.trim() : '', { fileName: file.name, text: await file.text() }, { missingWorkload }), 201);
    })
    .get('/plans/:id', validate('query', VersionQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await planVersion(deps, c.req.param('id'), q.version, workloadOf(q)));
    })
    .post('/plans/:id/versions', validate('json', Edit), async (c) => c.json(await editPlan(deps, c.req.param('id'), c.req.valid('json')), 201))
    .get('/plans/:id/compare', validate('query', CompareQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await compareVersions(deps, c.req.param('id'), q.a, q.b));
    })
    .get('/plans/:id/export.csv', validate('query', csvQuery.extend({ version: z.coerce.number().int().min(1).optional() })), async (c) => {
      const q = c.req.valid('query');
      const out = await exportPlanCsv(deps, c.req.param('id'), q.version, { decimal: q.decimal, machineNames: q.machineNames });
      return csvStreamResponse(c, out.fileName, out.lines);
    })
    .post('/plans/:id/publish', validate('json', z.object({ version: z.number().int().min(1).optional() })), async (c) => c.json(await publishVersion(deps, c.req.param('id'), c.req.valid('json').version), 201))
    .post('/plans/:id/optimise', validate('json', Optimise), async (c) => c.json(await startOptimisation(deps, c.req.param('id'), c.req.valid('json')), 202))
    .get('/optimisations/:runId', (c) => c.json(optimisationRun(c.req.param('runId'))))
    .delete('/optimisations/:runId', async (c) => c.json(await cancelOptimisation(c.req.param('runId'))));
};
