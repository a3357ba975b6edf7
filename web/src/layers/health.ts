import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { healthStore, type HealthActor } from '../state/health';

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
  if (!visible || !actors) return layers;
  if (attractiveness && attractiveness.geojson.features.length) {
    layers.push(
      new GeoJsonLayer({
        id: 'health-attractiveness-zone',
        data: attractiveness.geojson as never,
        filled: true,
        stroked: true,
        getFillColor: [228, 87, 46, 70],
        getLineColor: [228, 87, 46, 220],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
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
  return layers;
}
