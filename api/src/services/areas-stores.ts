/**
 * Points of sale for trade areas: points of any layer (the user's shops, an imported competitor file, the demo
 * network) or FINESS health sites, each own or competitor (from a column value, a whole layer, or by hand), with an attractiveness from a
 * measure (blank, non-numeric, zero or negative values are a 400 listing the rows) or 1.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { areasApiText as t } from '../messages/areas-api.js';
import { areaLayer, healthSiteRows, storeRows, type AreaLayer } from '../repositories/areas.js';

export type StoreRole = 'own' | 'competitor';

export type StoreSourceInput = LayerSourceInput | FinessSourceInput;

export interface LayerSourceInput {
  layerId: string;
  /** A whole layer's role, or the field (a measure name or 'category') whose listed values mark own stores. */
  role?: StoreRole | { field: string; ownValues: string[] };
  attractivenessMeasure?: string;
}

/** FINESS geographic sites (reference data): attractiveness 1; role for all, or from their category or status. */
export interface FinessSourceInput {
  finess: { categories?: string[]; departements?: string[] };
  role?: StoreRole | { field: 'category' | 'status'; ownValues: string[] };
}

const FINESS_LAYER: AreaLayer = { id: 'finess', name: 'Sites FINESS (établissements de santé)', synthetic: false, featureCount: 0, measures: [] };

export interface StoreSetInput {
  sources: StoreSourceInput[];
  /** Roles set by hand, by store key (override the source's rule). */
  roles?: Record<string, StoreRole>;
}

export interface Store {
  key: string;
  name: string;
  layerId: string;
  sourceRow: number;
  role: StoreRole;
  attractiveness: number;
  lon: number;
  lat: number;
  communeCode: string | null;
}

export interface StoreSet {
  stores: Store[];
  layers: AreaLayer[];
  /** True when any source layer is synthetic (the payload and saved zones say so). */
  synthetic: boolean;
  attractivenessMeasures: (string | null)[];
}

/** Whether a layer has this field: 'category' always, else one of its measures. */
function checkField(layer: AreaLayer, field: string) {
  if (field === 'category' || layer.measures.some((m) => m.name === field)) return;
  throw new ApiError(400, 'AREAS_UNKNOWN_FIELD', t.unknownField(layer.name, field, layer.measures.map((m) => m.name)), { layerId: layer.id, field });
}

export async function requireLayer(db: Kysely<DB>, layerId: string): Promise<AreaLayer> {
  const layer = await areaLayer(db, layerId);
  if (!layer) throw new ApiError(404, 'AREAS_LAYER_NOT_FOUND', t.layerNotFound(layerId), { layerId });
  return layer;
}

export { checkField };

export async function loadStores(db: Kysely<DB>, input: StoreSetInput): Promise<StoreSet> {
  const stores: Store[] = [];
  const layers: AreaLayer[] = [];
  for (const source of input.sources) {
    const fromFiness = 'finess' in source;
    const layer = fromFiness ? FINESS_LAYER : await requireLayer(db, source.layerId);
    const roleField = typeof source.role === 'object' ? source.role.field : undefined;
    const measure = fromFiness ? undefined : source.attractivenessMeasure;
    if (roleField && !fromFiness) checkField(layer, roleField);
    if (measure) checkField(layer, measure);
    const rows = fromFiness
      ? await healthSiteRows(db, source.finess, roleField as 'category' | 'status' | undefined)
      : await storeRows(db, layer.id, roleField, measure);
    if (!rows.length) throw new ApiError(400, 'AREAS_NO_POINTS', t.noPoints(layer.name), { layerId: layer.id });
    const bad: { row: number; key: string; value: string | null }[] = [];
    const own = typeof source.role === 'object' ? new Set(source.role.ownValues.map((v) => v.trim().toLowerCase())) : null;
    for (const r of rows) {
      let attractiveness = 1;
      if (measure) {
        attractiveness = r.attractivenessText === null || r.attractivenessText.trim() === '' ? NaN : Number(r.attractivenessText);
        if (!(attractiveness > 0) || !Number.isFinite(attractiveness)) bad.push({ row: r.sourceRow, key: r.key, value: r.attractivenessText });
      }
      const role: StoreRole = own ? (own.has((r.roleValue ?? '').trim().toLowerCase()) ? 'own' : 'competitor') : ((source.role as StoreRole | undefined) ?? 'own');
      stores.push({ key: r.key, name: r.name ?? r.key, layerId: layer.id, sourceRow: r.sourceRow, role, attractiveness, lon: r.lon, lat: r.lat, communeCode: r.communeCode });
    }
    if (bad.length) {
      throw new ApiError(400, 'AREAS_BAD_MEASURE', t.badMeasure(layer.name, measure!, bad), { layerId: layer.id, field: measure, rows: bad.slice(0, 200) });
    }
    layers.push(layer);
  }
  const seen = new Map<string, number>();
  for (const s of stores) seen.set(s.key, (seen.get(s.key) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  if (duplicates.length) throw new ApiError(400, 'AREAS_DUPLICATE_STORE_KEYS', t.duplicateKeys(duplicates), { keys: duplicates.slice(0, 200) });
  const byHand = Object.entries(input.roles ?? {});
  const unknown = byHand.filter(([k]) => !seen.has(k)).map(([k]) => k);
  if (unknown.length) throw new ApiError(400, 'AREAS_UNKNOWN_STORE_KEYS', t.unknownRoleKeys(unknown), { keys: unknown });
  const roles = new Map(byHand);
  for (const s of stores) s.role = roles.get(s.key) ?? s.role;
  return {
    stores,
    layers,
    synthetic: layers.some((l) => l.synthetic),
    attractivenessMeasures: input.sources.map((s) => ('attractivenessMeasure' in s ? s.attractivenessMeasure ?? null : null)),
  };
}

/**
 * The points of sale a request would use, before any computation (POST /api/areas/stores): key, name, role,
 * attractiveness and place of each — FINESS sites can then be set own / competitor by hand before a first result.
 */
export async function storesPreview(db: Kysely<DB>, input: StoreSetInput) {
  const set = await loadStores(db, input);
  return {
    synthetic: set.synthetic,
    layers: set.layers.map((l) => ({ id: l.id, name: l.name })),
    count: set.stores.length,
    stores: set.stores.map((s) => ({ key: s.key, name: s.name, role: s.role, attractiveness: s.attractiveness, lon: s.lon, lat: s.lat })),
  };
}
