import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { zoneMessages } from '../messages/zones.js';
import { csvDecimalOf } from '../domain/export/csv.js';
import { DEFAULT_WORKSPACE, ZONE_KINDS } from '../domain/zones/zone.js';
import { createZone, deleteZone, duplicateZone, patchZone, restoreZone, zoneDetail, zoneSummaries } from '../services/zones.js';
import { importZoneFile, MAX_ZONE_FILE_BYTES } from '../services/zone-import.js';
import { compareZones, zoneProfile } from '../services/zone-profile.js';
import { exportComparison, exportZone, type ExportFile } from '../services/zone-export.js';
import { validate } from './validation.js';

// One workspace for now; the roles issue reads it from the session.
const WS = DEFAULT_WORKSPACE;

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4, 'un anneau a au moins 4 positions (la première répétée à la fin)');
const Polygon = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const CodeList = z.array(z.string().trim().min(1).max(120)).max(40_000);
const CreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).optional(),
  kind: z.enum(ZONE_KINDS).optional(),
  method: z.record(z.string(), z.unknown()).optional(),
  codes: CodeList.optional(),
  members: z.array(z.object({ communeCode: z.string().trim().min(1).max(10), weight: z.number().gt(0).max(1).optional() })).max(40_000).optional(),
  polygon: Polygon.optional(),
  admin: z.object({ level: z.enum(['departement', 'region', 'epci']), code: z.string().trim().min(1).max(20) }).optional(),
});
const PatchBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(4000).optional(),
  add: CodeList.optional(),
  remove: CodeList.optional(),
  codes: CodeList.min(1).optional(),
});
const Reference = z.enum(['departement', 'region', 'france']);
const VersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const ProfileQuery = VersionQuery.extend({ indicators: z.string().max(20_000).optional(), reference: Reference.default('departement') });
const ExportQuery = ProfileQuery.extend({ format: z.enum(['csv', 'xlsx', 'geojson']).default('csv'), decimal: z.string().optional() });
const CompareBody = z.object({
  zoneIds: z.array(z.string().trim().min(1)).min(2, zoneMessages.compareCount).max(6, zoneMessages.compareCount),
  indicators: z.array(z.string().min(1)).max(2000).optional(),
  reference: Reference.default('france'),
});

const idList = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : null);

function sendFile(c: Context, f: ExportFile) {
  c.header('Content-Disposition', `attachment; filename="${f.fileName}"`);
  return c.body(typeof f.body === 'string' ? f.body : (f.body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': f.contentType });
}

export const zonesRoutes = ({ database }: AppDeps) => {
  const db = database.db;
  return new Hono()
    .get('/', async (c) => c.json({ zones: await zoneSummaries(db, WS) }))
    .post('/', validate('json', CreateBody), async (c) => c.json(await createZone(db, WS, c.req.valid('json')), 201))
    .post('/import', async (c) => {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > MAX_ZONE_FILE_BYTES + 1024 * 1024) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', zoneMessages.importTooLarge(MAX_ZONE_FILE_BYTES / 1024 / 1024));
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File)) throw new ApiError(400, 'VALIDATION_FAILED', zoneMessages.importNoFile);
      return c.json(await importZoneFile(db, WS, { fileName: file.name, text: await file.text() }), 201);
    })
    .post('/compare', validate('json', CompareBody), async (c) => {
      const b = c.req.valid('json');
      return c.json(await compareZones(db, WS, { zoneIds: b.zoneIds, indicators: b.indicators ?? null, reference: b.reference }));
    })
    .post('/compare/export', validate('query', z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), decimal: z.string().optional() })), validate('json', CompareBody), async (c) => {
      const q = c.req.valid('query');
      const b = c.req.valid('json');
      return sendFile(c, await exportComparison(db, WS, { zoneIds: b.zoneIds, indicators: b.indicators ?? null, reference: b.reference, format: q.format, decimal: csvDecimalOf(q.decimal) }));
    })
    .get('/:id', validate('query', VersionQuery), async (c) => c.json({ zone: await zoneDetail(db, WS, c.req.param('id'), c.req.valid('query').version) }))
    .patch('/:id', validate('json', PatchBody), async (c) => c.json({ zone: await patchZone(db, WS, c.req.param('id'), c.req.valid('json')) }))
    .delete('/:id', async (c) => c.json(await deleteZone(db, WS, c.req.param('id'))))
    .post('/:id/restore', async (c) => c.json({ zone: await restoreZone(db, WS, c.req.param('id')) }))
    .post('/:id/duplicate', validate('query', VersionQuery), async (c) => c.json({ zone: await duplicateZone(db, WS, c.req.param('id'), c.req.valid('query').version) }, 201))
    .get('/:id/profile', validate('query', ProfileQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await zoneProfile(db, WS, c.req.param('id'), { version: q.version, indicators: idList(q.indicators), reference: q.reference }));
    })
    .get('/:id/export', validate('query', ExportQuery), async (c) => {
      const q = c.req.valid('query');
      return sendFile(c, await exportZone(db, WS, c.req.param('id'), { format: q.format, version: q.version, indicators: idList(q.indicators), reference: q.reference, decimal: csvDecimalOf(q.decimal) }));
    });
};
