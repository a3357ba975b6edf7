import type { Layer } from '@deck.gl/core';
import type { IsochroneResult } from '../api/client';
import type { ViewState } from '../map/MapView';
import { labelLayers, type LabelData } from './labels';
import { isochroneLayers } from './isochrones';

/** Everything deck.gl draws, as values built from state each render. Features add one line here. */
export interface LayerState {
  view: ViewState | null;
  labels: LabelData | null;
  isochrone: IsochroneResult | null;
}

export function buildLayers(state: LayerState): Layer[] {
  return [...isochroneLayers(state.isochrone), ...labelLayers(state.labels, state.view)] as Layer[];
}
