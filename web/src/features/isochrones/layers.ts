import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { IsochroneResult } from '../../api/client';
import { BAND_COLORS } from '../../lib/palette';

/** Isochrone bands (largest first so smaller ones draw on top) and the origin marker. */
export function isochroneLayers(result: IsochroneResult | null) {
  if (!result) return [];
  const features = [...result.polygons.features].sort((a, b) => b.properties.breakSec - a.properties.breakSec);
  const order = [...result.polygons.features].map((f) => f.properties.breakSec).sort((a, b) => a - b);
  return [
    new GeoJsonLayer({
      id: 'isochrone-bands',
      data: { type: 'FeatureCollection', features } as never,
      filled: true,
      stroked: true,
      getFillColor: (f: { properties: { breakSec: number } }) => [...BAND_COLORS[order.indexOf(f.properties.breakSec) % BAND_COLORS.length], 120] as [number, number, number, number],
      getLineColor: (f: { properties: { breakSec: number } }) => [...BAND_COLORS[order.indexOf(f.properties.breakSec) % BAND_COLORS.length], 230] as [number, number, number, number],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: false,
    }),
    // Hospital sites inside, coloured by the smallest band they fall in (their own drive time).
    new ScatterplotLayer({
      id: 'isochrone-health-sites',
      data: result.healthSites,
      getPosition: (d: { lon: number; lat: number }) => [d.lon, d.lat],
      getRadius: 5,
      radiusUnits: 'pixels',
      getFillColor: (d: { durationSec: number }) => [...BAND_COLORS[Math.max(0, order.findIndex((b) => d.durationSec <= b)) % BAND_COLORS.length], 255] as [number, number, number, number],
      getLineColor: [40, 20, 60, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new ScatterplotLayer({
      id: 'isochrone-origin',
      data: [result.origin],
      getPosition: (d: { snappedLon: number; snappedLat: number }) => [d.snappedLon, d.snappedLat],
      getRadius: 7,
      radiusUnits: 'pixels',
      getFillColor: [228, 87, 46, 255],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}
