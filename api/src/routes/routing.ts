import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { MAX_BREAK_MIN, MAX_MATRIX_POINTS, type PointInput } from '../services/routing.js';
import { communeCodesOf, matrixCsvLines, matrixEndpoints, type MatrixPointInput } from '../domain/routing/query/matrix-csv.js';
import { findCommuneNames } from '../repositories/territory.js';
import { csvQuery, csvStreamResponse, safeFileName } from './csv.js';
import { validate, validationError } from './validation.js';
import { routingText } from '../messages/routing.js';
import { resolveCommunes } from '../services/commune-names.js';
import { isochroneExport } from '../services/isochrone-export.js';
import { COMMUNE_CODE_ANY_CASE_RE } from '../domain/territory/codes.js';

const lonLat = z
  .tuple([z.number(), z.number()])
  .refine(([lon, lat]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, {
    message: routingText.lonLatRange,
  });
const communeCode = z.string().regex(COMMUNE_CODE_ANY_CASE_RE);
const point = z.union([lonLat, z.object({ communeCode })], { error: 'un point [lon, lat] (degrés WGS84), { lon, lat } ou { communeCode } (code INSEE, ex. "35238") est attendu' });

// Matrix points may also be named coordinates ({ id, name, lon, lat }): the CSV writes id and name for them.
const label = z.string().trim().min(1).max(200).optional();
const namedPoint = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), id: label, name: label });
// … or communes by name ({ communeName: "Saint-Denis (93)" }): resolved first; an ambiguous name lists its candidates.
const namedCommune = z.object({ communeName: z.string().trim().min(1).max(200) });
const matrixPoint = z.union([lonLat, z.object({ communeCode: communeCode }), namedPoint, namedCommune], {
  error: 'un point { lon, lat } (degrés WGS84, id et name facultatifs), { communeCode } (code INSEE, ex. "35238") ou { communeName } (ex. "Saint-Denis (93)") est attendu',
});
/** Maximum snap distance of the request's points in metres (default: MAILLAGE_MAX_SNAP_M, the network's own, or 500 m). */
const maxSnapM = z.number().positive('la distance maximale de rattachement doit être > 0 m').max(50_000, 'la distance maximale de rattachement est d’au plus 50 000 m').optional();
const MatrixBody = z.object({ sources: z.array(matrixPoint).min(1), targets: z.array(matrixPoint).min(1).optional(), maxSnapM });
const MatrixQuery = csvQuery.extend({ format: z.enum(['json', 'csv']).default('json') });
const IsochroneExportQuery = csvQuery.extend({ format: z.enum(['geojson', 'csv']) });
const toPointInput = (p: MatrixPointInput): PointInput => (Array.isArray(p) || 'communeCode' in p ? p : [p.lon, p.lat]);
const IsochroneBody = z.object({
  origin: point,
  breaksMin: z
    .array(z.number().positive().max(MAX_BREAK_MIN))
    .min(1)
    .max(6)
    .refine((b) => new Set(b).size === b.length, 'chaque durée ne doit figurer qu’une fois')
    .default([10, 20, 30]),
  maxSnapM,
});

function parseLonLat(text: string | undefined, field: string): [number, number] {
  const parsed = lonLat.safeParse((text ?? '').split(',').map((v) => (v.trim() === '' ? NaN : Number(v))));
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', routingText.badLonLat(field, text ?? ''));
  return parsed.data;
}

