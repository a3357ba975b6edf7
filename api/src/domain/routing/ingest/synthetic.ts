import { seededRandom } from '../../common/random.js';
import type { RoadClass, RoadWay } from './road-way.js';

/**
 * A road-like synthetic network of about `nodeCount` junctions (SYNTHETIC, for scaling benchmarks
 * and tests only): a jittered grid with ~400 m spacing, 12 % of local links missing, 10 % one-way,
 * every 8th line a secondary road (70 km/h), every 32nd a primary (90 km/h), every 128th a
 * motorway (130 km/h, one one-way carriageway per direction beside a local road, ramps every ~10 km), local
 * roads 30–50 km/h; each link has one intermediate shape point, so chain compression has work.
 */
export function syntheticRoadWays(nodeCount: number, seed = 1): RoadWay[] {
  const side = Math.max(2, Math.round(Math.sqrt(nodeCount)));
  const random = seededRandom(seed);
  const spacingDeg = 0.0045;
  const lon0 = -1.5;
  const lat0 = 47;
  const key = (x: number, y: number) => y * side + x;
  const lonOf = new Float64Array(side * side);
  const latOf = new Float64Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      lonOf[key(x, y)] = lon0 + (x + (random() - 0.5) * 0.6) * spacingDeg * 1.46;
      latOf[key(x, y)] = lat0 + (y + (random() - 0.5) * 0.6) * spacingDeg;
    }
  }
  const ways: RoadWay[] = [];
  const shapeKeyBase = side * side;
  let shapeKey = shapeKeyBase;
  const motorwayKey = (node: number, dir: number) => 4 * shapeKeyBase + node * 2 + (dir === 1 ? 0 : 1);
  const lineClass = (i: number): RoadClass =>
    i % 128 === 64 ? 'motorway' : i % 32 === 16 ? 'primary' : i % 8 === 4 ? 'secondary' : 'residential';
  const speedOf: Record<string, number> = { motorway: 130, primary: 90, secondary: 70 };
  const link = (a: number, b: number, roadClass: RoadClass, along: number) => {
    if (roadClass === 'motorway') {
      // two one-way carriageways beside the local road, joined to it by ramps every 16 links
      for (const dir of [1, -1] as const) {
        ways.push({
          vertexKeys: [motorwayKey(a, dir), motorwayKey(b, dir)], coords: [lonOf[a], latOf[a], lonOf[b], latOf[b]],
          roadClass, speedKmh: 130, oneway: dir,
        });
        if (along % 16 === 0) {
          ways.push({
            vertexKeys: [a, motorwayKey(a, dir)], coords: [lonOf[a], latOf[a], lonOf[a], latOf[a] + 0.0003 * dir],
            roadClass, speedKmh: 50, oneway: 0, isRamp: true,
          });
        }
      }
      roadClass = 'residential';
    }
    const local = roadClass === 'residential';
    if (local && random() < 0.12) return;
    const oneway = local && random() < 0.1 ? (random() < 0.5 ? 1 : -1) : 0;
    const speedKmh = local ? 30 + Math.floor(random() * 3) * 10 : speedOf[roadClass];
    const midLon = (lonOf[a] + lonOf[b]) / 2 + (random() - 0.5) * 0.0004;
    const midLat = (latOf[a] + latOf[b]) / 2 + (random() - 0.5) * 0.0004;
    ways.push({
      vertexKeys: [a, shapeKey++, b], coords: [lonOf[a], latOf[a], midLon, midLat, lonOf[b], latOf[b]],
      roadClass, speedKmh, oneway,
    });
  };
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (x + 1 < side) link(key(x, y), key(x + 1, y), lineClass(y), x);
      if (y + 1 < side) link(key(x, y), key(x, y + 1), lineClass(x), y);
    }
  }
  return ways;
}
