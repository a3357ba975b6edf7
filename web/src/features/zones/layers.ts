import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { shownZones } from './colors';
import { zonesStore, type ZonesState } from './slice';

type Rgb = [number, number, number];

/** deck.gl layers of the zones feature, built from its state: outlines (halo + line), a drawn polygon awaiting
 *  its name, the communes clicked in/out during an edit. */
export function layers(s: ZonesState = zonesStore.get()) {
  const shown = shownZones(s);
  const out: unknown[] = [];
  const features = shown.map((z) => ({ type: 'Feature' as const, properties: { id: z.id, color: z.color }, geometry: z.geometry }));
  if (s.drawnPolygon) features.push({ type: 'Feature', properties: { id: 'draft', color: [228, 87, 46] }, geometry: s.drawnPolygon });
  if (features.length) {
    const data = { type: 'FeatureCollection', features } as never;
    const colorOf = (f: GeoJSON.Feature) => (f.properties as { color: Rgb }).color;
    out.push(
      new GeoJsonLayer({ id: 'zones-fill', data, filled: true, stroked: false, getFillColor: (f: GeoJSON.Feature) => [...colorOf(f), 28] as [number, number, number, number], updateTriggers: { getFillColor: features.length } }),
      new GeoJsonLayer({ id: 'zones-halo', data, filled: false, stroked: true, getLineColor: [255, 255, 255, 235], lineWidthUnits: 'pixels', getLineWidth: 5.5 }),
      new GeoJsonLayer({ id: 'zones-outline', data, filled: false, stroked: true, getLineColor: (f: GeoJSON.Feature) => [...colorOf(f), 255] as [number, number, number, number], lineWidthUnits: 'pixels', getLineWidth: 2.5 }),
    );
  }
  if (s.edit?.marks.length) {
    const adds = new Set(s.edit.add);
    out.push(
      new ScatterplotLayer<{ code: string; lngLat: [number, number] }>({
        id: 'zones-edit-marks', data: s.edit.marks, getPosition: (m) => m.lngLat, getRadius: 7, radiusUnits: 'pixels',
        getFillColor: (m) => (adds.has(m.code) ? [20, 140, 70, 240] : [200, 40, 40, 240]), stroked: true, getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels', getLineWidth: 2, updateTriggers: { getFillColor: s.edit.add.join() },
      }),
    );
  }
  return out;
}
