/**
 * What the accessibility index and the drive-time basins can run on (issue 15): supplies (GPs per commune from
 * the BPE, a measure of any point layer, FINESS sites) and actor sets (maternity wards, GPs, FINESS categories,
 * a layer), loaded as points with a label; and the listing of GET /api/basins/sources.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { basinsApiText as t } from '../messages/basins-api.js';
import { flowDatasetLabel } from '../messages/health.js';
import { areaLayer, healthSiteRows, storeRows, type AreaLayer } from '../repositories/areas.js';
import { communeSupplyRows, communeSupplyTotals, finessCategories, pointLayers } from '../repositories/basins-supply.js';
import { listFlowDatasets } from '../repositories/health.js';
import type { CommunePoint } from '../repositories/points-near.js';
import type { SupplyPoint } from './basins-times.js';
import { DEFAULT_STEPS } from '../domain/basins/index.js';

export type SupplyInput =
  | { source: 'gp' }
  | { source: 'layer'; layerId: string; measure?: string }
  | { source: 'finess'; categories?: string[]; departements?: string[] };

export type ActorInput =
  | { set: 'maternity' }
  | { set: 'gp' }
  | { source: 'finess'; categories?: string[]; departements?: string[] }
  | { source: 'layer'; layerId: string };

export interface LoadedPoints {
  label: string;
  source: 'gp' | 'maternity' | 'layer' | 'finess';
  year: string | null;
  points: SupplyPoint[];
  /** Supply per point (1 per row when no measure). */
  values: Float64Array;
  synthetic: boolean;
  /** How a point was placed, when not at its own coordinates. */
  placement: string | null;
  /** What one unit of supply is (unit words for « … pour 100 000 habitants »). */
  unitWhat: string;
}

export const GP_INDICATOR = 'health_gp_count';
export const MATERNITY_INDICATOR = 'health_maternity_count';
const BPE_YEAR = '2017';

async function requireLayer(db: Kysely<DB>, layerId: string): Promise<AreaLayer> {
  const layer = await areaLayer(db, layerId);
  if (!layer) throw new ApiError(404, 'UNKNOWN_LAYER', t.layerNotFound(layerId), { field: 'layerId', layerId });
  return layer;
}

/** BPE counts per commune, at the commune's point: one supply point per equipped commune. */
async function communeCounts(db: Kysely<DB>, communes: readonly CommunePoint[], indicatorId: string, label: string, source: 'gp' | 'maternity', unitWhat: string): Promise<LoadedPoints> {
  const index = new Map(communes.map((c, i) => [c.code, i]));
  const rows = (await communeSupplyRows(db, indicatorId)).filter((r) => index.has(r.code));
  return {
    label, source, year: BPE_YEAR, synthetic: false, placement: t.communePointRule(source), unitWhat,
    points: rows.map((r) => ({ key: r.code, label: r.name, lon: r.lon, lat: r.lat, communeIndex: index.get(r.code)! })),
    values: Float64Array.from(rows, (r) => r.value),
  };
}

async function finessPoints(db: Kysely<DB>, filter: { categories?: string[]; departements?: string[] }): Promise<LoadedPoints> {
  const rows = await healthSiteRows(db, filter);
  return {
    label: t.finessLabel(filter.categories), source: 'finess', year: '2020', synthetic: false, placement: null, unitWhat: 'sites',
    points: rows.map((r) => ({ key: r.key, label: r.name ?? r.key, lon: r.lon, lat: r.lat })),
    values: new Float64Array(rows.length).fill(1),
  };
}

async function layerPoints(db: Kysely<DB>, layerId: string, measure?: string): Promise<LoadedPoints> {
  const layer = await requireLayer(db, layerId);
  const numeric = layer.measures.filter((m) => m.type === 'number');
  if (measure && !numeric.some((m) => m.name === measure)) {
    throw new ApiError(400, 'BASINS_UNKNOWN_MEASURE', t.unknownMeasure(layer.name, measure, numeric.map((m) => m.name)), { field: 'supply.measure', layerId, measure });
  }
  const rows = (await storeRows(db, layer.id, undefined, measure)).filter((r) => Number.isFinite(r.lon) && Number.isFinite(r.lat));
  const label = t.layerLabel(layer.name, measure);
  const values = new Float64Array(rows.length).fill(1);
  if (measure) {
    const bad: { key: string; row: number; value: string | null }[] = [];
    rows.forEach((r, i) => {
      const text = r.attractivenessText;
      const x = text === null || text.trim() === '' ? NaN : Number(text);
      if (!(x >= 0) || !Number.isFinite(x)) bad.push({ key: r.key, row: r.sourceRow, value: text });
      values[i] = x;
    });
    if (bad.length) throw new ApiError(422, 'NEGATIVE_SUPPLY', t.negativeSupply(label, bad), { field: 'supply.measure', layerId, measure, rows: bad.slice(0, 200) });
  }
  const unit = numeric.find((m) => m.name === measure)?.unit;
  return {
    label, source: 'layer', year: null, synthetic: layer.synthetic, placement: null, unitWhat: measure ? (unit ? `${measure} (${unit})` : measure) : 'points',
    points: rows.map((r) => ({ key: r.key, label: r.name ?? r.key, lon: r.lon, lat: r.lat })),
    values,
  };
}

