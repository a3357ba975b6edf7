import { ScatterplotLayer } from '@deck.gl/layers';
import type { HexagonLayer as HexagonLayerClass } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { layersStore, type LayerFeature } from './state';
import { workspace, type ViewState } from '../../state/workspace';
import { POINT_HALO, POINT_OUTLINE } from '../../lib/palette';
import { categoriesOf, pointStyleOf, pointValue, visiblePoints } from './point-style';

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

/** Purple ramp: distinct from the commune choropleth's blues/greens, so both read when shown together. */
export const HEX_RAMP: [number, number, number][] = [[218, 210, 235], [188, 170, 220], [158, 128, 200], [128, 88, 180], [100, 52, 150], [74, 20, 120]];

/** Zoom from which each account is drawn; below it, hexagon counts (100k points stay fluid and readable). */
export const POINTS_MIN_ZOOM = 8;

/** The shown data layers drawn as hexagon counts at this zoom (for the legend). */
export function hexagonLayerNames(layers: readonly { name: string; hidden: boolean; synthetic: boolean; id: string }[] | null, features: Record<string, unknown[] | undefined>, zoom: number | null): { name: string; synthetic: boolean }[] {
  if (!layers || zoom === null || zoom >= POINTS_MIN_ZOOM) return [];
  return layers.filter((l) => !l.hidden && features[l.id]?.length).map((l) => ({ name: l.name, synthetic: l.synthetic }));
}

/**
 * Points of the shown data layers: hexagon counts when zoomed out; from zoom 8 each account, coloured by the
 * field chosen in the legend (category by default, palette apart from the choropleth and hospital colours),
 * with a dark outline over a white halo so it reads on any choropleth. Values switched off in the legend are not drawn.
 */
export function customerLayers(view: ViewState | null): Layer[] {
  const { layers, features, selected } = layersStore.get();
  if (!view || !layers) return [];
  const out: Layer[] = [];
  for (const layer of layers) {
    const all = features[layer.id];
    if (layer.hidden || !all?.length) continue;
    const style = pointStyleOf(layer.id);
    const data = visiblePoints(all, style) as LayerFeature[];
    if (!data.length) continue;
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
      const { colorOf } = categoriesOf(all, style.field);
      const colorKey = `${style.field}:${style.hidden.join(',')}`;
      out.push(
        new ScatterplotLayer<LayerFeature>({
          id: `layer-${layer.id}-halo`,
          data,
          getPosition: (f) => [f.lon, f.lat],
          getFillColor: [...POINT_HALO, 200],
          radiusUnits: 'pixels',
          getRadius: 7,
          pickable: false,
        }),
        new ScatterplotLayer<LayerFeature>({
          id: `layer-${layer.id}-points`,
          data,
          getPosition: (f) => [f.lon, f.lat],
          getFillColor: (f) => [...(colorOf.get(pointValue(f, style.field)) ?? POINT_OUTLINE), 255] as [number, number, number, number],
          getLineColor: [...POINT_OUTLINE, 255],
          stroked: true,
          lineWidthUnits: 'pixels',
          getLineWidth: 1.2,
          radiusUnits: 'pixels',
          getRadius: 4.5,
          pickable: false,
          updateTriggers: { getFillColor: colorKey },
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
