import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { indicatorMessages } from '../messages/zones.js';
import { publicDef, type IndicatorDef } from '../domain/indicators/registry.js';
import { findIndicator, listIndicators, loadedDatasets } from '../repositories/indicators.js';
import { indicatorRegistry, registryCommuneValues, storedCommuneValues } from '../services/indicator-facts.js';

/**
 * The indicator registry (every provider, how each aggregates over a zone) merged with the rows of the
 * `indicators` table the map already colours by (their values are precomputed per commune).
 */
/** The fields of an `indicators` row (year as a number), which the web's typed client reads. */
const asTableRow = (d: IndicatorDef) => ({ id: d.id, label: d.label, unit: d.unit, source: d.source, description: d.definition, year: Number(d.year) || null, scope: 'commune' });

/**
 * What the map legend needs beyond the row: whether the indicator has one value per commune to colour by
 * (`mappable`: commune-level registry data whose dataset is loaded; a customer layer's figures are zone figures,
 * mapped through the layer itself), and the labels to show next to it. Provider → the dataset loading its values.
 */
const COMMUNE_LEVEL: Partial<Record<IndicatorDef['provider'], string>> = { territory: 'territory', insee: 'insee', filosofi: 'insee', age: 'insee', eurostat: 'insee', health: 'health', computed: 'territory' };
const mapFlags = (quality: IndicatorDef['quality'] | null, mappable: boolean) => ({
  mappable, estimated: quality === 'estimated', approximate: quality === 'approximate', synthetic: quality === 'synthetic', modelled: quality === 'modelled', computed: quality === 'computed',
});

async function listAll(deps: AppDeps) {
  const [rows, registry, loaded] = await Promise.all([listIndicators(deps.database.db), indicatorRegistry(deps.database.db), loadedDatasets(deps.database.db)]);
  const table = new Map(rows.map((r) => [r.id, r]));
  const listed = registry.map((d) => ({
    ...publicDef(d), ...asTableRow(d), ...(table.get(d.id) ? { description: table.get(d.id)!.description } : {}),
    ...mapFlags(d.quality, loaded.has(COMMUNE_LEVEL[d.provider] ?? '') || table.has(d.id)),
  }));
  const known = new Set(registry.map((d) => d.id));
  const extra = rows.filter((r) => !known.has(r.id)).map((r) => ({
    ...r, definition: r.description, aggregation: null, quality: null, provider: 'territory', ...mapFlags(null, r.scope === 'commune'),
  }));
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
        return c.json({ indicator: stored, ...(await storedCommuneValues(db, id)) });
      }
      const def = (await indicatorRegistry(db)).find((d) => d.id === id);
      if (!def) {
        const known = (await listAll(deps)).map((i) => i.id);
        throw new ApiError(404, 'UNKNOWN_INDICATOR', indicatorMessages.unknown(id, known));
      }
      // Reference data changes only with a data load; a layer's figures change with each import.
      if (def.provider !== 'layers') c.header('Cache-Control', 'public, max-age=300');
      return c.json({ indicator: { ...asTableRow(def), quality: def.quality ?? null }, ...(await registryCommuneValues(db, def)) });
    });