export async function loadSupply(db: Kysely<DB>, communes: readonly CommunePoint[], input: SupplyInput): Promise<LoadedPoints> {
  const loaded = input.source === 'gp' ? await communeCounts(db, communes, GP_INDICATOR, t.gpLabel, 'gp', 'médecins généralistes')
    : input.source === 'finess' ? await finessPoints(db, input)
      : await layerPoints(db, input.layerId, input.measure);
  if (!loaded.points.length) throw new ApiError(422, 'NO_SUPPLY', t.noPoints(loaded.label), { field: 'supply' });
  return loaded;
}

export async function loadActors(db: Kysely<DB>, communes: readonly CommunePoint[], input: ActorInput): Promise<LoadedPoints> {
  const loaded = 'set' in input
    ? input.set === 'maternity'
      ? await communeCounts(db, communes, MATERNITY_INDICATOR, t.maternityLabel, 'maternity', 'maternités')
      : await communeCounts(db, communes, GP_INDICATOR, t.gpActorLabel, 'gp', 'médecins généralistes')
    : input.source === 'finess' ? await finessPoints(db, input) : await layerPoints(db, input.layerId);
  if (!loaded.points.length) throw new ApiError(422, 'NO_ACTOR_ON_NETWORK', t.noPoints(loaded.label), { field: 'actors', offNetwork: [] });
  return loaded;
}

/** GET /api/basins/sources: what can be chosen, with counts, and the defaults. */
export async function basinSources(db: Kysely<DB>) {
  const [gp, maternity, categories, layers, flows] = await Promise.all([
    communeSupplyTotals(db, GP_INDICATOR), communeSupplyTotals(db, MATERNITY_INDICATOR), finessCategories(db), pointLayers(db), listFlowDatasets(db),
  ]);
  const numeric = (l: (typeof layers)[number]) => l.measures.filter((m) => m.type === 'number').map((m) => ({ name: m.name, unit: m.unit ?? null }));
  return {
    supplies: [
      { source: 'gp', label: t.gpLabel, year: BPE_YEAR, pointCount: gp.communeCount, total: gp.total, placement: t.communePointRule('gp') },
      ...layers.map((l) => ({ source: 'layer', layerId: l.id, label: l.name, measures: numeric(l), synthetic: l.synthetic, pointCount: l.pointCount })),
      { source: 'finess', label: t.finessLabel(undefined), year: '2020', categories },
    ],
    actorSets: [
      { id: 'maternity', label: t.maternityLabel, year: BPE_YEAR, pointCount: maternity.communeCount, total: maternity.total, source: t.maternitySource },
      { id: 'gp', label: t.gpActorLabel, year: BPE_YEAR, pointCount: gp.communeCount, total: gp.total, source: t.communePointRule('gp') },
      { id: 'finess', label: t.finessLabel(undefined), year: '2020', categories },
      ...layers.map((l) => ({ id: 'layer', layerId: l.id, label: l.name, synthetic: l.synthetic, pointCount: l.pointCount })),
    ],
    flowDatasets: flows.map((f) => ({
      id: f.id, label: flowDatasetLabel(f), year: f.year, synthetic: f.synthetic, quality: f.synthetic ? 'modelled' : 'observed', rowCount: Number(f.rowCount), hasCaseMix: false,
    })),
    defaults: {
      catchmentMin: 30,
      decay: { kind: 'steps', upperMin: DEFAULT_STEPS.upperMin, weights: DEFAULT_STEPS.weights.map((w) => Math.round(w * 10_000) / 10_000) },
      underServedThreshold: { withActivity: 2.5, rule: t.underServedRuleActivity },
      activityPerSupply: null,
      sensitivityCatchmentsMin: [10, 15, 20, 30],
      nearest: { cutoffMin: 90, thresholdsMin: [30, 45] },
    },
  };
}
