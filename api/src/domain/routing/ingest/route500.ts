import proj4 from 'proj4';
import type { RoadClass, RoadWay } from './road-way.js';

/**
 * IGN ROUTE 500 `TRONCON_ROUTE` features (Lambert-93, EPSG:2154; from the shapefile or a GeoJSON
 * export) → RoadWay[] (pure). ROUTE 500 has no vertex ids and its sections are cut at every
 * junction: sections join where their END points coincide (keyed on the Lambert-93 coordinates
 * rounded to 10 cm); interior points get keys of their own, so a bridge crossing a road whose
 * vertices happen to coincide does not become a junction. Fields used (ROUTE 500 v3):
 *
 *   VOCATION   → class and speed (km/h):  Type autoroutier → motorway 120 · Liaison principale → trunk 90
 *                (100 with 2 chaussées or ≥ 3 lanes) · Liaison régionale → primary 75 · Liaison locale →
 *                secondary (CLASS_ADM Départementale) or tertiary, 60 · Bretelle → motorway ramp 50
 *   SENS       → "Double sens" 0 · "Sens unique" / "Sens direct" 1 (along the digitised geometry) ·
 *                "Sens inverse" −1
 *   ACCES      → "Libre", "A péage" open; values saying impossible / interdit / fermé are dropped
 *   NB_VOIES, NB_CHAUSSE → the faster trunk speed above; CLASS_ADM → secondary vs tertiary;
 *   LONGUEUR (km) is not needed: lengths come from the geometry (they agree to < 1 %).
 * ROUTE 500 holds the classified network only (no residential streets), so it suits regional and
 * national drive times, not the last kilometre.
 */
export const LAMBERT_93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

export interface Route500Feature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

const VOCATION: Record<string, { roadClass: RoadClass; speedKmh: number; isRamp?: boolean }> = {
  'type autoroutier': { roadClass: 'motorway', speedKmh: 120 },
  'liaison principale': { roadClass: 'trunk', speedKmh: 90 },
  'liaison régionale': { roadClass: 'primary', speedKmh: 75 },
  'liaison locale': { roadClass: 'tertiary', speedKmh: 60 },
  bretelle: { roadClass: 'motorway', speedKmh: 50, isRamp: true },
};

export function route500Ways(features: Iterable<Route500Feature>): { ways: RoadWay[]; skippedCount: number } {
  const toWgs84 = proj4(LAMBERT_93, 'EPSG:4326');
  const ways: RoadWay[] = [];
  let skippedCount = 0;
  let interiorKey = -1;
  for (const feature of features) {
    const p = feature.properties ?? {};
    const vocation = VOCATION[text(p.VOCATION).toLowerCase()];
    const access = text(p.ACCES).toLowerCase();
    const lines = lineStrings(feature.geometry);
    if (!vocation || /impossible|interdit|ferm/.test(access) || lines.length === 0) {
      skippedCount++;
      continue;
    }
    let { roadClass, speedKmh } = vocation;
    if (roadClass === 'trunk' && (/2 chauss/i.test(text(p.NB_CHAUSSE)) || /^(3|4|plus)/i.test(text(p.NB_VOIES)))) speedKmh = 100;
    if (roadClass === 'tertiary' && /partementale/i.test(text(p.CLASS_ADM))) roadClass = 'secondary';
    const sens = text(p.SENS).toLowerCase();
    const oneway = sens.includes('inverse') ? -1 : sens.includes('unique') || sens.includes('direct') ? 1 : 0;
    for (const line of lines) {
      const vertexKeys: number[] = [];
      const coords: number[] = [];
      for (let i = 0; i < line.length; i++) {
        const [x, y] = line[i];
        const end = i === 0 || i === line.length - 1;
        vertexKeys.push(end ? Math.round(x * 10) * 134_217_728 + Math.round(y * 10) : interiorKey--); // 2^27 > 7.2e7 dm
        const [lon, lat] = toWgs84.forward([x, y]);
        coords.push(lon, lat);
      }
      if (vertexKeys.length < 2) continue;
      ways.push({ vertexKeys, coords, roadClass, speedKmh, oneway, ...(vocation.isRamp ? { isRamp: true } : {}), ...(p.NUM_ROUTE ? { name: text(p.NUM_ROUTE) } : {}) });
    }
  }
  return { ways, skippedCount };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value);
}

function lineStrings(geometry: Route500Feature['geometry']): [number, number][][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates as [number, number][]];
  if (geometry.type === 'MultiLineString') return geometry.coordinates as [number, number][][];
  return [];
}
