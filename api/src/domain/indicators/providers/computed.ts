import type { CommuneFacts, IndicatorDef } from '../registry.js';

/**
 * Computed indicators (issue 15; issue 18 reuses them): per-commune figures the app computed and saved with their
 * method (an accessibility index, a time to the nearest maternity…), id `computed:<uuid>`, quality 'computed'.
 * Over a zone: the population-weighted mean of the member communes that have a value, Σ pop·value / Σ pop
 * (a commune off the road network has none and is left out; the coverage says how much population that is).
 */
export interface ComputedIndicatorInfo {
  id: string;
  label: string;
  unit: string;
  definition: string;
  source: string;
  method: Record<string, unknown>;
  createdAt: Date | string;
}

export const COMPUTED_PREFIX = 'computed:';
export const computedId = (uuid: string) => `${COMPUTED_PREFIX}${uuid}`;
const valueField = (uuid: string) => `${COMPUTED_PREFIX}${uuid}`;

export const COMPUTED_NOTE = 'Indicateur calculé par Maillage (méthode enregistrée avec lui) : sur une zone, moyenne des communes pondérée par leur population.';

export function computedDefs(list: readonly ComputedIndicatorInfo[]): IndicatorDef[] {
  return list.map((c) => ({
    id: computedId(c.id), label: c.label, unit: c.unit, source: c.source, year: String(new Date(c.createdAt).getFullYear()),
    definition: c.definition, provider: 'computed', quality: 'computed', field: valueField(c.id), note: COMPUTED_NOTE,
    aggregation: { kind: 'weightedMean', weight: 'population' },
  }));
}

/** The uuids of the computed indicators among `defs` (to know which values to read). */
export const computedUuids = (defs: readonly IndicatorDef[]) =>
  defs.filter((d) => d.provider === 'computed').map((d) => d.id.slice(COMPUTED_PREFIX.length));

/** Facts: one field per indicator; a commune with no stored value gets null (never 0). */
export function computedFacts(uuids: readonly string[], codes: Iterable<string>, rows: readonly { indicatorId: string; communeCode: string; value: number | null }[], into: CommuneFacts = new Map()): CommuneFacts {
  const byKey = new Map(rows.map((r) => [`${r.indicatorId}|${r.communeCode}`, r.value]));
  for (const code of codes) {
    const f = into.get(code) ?? {};
    for (const id of uuids) {
      const v = byKey.get(`${id}|${code}`);
      f[valueField(id)] = v === null || v === undefined ? null : Number(v);
    }
    into.set(code, f);
  }
  return into;
}
