import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { healthStore, type HealthActor, type HealthCompetitors } from './state';
import { healthZoneStore } from './zones-state';
import { DRAWN_OUTLINE, HEALTH_CATEGORY_COLORS, HEALTH_OTHER_COLOR, PMSI_OUTLINE, POINT_HALO, type Rgb } from '../../lib/palette';

type Rgba = [number, number, number, number];
const rgba = (c: Rgb, a: number): Rgba => [c[0], c[1], c[2], a];

/** Drawn radius of a site in pixels (area ∝ stays per site, an establishment's stays split evenly over its sites); the map's picking uses it too. */
export function healthSiteRadiusPx(a: HealthActor): number {
  return Math.min(30, a.stays ? 2.5 + Math.sqrt(a.stays.max / Math.max(1, a.establishment?.siteCount ?? 1)) / 12 : 2.5);
}

type Competitor = HealthCompetitors['competitors'][number];

/** Category → colour (FINESS category of the site): kept in lib/palette.ts, re-exported for the health panel's legend. */
export { HEALTH_CATEGORY_COLORS };
const OTHER = HEALTH_OTHER_COLOR;
const colorOf = (a: HealthActor) => HEALTH_CATEGORY_COLORS.find(([c]) => c === a.category)?.[1] ?? OTHER;

/** Hospital sites sized by their establishment's 2024 stays (shared across its sites), and the selected site's 80 % zone. */
export function healthLayers() {
  const { visible, actors, selected, attractiveness, zones } = healthStore.get();
  const layers = [];
  if (zones) {
    // Code géo outlines: dark violet over a white casing, so they are not mistaken for the thin white commune borders.
    const outline = { data: zones.geojson as never, filled: false, stroked: true, lineWidthUnits: 'pixels' as const, pickable: false };
    layers.push(
      new GeoJsonLayer({ id: 'health-pmsi-zones-casing', ...outline, getLineColor: rgba(POINT_HALO, 200), getLineWidth: 4 }),
      new GeoJsonLayer({ id: 'health-pmsi-zones', ...outline, getLineColor: rgba(PMSI_OUTLINE, 255), getLineWidth: 2 }),
    );
  }
  layers.push(...zoneDrawingLayers());
  if (!visible || !actors) return layers;
  if (attractiveness && attractiveness.geojson.features.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'health-attractiveness-zone',
        data: attractiveness.geojson as never,
        filled: true,
        stroked: true,
        // Magenta is in none of the choropleth ramps (yellow–green–blue, diverging red–blue): it reads over any of them.
        getFillColor: [200, 30, 140, 95],
        getLineColor: [120, 0, 80, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2,
      }),
    );
  }
  layers.push(
    new ScatterplotLayer<HealthActor>({
      id: 'health-sites',
      data: actors,
      getPosition: (a) => a.point,
      // Area ∝ stays per site (an establishment's stays split evenly over its sites); status: private sites hollow-ringed.
      getRadius: healthSiteRadiusPx,
      radiusUnits: 'pixels',
      radiusMaxPixels: 30,
      getFillColor: (a) => [...colorOf(a), a.finess === selected ? 255 : a.stays ? 200 : 90] as [number, number, number, number],
      getLineColor: (a) => (a.finess === selected ? [0, 0, 0, 255] : a.status === 'private' ? [255, 255, 255, 255] : [40, 40, 40, 160]),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (a) => (a.finess === selected ? 2.5 : a.status === 'private' ? 1.5 : 0.5),
      updateTriggers: { getFillColor: selected, getLineColor: selected, getLineWidth: selected },
    }),
  );
  const competitors = healthStore.get().competitors.data;
  if (competitors && competitors.site.finess === selected) {
    layers.push(
      new ScatterplotLayer<Competitor>({
        id: 'health-competitors',
        data: competitors.competitors,
        getPosition: (c) => c.point,
        // A ring around each competitor (dashed-looking grey for sister sites of the same legal entity).
        getRadius: 11,
        radiusUnits: 'pixels',
        filled: false,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        getLineColor: (c) => (c.sameEstablishment ? [90, 90, 90, 200] : [228, 87, 46, 255]),
      }),
    );
  }
  return layers;
}

/** The last polygon drawn for zone indicators (the one being drawn is the shared tool's, map/tool-layers.ts): blue over a white halo. */
function zoneDrawingLayers() {
  const { polygon } = healthZoneStore.get();
  const line = rgba(DRAWN_OUTLINE, 255);
  const halo = rgba(POINT_HALO, 220);
  if (!polygon) return [];
  const data = { type: 'Feature', properties: {}, geometry: polygon } as never;
  return [
    new GeoJsonLayer({ id: 'health-zone-polygon-halo', data, filled: false, stroked: true, getLineColor: halo, lineWidthUnits: 'pixels', getLineWidth: 5 }),
    new GeoJsonLayer({
      id: 'health-zone-polygon', data,
      filled: true, stroked: true, getFillColor: rgba(DRAWN_OUTLINE, 40), getLineColor: line, lineWidthUnits: 'pixels', getLineWidth: 2,
    }),
  ];
}
