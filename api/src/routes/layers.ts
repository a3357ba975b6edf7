import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { ColumnMappingSchema } from '../domain/imports/pipeline.js';
import { parseBbox } from '../domain/territory/bbox.js';
import { DEPARTEMENT_CODE_RE } from '../domain/territory/codes.js';
import { importLayer, previewImport, readImportFile, MAX_FILE_BYTES } from '../services/imports.js';
import { importReportCsv } from '../domain/imports/report-csv.js';
import { files, layerText, mapping as mappingText, outcomes } from '../messages/imports.js';
import { aggregateCsv } from '../domain/imports/export.js';
import { csvDecimalOf } from '../domain/export/csv.js';
import { aggregateLayer, aggregateLayerByZones, resolveCommuneCodes, deleteLayer, findLayer, layerFeatures, layerRejects, listLayers, restoreLayer, updateLayer } from '../repositories/layers.js';
import { validate, validationError } from './validation.js';

const KIND = z.enum(['internal', 'external', 'computed', 'reference']);
const ImportFields = z.object({
  name: z.string().trim().max(120).refine((s) => s.length > 0, outcomes.nameRequired),
  kind: KIND.default('internal'),
  description: z.string().max(2000).default(''),
  sourceNote: z.string().max(2000).default(''),
  encoding: z.enum(['utf-8', 'windows-1252']).optional(),
  sheet: z.string().optional(),
  /** keep: store the valid rows and report the others (default); abort: store nothing if any row is rejected. */
  onRowError: z.enum(['keep', 'abort']).default('keep'),
});

async function layerOr404(deps: AppDeps, id: string) {
  const layer = await findLayer(deps.database.db, id);
  if (!layer) throw new ApiError(404, 'NOT_FOUND', outcomes.layerNotFound(id));
  return layer;
}

/** A form field parsed by hand (multipart: mapping is JSON text) fails with the one error shape, its path under `prefix`. */
function formError(error: z.ZodError, input: unknown, prefix?: string): ApiError {
  const issues = prefix ? error.issues.map((i) => ({ ...i, path: [prefix, ...i.path] })) : error.issues;
  return validationError(issues, prefix ? { [prefix]: input } : input, 'form');
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4, layerText.ringTooShort);
const ZoneGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const ZoneAggregateBody = z.object({
  measure: z.string().optional(),
  zones: z
    .array(
      z
        .object({
          id: z.string().trim().min(1).max(120),
          name: z.string().max(200).optional(),
          communeCodes: z.array(z.string().max(10)).min(1).max(40_000).optional(),
          departementCodes: z.array(z.string().regex(DEPARTEMENT_CODE_RE)).min(1).max(110).optional(),
          geometry: ZoneGeometry.optional(),
        })
        .refine((z) => [z.communeCodes, z.departementCodes, z.geometry].filter(Boolean).length === 1, layerText.oneZoneSource),
    )
    .min(1)
    .max(200),
});

function checkMeasure(layer: { measures: unknown }, measure: string | undefined) {
  const known = (layer.measures as { name: string; type: string }[]).filter((m) => m.type === 'number').map((m) => m.name);
  if (measure && !known.includes(measure)) throw new ApiError(400, 'VALIDATION_FAILED', layerText.notAMeasure(measure, known));
}

/** `?decimal=point` and `?machineNames=1` of every CSV export (README "Exports"). */
const csvOptionsOf = (c: Context) => ({ decimal: csvDecimalOf(c.req.query('decimal')), machineNames: c.req.query('machineNames') === '1' });