export const routingRoutes = ({ routing, database }: AppDeps) => {
  /** Matrix points given as { communeName }: replaced by their commune code; unknown or ambiguous names are a 400 listing candidates. */
  async function communesByName(points: z.infer<typeof matrixPoint>[], field: string): Promise<MatrixPointInput[]> {
    const named = points.flatMap((p, i) => (!Array.isArray(p) && 'communeName' in p ? [{ i, name: p.communeName }] : []));
    if (!named.length) return points as MatrixPointInput[];
    const resolved = await resolveCommunes(database.db, named.map((x) => x.name));
    const failed = resolved.flatMap((r, k) => (r.status === 'found' ? [] : [{ field: `${field}.${named[k].i}`, message: `${field}[${named[k].i}] : ${r.message}` }]));
    if (failed.length) throw new ApiError(400, resolved.some((r) => r.status === 'ambiguous') ? 'AMBIGUOUS_COMMUNE_NAME' : 'UNKNOWN_COMMUNE_NAME', failed.map((f) => f.message).join(' ; '), failed);
    const codes = new Map(named.map((x, k) => [x.i, (resolved[k] as { commune: { code: string } }).commune.code]));
    return points.map((p, i) => (codes.has(i) ? { communeCode: codes.get(i)! } : p)) as MatrixPointInput[];
  }

  return new Hono()
    .get('/status', (c) => c.json(routing.status))
    .get('/route', (c) => {
      const from = parseLonLat(c.req.query('from'), 'from');
      const to = parseLonLat(c.req.query('to'), 'to');
      const snapText = c.req.query('maxSnapM');
      const snap = maxSnapM.safeParse(snapText === undefined ? undefined : Number(snapText));
      if (!snap.success) throw new ApiError(400, 'VALIDATION_FAILED', `maxSnapM : une distance en mètres entre 0 et 50 000 est attendue ; reçu « ${snapText} ».`);
      return c.json(routing.route(from, to, snap.data));
    })
    .post('/matrix', validate('query', MatrixQuery), async (c) => {
      // Size is checked before zod so an oversize call gets its 413 with the limit.
      const raw = (await c.req.json().catch(() => null)) as { sources?: unknown[]; targets?: unknown[] } | null;
      const n = Array.isArray(raw?.sources) ? raw!.sources.length : 0;
      const m = Array.isArray(raw?.targets) ? raw!.targets.length : n;
      if (n > MAX_MATRIX_POINTS || m > MAX_MATRIX_POINTS) {
        throw new ApiError(413, 'PAYLOAD_TOO_LARGE', routingText.tooManyPoints(MAX_MATRIX_POINTS, n, m));
      }
      const parsed = MatrixBody.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error.issues, raw, 'json');
      const sourceInputs = await communesByName(parsed.data.sources, 'sources');
      const targetInputs = parsed.data.targets ? await communesByName(parsed.data.targets, 'targets') : sourceInputs;
      const sources = await routing.resolvePoints(sourceInputs.map(toPointInput), 'sources');
      const targets = parsed.data.targets ? await routing.resolvePoints(targetInputs.map(toPointInput), 'targets') : sources;
      const t0 = performance.now();
      const matrix = routing.matrix(sources, targets, parsed.data.maxSnapM);
      const computedMs = performance.now() - t0;
      const query = c.req.valid('query');
      if (query.format === 'json') return c.json(matrix);
      const names = await findCommuneNames(database.db, communeCodesOf([...sourceInputs, ...targetInputs]));
      const csv = {
        sources: matrixEndpoints(sourceInputs, names), targets: matrixEndpoints(targetInputs, names), matrix, network: routing.status, computedMs,
        options: { decimal: query.decimal }, machineNames: query.machineNames,
      };
      return csvStreamResponse(c, `matrice-temps-trajet-${sources.length}x${targets.length}`, matrixCsvLines(csv));
    })
    .post('/isochrones', validate('json', IsochroneBody), async (c) => {
      const body = c.req.valid('json');
      const [origin] = await routing.resolvePoints([body.origin as PointInput], 'origin');
      return c.json(await routing.isochrone(origin, body.breaksMin.map((m) => m * 60), body.maxSnapM));
    })
    /** The same isochrone as a file: `?format=geojson` the bands (QGIS), `?format=csv` the communes with their times. */
    .post('/isochrones/export', validate('query', IsochroneExportQuery), validate('json', IsochroneBody), async (c) => {
      const body = c.req.valid('json');
      const query = c.req.valid('query');
      const [origin] = await routing.resolvePoints([body.origin as PointInput], 'origin');
      const breaksSec = body.breaksMin.map((m) => m * 60);
      const result = await routing.isochrone(origin, breaksSec, body.maxSnapM);
      const file = await isochroneExport(database.db, { result, breaksSec, origin: body.origin as PointInput, network: routing.status, communeTimeRule: routingText.communeTimeRule });
      if (query.format === 'csv') return csvStreamResponse(c, file.fileName, file.csvLines({ decimal: query.decimal }, query.machineNames));
      c.header('Content-Disposition', `attachment; filename="${safeFileName(file.fileName)}.geojson"`);
      return c.body(JSON.stringify(file.geoJson()), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
    });
};
