import { ScatterplotLayer } from '@deck.gl/layers';
import type { HexagonLayer as HexagonLayerClass } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { layersStore, type LayerFeature } from '../state/layers';
import { workspace, type ViewState } from '../state/workspace';

/**
 * deck.gl's aggregation layers (≈ 40 KB gzipped) load on demand, when a layer first has points to aggregate:
 * they are not needed to paint the map, and the points arrive after it anyway.
 */
let HexagonLayer: typeof HexagonLayerClass | null = null;
let hexagonLoading = false;
function loadHexagonLayer() {
  if (HexagonLayer || hexagonLoading) return;
  hexagonLoading = true;
  void import('@deck.gl/aggregation-layers').then((m) => {
    HexagonLayer = m.HexagonLayer;
    workspace.set({}); // redraw the deck.gl layers
  });
}

const PALETTE: [number, number, number][] = [
  [31, 95, 139], [228, 87, 46], [41, 161, 115], [146, 84, 168], [235, 170, 40], [90, 90, 90], [200, 60, 120],
];
/** Purple ramp: distinct from the commune choropleth's blues/greens, so both read when shown together. */
export const HEX_RAMP: [number, number, number][] = [[218, 210, 235], [188, 170, 220], [158, 128, 200], [128, 88, 180], [100, 52, 150], [74, 20, 120]];

/** Zoom from which each account is drawn; below it, hexagon counts (100k points stay fluid and readable). */
export const POINTS_MIN_ZOOM = 8;

/** Category → colour index, stable for a layer (categories sorted). */
const categoryIndex = new WeakMap<LayerFeature[], Map<string, number>>();
function colorOf(features: LayerFeature[], f: LayerFeature) {
  let index = categoryIndex.get(features);
  if (!index) {
    index = new Map([...new Set(features.map((x) => x.category ?? ''))].sort().map((c, i) => [c, i]));
    categoryIndex.set(features, index);
  }
  return PALETTE[(index.get(f.category ?? '') ?? 0) % PALETTE.length];
}

/** The shown data layers drawn as hexagon counts at this zoom (for the legend). */
export function hexagonLayerNames(layers: readonly { name: string; hidden: boolean; synthetic: boolean; id: string }[] | null, features: Record<string, unknown[] | undefined>, zoom: number | null): { name: string; synthetic: boolean }[] {
  if (!layers || zoom === null || zoom >= POINTS_MIN_ZOOM) return [];
  return layers.filter((l) => !l.hidden && features[l.id]?.length).map((l) => ({ name: l.name, synthetic: l.synthetic }));
}

/** Points of the shown data layers: hexagon counts when zoomed out, accounts coloured by category from zoom 8. */
export function customerLayers(view: ViewState | null): Layer[] {
  const { layers, features, selected } = layersStore.get();
  if (!view || !layers) return [];
  const out: Layer[] = [];
  for (const layer of layers) {
    const data = features[layer.id];
    if (layer.hidden || !data?.length) continue;
    if (view.zoom < POINTS_MIN_ZOOM) {
      if (!HexagonLayer) {
        loadHexagonLayer();
        continue;
      }
      out.push(
        new HexagonLayer<LayerFeature>({
          id: `layer-${layer.id}-hex`,
          data,
          getPosition: (f) => [f.lon, f.lat],
          radius: view.zoom < 6 ? 12_000 : view.zoom < 7 ? 6_000 : 3_000,
          opacity: 0.7,
          colorRange: HEX_RAMP,
          // Quantile classes: a few dense hexagons (Paris) must not flatten all others into the first colour.
          colorScaleType: 'quantile',
          coverage: 0.6, // gaps between hexagons leave the commune colours readable underneath
          extruded: false,
          pickable: false,
        }),
      );
    } else {
      out.push(
        new ScatterplotLayer<LayerFeature>({
          id: `layer-${layer.id}-points`,
          data,
          getPosition: (f) => [f.lon, f.lat],
          getFillColor: (f) => [...colorOf(data, f), 225] as [number, number, number, number],
          getLineColor: [255, 255, 255, 230],
          stroked: true,
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          radiusUnits: 'pixels',
          getRadius: 4.5,
          pickable: false,
        }),
      );
    }
  }
  if (selected) {
    out.push(
      new ScatterplotLayer<LayerFeature>({
        id: 'layer-selected-account',
        data: [selected.feature],
        getPosition: (f) => [f.lon, f.lat],
        getFillColor: [0, 0, 0, 0],
        getLineColor: [20, 20, 20, 255],
        stroked: true,
        filled: false,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        radiusUnits: 'pixels',
        getRadius: 9,
      }),
    );
  }
  return out;
}