function csvResponse(c: Context, name: string, csv: string) {
  c.header('Content-Disposition', `attachment; filename="${name.replace(/[^\w-]+/g, '_')}.csv"`);
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

export const layersRoutes = (deps: AppDeps) =>
  new Hono()
    .post('/imports', async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_FILE_BYTES + 1024 * 1024) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', files.uploadTooLarge(length, MAX_FILE_BYTES));
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File)) throw new ApiError(400, 'VALIDATION_FAILED', files.noFile);
      const upload = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      if (body.preview === 'true') {
        const enc = typeof body.encoding === 'string' ? (body.encoding as 'utf-8' | 'windows-1252') : undefined;
        const sheet = typeof body.sheet === 'string' ? body.sheet : undefined;
        const table = await readImportFile({ ...upload, encoding: enc, sheet });
        return c.json(previewImport(upload, table));
      }
      // onRowError may come as a form field or in the query string (?onRowError=abort).
      const given = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'));
      const fields = ImportFields.safeParse({ onRowError: c.req.query('onRowError'), ...given });
      if (!fields.success) throw formError(fields.error, { onRowError: c.req.query('onRowError'), ...given });
      let mappingJson: unknown;
      try {
        mappingJson = JSON.parse(String(body.mapping ?? ''));
      } catch {
        throw new ApiError(400, 'VALIDATION_FAILED', mappingText.notJson);
      }
      const mapping = ColumnMappingSchema.safeParse(mappingJson);
      if (!mapping.success) throw formError(mapping.error, mappingJson, 'mapping');
      const { name, kind, description, sourceNote, encoding, sheet, onRowError } = fields.data;
      const result = await importLayer(deps.database, {
        ...upload, encoding, sheet, mapping: mapping.data, onRowError,
        layer: { name, kind, description, sourceNote, synthetic: false },
      });
      return c.json({ layer: await findLayer(deps.database.db, result.layerId), report: result.report });
    })
    .get('/', async (c) => c.json({ layers: await listLayers(deps.database.db) }))
    .get('/:id', async (c) => c.json(await layerOr404(deps, c.req.param('id'))))
    .get('/:id/features', validate('query', z.object({ bbox: z.string().optional(), limit: z.coerce.number().int().min(1).max(200_000).default(100_000) })), async (c) => {
      const layer = await layerOr404(deps, c.req.param('id'));
      const { bbox: text, limit } = c.req.valid('query');
      const bbox = text ? parseBbox(text) : null;
      if (typeof bbox === 'string') throw new ApiError(400, 'INVALID_BBOX', bbox);
      const { rows, truncated } = await layerFeatures(deps.database.db, layer.id, bbox, limit);
      return c.json({ layer: { id: layer.id, name: layer.name, synthetic: layer.synthetic }, features: rows, truncated });
    })
    .get('/:id/aggregate', validate('query', z.object({ by: z.enum(['commune', 'departement', 'region']).default('commune'), measure: z.string().optional(), format: z.enum(['json', 'csv']).default('json') })), async (c) => {
      const layer = await layerOr404(deps, c.req.param('id'));
      const { by, measure, format } = c.req.valid('query');
      checkMeasure(layer, measure);
      const result = await aggregateLayer(deps.database.db, layer.id, by, measure ?? null);
      if (format === 'csv') return csvResponse(c, `agregat-${by}-${layer.name}`, aggregateCsv(layer, by, measure ?? null, result.groups, csvOptionsOf(c)));
      return c.json({ layer: { id: layer.id, name: layer.name, synthetic: layer.synthetic, provenance: layer.provenance }, by, measure: measure ?? null, ...result });
    })
    /** Aggregates per zone: each zone a set of communes (former codes accepted), of départements, or a drawn polygon. */
    .post('/:id/aggregate', validate('json', ZoneAggregateBody), async (c) => {
      const layer = await layerOr404(deps, c.req.param('id'));
      const { zones, measure } = c.req.valid('json');
      checkMeasure(layer, measure);
      const replaced: { zone: string; from: string; to: string }[] = [];
      const resolved = [];
      for (const [i, zone] of zones.entries()) {
        if (!zone.communeCodes) {
          resolved.push({ ...zone, name: zone.name ?? zone.id });
          continue;
        }
        const r = await resolveCommuneCodes(deps.database.db, zone.communeCodes);
        if (r.unknown.length) throw new ApiError(400, 'UNKNOWN_COMMUNE_CODE', layerText.unknownZoneCodes(i, r.unknown, zone.id));
        replaced.push(...r.replaced.map((x) => ({ zone: zone.id, ...x })));
        resolved.push({ ...zone, name: zone.name ?? zone.id, communeCodes: r.codes });
      }
      const groups = await aggregateLayerByZones(deps.database.db, layer.id, resolved, measure ?? null);
      if (c.req.query('format') === 'csv') return csvResponse(c, `agregat-zones-${layer.name}`, aggregateCsv(layer, 'zone', measure ?? null, groups.map((g) => ({ ...g, code: g.id })), csvOptionsOf(c)));
      return c.json({ layer: { id: layer.id, name: layer.name, synthetic: layer.synthetic, provenance: layer.provenance }, by: 'zone' as const, measure: measure ?? null, zones: groups, replacedCodes: replaced });
    })
    .get('/:id/rejects.csv', async (c) => {
      const layer = await layerOr404(deps, c.req.param('id'));
      const csv = importReportCsv(layer, await layerRejects(deps.database.db, layer.id), c.req.query('machineNames') === '1');
      c.header('Content-Disposition', `attachment; filename="rejets-${layer.name.replace(/[^\w-]+/g, '_')}.csv"`);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    })
    .patch('/:id', validate('json', z.object({ name: z.string().trim().min(1).max(120).optional(), description: z.string().max(2000).optional(), hidden: z.boolean().optional(), kind: KIND.optional() })), async (c) => {
      await layerOr404(deps, c.req.param('id'));
      try {
        return c.json(await updateLayer(deps.database.db, c.req.param('id'), c.req.valid('json')));
      } catch (e) {
        if (/unique|duplicate/i.test(String(e))) throw new ApiError(409, 'CONFLICT', outcomes.nameTaken);
        throw e;
      }
    })
    .delete('/:id', async (c) => {
      await layerOr404(deps, c.req.param('id'));
      await deleteLayer(deps.database.db, c.req.param('id'));
      return c.json({ deleted: true as const, restorable: true as const });
    })
    /** Undoes a DELETE (the layer, its rows and report come back as they were). */
    .post('/:id/restore', async (c) => {
      const layer = await restoreLayer(deps.database.db, c.req.param('id'));
      if (!layer) throw new ApiError(404, 'NOT_FOUND', outcomes.layerNotDeleted(c.req.param('id')));
      return c.json(layer);
    });
