import type { Layer } from '@deck.gl/core';
import type { WorkspaceState } from '../state/workspace';
import { labelLayers } from './labels';
import { toolLayers } from '../map/tool-layers';
// Each feature's deck.gl layers, from its own layers module (the same function its index.ts exports as `layers`):
// imported directly so deck.gl stays in the lazily loaded map chunk.
import { isochroneLayers } from '../features/isochrones/layers';
import { customerLayers } from '../features/layers/customers';
import { healthLayers } from '../features/health/layers';
import { layers as zoneLayers } from '../features/zones/layers';
import { layers as areaLayers } from '../features/areas/layers';
import { layers as basinLayers } from '../features/basins/layers';

/**
 * Everything deck.gl draws, as values built from the one store's state on each change (never kept and mutated).
 * Extension point: a feature's `layers.ts` exports `layers(state…) → Layer[]`; add ONE line below.
 * Order = drawing order (first is drawn first, i.e. underneath); the active tool's drawing and labels stay on top.
 */
export function buildLayers(state: WorkspaceState): Layer[] {
  return [
    ...isochroneLayers(state.isochrone.result),
    ...customerLayers(state.view),
    ...healthLayers(),
    ...(zoneLayers(state.zones) as Layer[]),
    ...(areaLayers(state.areas) as Layer[]),
    ...(basinLayers(state.basins) as Layer[]),
    ...(toolLayers() as Layer[]),
    ...labelLayers(state.labels, state.view),
  ] as Layer[];
}
