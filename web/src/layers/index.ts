import type { Layer } from '@deck.gl/core';
import type { WorkspaceState } from '../state/workspace';
import { labelLayers } from './labels';
import { isochroneLayers } from './isochrones';
import { healthLayers } from './health';
import { customerLayers } from './customers';
import { layers as zoneLayers } from '../features/zones';

/**
 * Everything deck.gl draws, as values built from the workspace state on each change (never kept and mutated).
 * Extension point: a feature writes `layers/<feature>.ts` exporting `xxxLayers(state…) → Layer[]` and adds
 * ONE line below. Order = drawing order (first is drawn first, i.e. underneath); labels stay last, on top.
 */
export function buildLayers(state: WorkspaceState): Layer[] {
  return [
    ...isochroneLayers(state.isochrone.result),
    ...customerLayers(state.view),
    ...healthLayers(),
    ...(zoneLayers() as Layer[]),
    // ↑ analysis / data layers go here (customer points, healthcare actors, …)
    ...labelLayers(state.labels, state.view),
  ] as Layer[];
}
