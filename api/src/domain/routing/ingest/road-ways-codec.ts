import { ROAD_CLASSES, type RoadWay } from './road-way.js';

/**
 * Compact JSON form of RoadWay[] for committed fixtures and caches: vertex keys and coordinates
 * (1e-6 degree, ~0.1 m) delta-encoded as integers, classes as indices. Gzip it: ~6 bytes a vertex.
 */
export interface EncodedRoadWays {
  format: 'maillage-road-ways/1';
  meta: Record<string, unknown>;
  /** Per way: class index, speed km/h, oneway, ramp 0/1, vertex count. */
  ways: number[];
  keys: number[];
  coords: number[];
  names: (string | null)[];
}

export function encodeRoadWays(ways: readonly RoadWay[], meta: Record<string, unknown> = {}, keepNames = true): EncodedRoadWays {
  const out: EncodedRoadWays = { format: 'maillage-road-ways/1', meta, ways: [], keys: [], coords: [], names: [] };
  let lastKey = 0, lastLon = 0, lastLat = 0;
  for (const way of ways) {
    out.ways.push(ROAD_CLASSES.indexOf(way.roadClass), Math.round(way.speedKmh * 100) / 100, way.oneway, way.isRamp ? 1 : 0, way.vertexKeys.length);
    for (let i = 0; i < way.vertexKeys.length; i++) {
      out.keys.push(way.vertexKeys[i] - lastKey);
      lastKey = way.vertexKeys[i];
      const lon = Math.round(way.coords[2 * i] * 1e6), lat = Math.round(way.coords[2 * i + 1] * 1e6);
      out.coords.push(lon - lastLon, lat - lastLat);
      lastLon = lon;
      lastLat = lat;
    }
    out.names.push(keepNames ? way.name ?? null : null);
  }
  return out;
}

export function decodeRoadWays(encoded: EncodedRoadWays): RoadWay[] {
  if (encoded.format !== 'maillage-road-ways/1') throw new Error(`unknown road-ways format ${String(encoded.format)}`);
  const ways: RoadWay[] = [];
  let key = 0, lon = 0, lat = 0, v = 0;
  for (let w = 0; w < encoded.ways.length / 5; w++) {
    const [classIndex, speedKmh, oneway, ramp, count] = encoded.ways.slice(5 * w, 5 * w + 5);
    const vertexKeys: number[] = [];
    const coords: number[] = [];
    for (let i = 0; i < count; i++, v++) {
      key += encoded.keys[v];
      lon += encoded.coords[2 * v];
      lat += encoded.coords[2 * v + 1];
      vertexKeys.push(key);
      coords.push(lon / 1e6, lat / 1e6);
    }
    const name = encoded.names[w];
    ways.push({
      vertexKeys, coords, roadClass: ROAD_CLASSES[classIndex], speedKmh, oneway: oneway as 0 | 1 | -1,
      ...(ramp ? { isRamp: true } : {}), ...(name ? { name } : {}),
    });
  }
  return ways;
}
