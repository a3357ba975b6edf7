import type { IndicatorDef, IndicatorProvider } from '../registry.js';
import { TERRITORY_DEFS } from './territory.js';
import { INSEE_DEFS } from './insee.js';
import { FILOSOFI_DEFS } from './filosofi.js';
import { AGE_DEFS } from './age.js';
import { EUROSTAT_DEFS } from './eurostat.js';
import { HEALTH_DEFS } from './health.js';
import { layerDefs, type LayerInfo } from './layers.js';
import { computedDefs, type ComputedIndicatorInfo } from './computed.js';

/** Every indicator that does not depend on the workspace's data, in the order a profile shows them. */
export const STATIC_DEFS: IndicatorDef[] = [...TERRITORY_DEFS, ...INSEE_DEFS, ...FILOSOFI_DEFS, ...AGE_DEFS, ...EUROSTAT_DEFS, ...HEALTH_DEFS];

/** The full registry: static definitions plus one set per customer layer, then the computed indicators. */
export function registryDefs(layers: readonly LayerInfo[], computed: readonly ComputedIndicatorInfo[] = []): IndicatorDef[] {
  return [...STATIC_DEFS, ...layerDefs(layers), ...computedDefs(computed)];
}

/** Providers a set of definitions needs loaded (territory always: it carries the population coverage is measured on). */
export function providersOf(defs: readonly IndicatorDef[]): Set<IndicatorProvider> {
  return new Set<IndicatorProvider>(['territory', ...defs.map((d) => d.provider)]);
}
