import type { Indicator } from '../api/client';
import { INDICATOR_MESSAGES as T } from './messages/indicators';

/** The registry fields the map reads (GET /api/indicators); a layer aggregate made in the browser has none of the flags. */
export type MapIndicator = Indicator & {
  provider?: string;
  mappable?: boolean;
  estimated?: boolean;
  approximate?: boolean;
  synthetic?: boolean;
  modelled?: boolean;
  computed?: boolean;
};

export interface IndicatorGroup {
  id: string;
  label: string;
  indicators: MapIndicator[];
}

/** Order of the sources in the chooser: the territory first, then INSEE, income, age, economy, health, imported layers. */
const GROUP_ORDER = ['territory', 'insee', 'filosofi', 'age', 'eurostat', 'health', 'layers', 'other'];

/** The indicator's group: its registry provider; a browser-made layer aggregate (`layer:<id>:<stat>:<measure>`) goes with the layers. */
const groupOf = (i: MapIndicator) => (i.provider && GROUP_ORDER.includes(i.provider) ? i.provider : i.id.startsWith('layer:') ? 'layers' : i.provider ? 'other' : 'territory');

/**
 * What the map's chooser offers, grouped by source: every indicator of the registry with one value per commune
 * (`mappable`; a zone-level figure such as a layer's penetration is not a map colour), in the registry's order. Pure.
 */
export function groupIndicators(indicators: readonly MapIndicator[]): IndicatorGroup[] {
  const groups = new Map<string, MapIndicator[]>();
  for (const i of indicators) {
    if (i.mappable === false) continue;
    const g = groupOf(i);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  }
  return GROUP_ORDER.filter((g) => groups.has(g)).map((g) => ({ id: g, label: T.groups[g] ?? g, indicators: groups.get(g)! }));
}

/** Quality words set next to an indicator's name ("estimé", "approché"…), from the registry's flags. */
export function qualityWords(i: MapIndicator): string[] {
  return [i.estimated && T.quality.estimated, i.approximate && T.quality.approximate, i.modelled && T.quality.modelled, i.synthetic && T.quality.synthetic].filter(
    (w): w is string => typeof w === 'string',
  );
}

/** The chooser's option text: « Taux de pauvreté (seuil 60 %) (%, 2021) », « Part des 0–14 ans (%, 2021) — estimé ». */
export function optionLabel(i: MapIndicator): string {
  const words = qualityWords(i);
  return `${i.label} (${[i.unit, i.year].filter((x) => x !== null && x !== undefined && x !== '').join(', ')})${words.length ? ` — ${words.join(', ')}` : ''}`;
}
