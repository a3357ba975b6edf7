import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { healthStore, type HealthActor, type HealthCompetitors } from '../state/health';
import { healthZoneStore } from '../state/health-zones';

type Competitor = HealthCompetitors['competitors'][number];

/** Category → colour (FINESS category of the site). */
export const HEALTH_CATEGORY_COLORS: [string, [number, number, number]][] = [
  ['Centre Hospitalier Régional (C.H.R.)', [128, 0, 90]],
  ['Centre Hospitalier (C.H.)', [31, 120, 180]],
  ['Centre hospitalier, ex Hôpital local', [120, 170, 210]],
  ['Centre de Lutte Contre Cancer', [227, 26, 28]],
  ['Etablissement de Soins Pluridisciplinaire', [51, 160, 44]],
  ['Etablissement de Soins Chirurgicaux', [255, 127, 0]],
  ['Etablissement de Soins Médicaux', [177, 89, 40]],
];
const OTHER: [number, number, number] = [150, 150, 150];
const colorOf = (a: HealthActor) => HEALTH_CATEGORY_COLORS.find(([c]) => c === a.category)?.[1] ?? OTHER;

/** Hospital sites sized by their establishment's 2024 stays (shared across its sites), and the selected site's 80 % zone. */
export function healthLayers() {
  const { visible, actors, selected, attractiveness, zones } = healthStore.get();
  const layers = [];
  if (zones) {
    layers.push(
      new GeoJsonLayer({
        id: 'health-pmsi-zones',
        data: zones.geojson as never,
        filled: false,
        stroked: true,
        getLineColor: [255, 255, 255, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      }),
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
      getRadius: (a) => (a.stays ? 2.5 + Math.sqrt(a.stays.max / Math.max(1, a.establishment?.siteCount ?? 1)) / 12 : 2.5),
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

/** The polygon being drawn (vertices and edges) or the last one drawn for zone indicators. */
function zoneDrawingLayers() {
  const { drawing, polygon } = healthZoneStore.get();
  if (drawing) {
    return [
      new PathLayer<[number, number][]>({ id: 'health-zone-drawing', data: [drawing], getPath: (p) => p, getColor: [31, 95, 139, 255], getWidth: 2, widthUnits: 'pixels' }),
      new ScatterplotLayer<[number, number]>({ id: 'health-zone-vertices', data: drawing, getPosition: (p) => p, getRadius: 4, radiusUnits: 'pixels', getFillColor: [31, 95, 139, 255] }),
    ];
  }
  if (!polygon) return [];
  return [
    new GeoJsonLayer({
      id: 'health-zone-polygon', data: { type: 'Feature', properties: {}, geometry: polygon } as never,
      filled: true, stroked: true, getFillColor: [31, 95, 139, 40], getLineColor: [31, 95, 139, 255], lineWidthUnits: 'pixels', getLineWidth: 2,
    }),
  ];
}
