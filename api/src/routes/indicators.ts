import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { indicatorMessages } from '../messages/zones.js';
import { publicDef, type IndicatorDef } from '../domain/indicators/registry.js';
import { findIndicator, indicatorValues, listIndicators } from '../repositories/indicators.js';
import { indicatorRegistry, registryCommuneValues } from '../services/zone-profile.js';

/**
 * The indicator registry (every provider, how each aggregates over a zone) merged with the rows of the
 * `indicators` table the map already colours by (their values are precomputed per commune).
 */
/** The fields of an `indicators` row (year as a number), which the web's typed client reads. */
const asTableRow = (d: IndicatorDef) => ({ id: d.id, label: d.label, unit: d.unit, source: d.source, description: d.definition, year: Number(d.year) || null, scope: 'commune' });

async function listAll(deps: AppDeps) {
  const [rows, registry] = await Promise.all([listIndicators(deps.database.db), indicatorRegistry(deps.database.db)]);
  const table = new Map(rows.map((r) => [r.id, r]));
  const listed = registry.map((d) => ({ ...publicDef(d), ...asTableRow(d), ...(table.get(d.id) ? { description: table.get(d.id)!.description } : {}) }));
  const known = new Set(registry.map((d) => d.id));
  const extra = rows.filter((r) => !known.has(r.id)).map((r) => ({ ...r, definition: r.description, aggregation: null, quality: null, provider: 'territory' }));
  return [...listed, ...extra];
}

export const indicatorsRoutes = (deps: AppDeps) =>
  new Hono()
    .get('/', async (c) => c.json({ indicators: await listAll(deps) }))
    .get('/:id/values', async (c) => {
      const id = c.req.param('id');
      const db = deps.database.db;
      const stored = await findIndicator(db, id);
      if (stored) {
        c.header('Cache-Control', 'public, max-age=300');
        return c.json({ indicator: stored, ...(await indicatorValues(db, id)) });
      }
      const def = (await indicatorRegistry(db)).find((d) => d.id === id);
      if (!def) {
        const known = (await listAll(deps)).map((i) => i.id);
        throw new ApiError(404, 'UNKNOWN_INDICATOR', indicatorMessages.unknown(id, known));
      }
      return c.json({ indicator: asTableRow(def), ...(await registryCommuneValues(db, def)) });
    });
