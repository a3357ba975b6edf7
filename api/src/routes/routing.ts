import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { MAX_BREAK_MIN, MAX_MATRIX_POINTS, type PointInput } from '../services/routing.js';
import { communeCodesOf, matrixCsvLines, matrixEndpoints, type MatrixPointInput } from '../domain/routing/matrix-csv.js';
import { findCommuneNames } from '../repositories/territory.js';
import { csvStreamResponse } from './csv.js';
import { validate } from './validation.js';

const lonLat = z
  .tuple([z.number(), z.number()])
  .refine(([lon, lat]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, {
    message: 'coordinates must be [lon, lat] in WGS84 degrees (lon −180…180, lat −90…90): swapped, or Lambert-93 metres?',
  });
const communeCode = z.string().regex(/^[0-9][0-9ABab][0-9]{3}$/, 'INSEE commune code expected');
const point = z.union([lonLat, z.object({ communeCode })], { error: 'expected { lon, lat } (WGS84 degrees) or { communeCode } (INSEE code, e.g. "35238")' });

// Matrix points may also be named coordinates ({ id, name, lon, lat }): the CSV writes id and name for them.
const label = z.string().trim().min(1).max(200).optional();
const namedPoint = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), id: label, name: label });
const matrixPoint = z.union([lonLat, z.object({ communeCode: communeCode }), namedPoint], {
  error: 'expected { lon, lat } (WGS84 degrees, optional id and name) or { communeCode } (INSEE code, e.g. "35238")',
});
const MatrixBody = z.object({ sources: z.array(matrixPoint).min(1), targets: z.array(matrixPoint).min(1).optional() });
const MatrixQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
const toPointInput = (p: MatrixPointInput): PointInput => (Array.isArray(p) || 'communeCode' in p ? p : [p.lon, p.lat]);
const IsochroneBody = z.object({
  origin: point,
  breaksMin: z
    .array(z.number().positive('breaks must be > 0 minutes').max(MAX_BREAK_MIN, `breaks must be ≤ ${MAX_BREAK_MIN} minutes`))
    .min(1)
    .max(6, 'at most 6 breaks')
    .refine((b) => new Set(b).size === b.length, 'breaks must be distinct')
    .default([10, 20, 30]),
});

function parseLonLat(text: string | undefined, field: string): [number, number] {
  const parsed = lonLat.safeParse((text ?? '').split(',').map((v) => (v.trim() === '' ? NaN : Number(v))));
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', `${field}: expected "lon,lat" in WGS84 degrees; got "${text ?? ''}".`);
  return parsed.data;
}

export const routingRoutes = ({ routing, database }: AppDeps) =>
  new Hono()
    .get('/status', (c) => c.json(routing.status))
    .get('/route', (c) => {
      const from = parseLonLat(c.req.query('from'), 'from');
      const to = parseLonLat(c.req.query('to'), 'to');
      return c.json(routing.route(from, to));
    })
    .post('/matrix', validate('query', MatrixQuery), async (c) => {
      // Size is checked before zod so an oversize call gets its 413 with the limit.
      const raw = (await c.req.json().catch(() => null)) as { sources?: unknown[]; targets?: unknown[] } | null;
      const n = Array.isArray(raw?.sources) ? raw!.sources.length : 0;
      const m = Array.isArray(raw?.targets) ? raw!.targets.length : n;
      if (n > MAX_MATRIX_POINTS || m > MAX_MATRIX_POINTS) {
        throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `A matrix call takes at most ${MAX_MATRIX_POINTS} × ${MAX_MATRIX_POINTS} points; got ${n} × ${m}. Split it into blocks.`);
      }
      const parsed = MatrixBody.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw new ApiError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
      }
      const sourceInputs = parsed.data.sources as MatrixPointInput[];
      const targetInputs = (parsed.data.targets ?? parsed.data.sources) as MatrixPointInput[];
      const sources = await routing.resolvePoints(sourceInputs.map(toPointInput), 'sources');
      const targets = parsed.data.targets ? await routing.resolvePoints(targetInputs.map(toPointInput), 'targets') : sources;
      const t0 = performance.now();
      const matrix = routing.matrix(sources, targets);
      const computedMs = performance.now() - t0;
      if (c.req.valid('query').format === 'json') return c.json(matrix);
      const names = await findCommuneNames(database.db, communeCodesOf([...sourceInputs, ...targetInputs]));
      const csv = { sources: matrixEndpoints(sourceInputs, names), targets: matrixEndpoints(targetInputs, names), matrix, network: routing.status, computedMs };
      return csvStreamResponse(c, `matrice-temps-trajet-${sources.length}x${targets.length}`, matrixCsvLines(csv));
    })
    .post('/isochrones', validate('json', IsochroneBody), async (c) => {
      const body = c.req.valid('json');
      const [origin] = await routing.resolvePoints([body.origin as PointInput], 'origin');
      return c.json(await routing.isochrone(origin, body.breaksMin.map((m) => m * 60)));
    });
