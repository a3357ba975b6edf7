import type { RoadGraph } from './graph.js';
import { metresPerDegree, polylineLengthM } from '../geo.js';
import { encodeRoadWays, decodeRoadWays, type EncodedRoadWays } from '../ingest/road-ways-codec.js';
import { ROAD_CLASSES, type RoadWay } from '../ingest/road-way.js';

/**
 * A built graph as compact road ways, for committing a national network under the data budget:
 * one way per piece (junction to junction), its interior geometry simplified (Douglas–Peucker, in metres),
 * and a speed chosen so that the rebuilt duration equals the original one exactly. Rebuilding with
 * buildRoadGraph gives back the same junctions, edges and durations (distances follow the simplified line).
 */
export function graphToCompactWays(graph: RoadGraph, toleranceM: number): RoadWay[] {
  const ways: RoadWay[] = [];
  let interiorKey = graph.nodeCount;
  for (let p = 0; p < graph.pieceCount; p++) {
    const fwd = graph.pieceForwardEdge[p];
    const bwd = graph.pieceBackwardEdge[p];
    if (fwd < 0 && bwd < 0) continue;
    const first = graph.pieceFirstCoord[p];
    const last = graph.pieceFirstCoord[p + 1];
    const coords = Array.from(graph.geometryCoords.subarray(2 * first, 2 * last));
    const simplified = simplifyLine(coords, toleranceM);
    const n = simplified.length / 2;
    const vertexKeys = [graph.pieceFromNode[p]];
    for (let i = 1; i < n - 1; i++) vertexKeys.push(interiorKey++);
    vertexKeys.push(graph.pieceToNode[p]);
    // Endpoints exactly on the junction nodes, so the rebuilt graph joins where the original did.
    simplified[0] = graph.nodeLon[graph.pieceFromNode[p]];
    simplified[1] = graph.nodeLat[graph.pieceFromNode[p]];
    simplified[2 * n - 2] = graph.nodeLon[graph.pieceToNode[p]];
    simplified[2 * n - 1] = graph.nodeLat[graph.pieceToNode[p]];
    const edge = fwd >= 0 ? fwd : bwd;
    const lengthM = polylineLengthM(simplified);
    const durationSec = graph.edgeDurationMs[edge] / 1000;
    ways.push({
      vertexKeys,
      coords: simplified,
      roadClass: ROAD_CLASSES[graph.pieceRoadClass[p]],
      speedKmh: durationSec > 0 && lengthM > 0 ? (lengthM / durationSec) * 3.6 : 50,
      oneway: fwd >= 0 && bwd >= 0 ? 0 : fwd >= 0 ? 1 : -1,
    });
  }
  return ways;
}

export function encodeCompactNetwork(ways: RoadWay[], meta: Record<string, unknown>): EncodedRoadWays {
  return encodeRoadWays(ways, meta, false);
}

export function decodeCompactNetwork(encoded: EncodedRoadWays): RoadWay[] {
  return decodeRoadWays(encoded);
}

/** Douglas–Peucker on lon,lat interleaved coordinates with a tolerance in metres (local equirectangular). */
export function simplifyLine(coords: number[], toleranceM: number): number[] {
  const n = coords.length / 2;
  if (n <= 2 || toleranceM <= 0) return coords.slice();
  const { mPerDegLon, mPerDegLat } = metresPerDegree(coords[1]);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const tol2 = toleranceM * toleranceM;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = coords[2 * a] * mPerDegLon, ay = coords[2 * a + 1] * mPerDegLat;
    const bx = coords[2 * b] * mPerDegLon, by = coords[2 * b + 1] * mPerDegLat;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1, worstD2 = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = coords[2 * i] * mPerDegLon - ax, py = coords[2 * i + 1] * mPerDegLat - ay;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx, ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(coords[2 * i], coords[2 * i + 1]);
  return out;
}
