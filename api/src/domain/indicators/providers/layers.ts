import type { CommuneFacts, IndicatorDef } from '../registry.js';

export interface LayerInfo {
  id: string;
  name: string;
  synthetic: boolean;
  measures: { name: string; unit?: string; type: string }[];
  updatedAt: Date | string;
}

const numericMeasures = (l: LayerInfo) => l.measures.filter((m) => m.type === 'number');
const countField = (layerId: string) => `layer:${layerId}:count`;
/** Id of a layer's row-count indicator (the customers of a layer in a zone or an isochrone band). */
export const layerCountId = (layerId: string) => `layer:${layerId}:count`;
const sumField = (layerId: string, m: string) => `layer:${layerId}:sum:${m}`;
const nField = (layerId: string, m: string) => `layer:${layerId}:n:${m}`;

/** Count, sums and means of every numeric measure of each layer, and penetration per 1,000 inhabitants. */
export function layerDefs(layers: readonly LayerInfo[]): IndicatorDef[] {
  const defs: IndicatorDef[] = [];
  for (const l of layers) {
    const base = {
      source: `Couche « ${l.name} »${l.synthetic ? ' (données synthétiques)' : ''}`,
      year: String(new Date(l.updatedAt).getFullYear()),
      provider: 'layers' as const,
      ...(l.synthetic ? { quality: 'synthetic' as const } : {}),
    };
    defs.push({
      ...base, id: layerCountId(l.id), label: `${l.name} — nombre de lignes`, unit: 'lignes', field: countField(l.id),
      definition: 'Lignes de la couche rattachées aux communes de la zone (communes partielles au prorata de leur poids).', aggregation: { kind: 'sum' },
    });
    defs.push({
      ...base, id: `layer:${l.id}:penetration`, label: `${l.name} — pour 1 000 habitants`, unit: 'pour 1 000 hab.',
      definition: 'Lignes de la couche pour 1 000 habitants (population 2023) : Σ lignes / Σ population × 1 000.',
      aggregation: { kind: 'ratio', numerator: countField(l.id), denominator: 'population', scale: 1000 },
    });
    for (const m of numericMeasures(l)) {
      const unit = m.unit ?? '';
      const key = encodeURIComponent(m.name);
      defs.push({
        ...base, id: `layer:${l.id}:sum:${key}`, label: `${l.name} — ${m.name} (somme)`, unit, field: sumField(l.id, m.name),
        definition: `Somme de la mesure « ${m.name} » des lignes de la zone.`, aggregation: { kind: 'sum' },
      });
      defs.push({
        ...base, id: `layer:${l.id}:mean:${key}`, label: `${l.name} — ${m.name} (moyenne)`, unit,
        definition: `Moyenne de la mesure « ${m.name} » par ligne renseignée : Σ mesure / nombre de lignes renseignées.`,
        aggregation: { kind: 'ratio', numerator: sumField(l.id, m.name), denominator: nField(l.id, m.name), scale: 1 },
      });
    }
  }
  return defs;
}

export interface LayerCommuneAggregate {
  layerId: string;
  communeCode: string;
  count: number;
  sums: Record<string, number | null>;
  counts: Record<string, number>;
}

/**
 * Layer facts: every commune of `codes` has a count (0 when the layer has no row there — a count is never
 * missing); a measure's sum is null where no row carries it (the mean's denominator is then 0 too).
 */
export function layerFacts(layers: readonly LayerInfo[], codes: Iterable<string>, rows: readonly LayerCommuneAggregate[], into: CommuneFacts = new Map()): CommuneFacts {
  const byKey = new Map(rows.map((r) => [`${r.layerId}|${r.communeCode}`, r]));
  for (const code of codes) {
    const f = into.get(code) ?? {};
    for (const l of layers) {
      const r = byKey.get(`${l.id}|${code}`);
      f[countField(l.id)] = r?.count ?? 0;
      for (const m of numericMeasures(l)) {
        const n = r?.counts[m.name] ?? 0;
        f[sumField(l.id, m.name)] = n > 0 ? (r!.sums[m.name] ?? null) : null;
        f[nField(l.id, m.name)] = n > 0 ? n : null;
      }
    }
    into.set(code, f);
  }
  return into;
}

/** A located row of a layer (a customer point), keyed for a point membership. */
export interface LayerPointRef {
  key: string;
  layerId: string;
}

/**
 * Facts of located points, one entry per point key: each point counts 1 row of its own layer and 0 of the
 * others, so a layer's count indicator summed over a point membership counts that layer's points inside.
 */
export function layerPointFacts(layerIds: readonly string[], points: readonly LayerPointRef[], into: CommuneFacts = new Map()): CommuneFacts {
  for (const p of points) {
    const f = into.get(p.key) ?? {};
    for (const id of layerIds) f[countField(id)] = id === p.layerId ? 1 : 0;
    into.set(p.key, f);
  }
  return into;
}
