import type { ContractionHierarchy } from '../ch/ch.js';
import { ChRouter } from '../ch/ch-query.js';
import { metresPerDegree } from '../geo.js';
import { edgeCoordinates, type RoadGraph } from '../graph/graph.js';
import { chMatrix, type NodeMatrix } from './matrix.js';
import { buildSnapIndex, samePieceDurationMs, snapPoint, type SnapIndex, type SnapOptions, type SnappedPoint } from './snap.js';

export type LonLat = [number, number];

/** A loaded graph with its hierarchy; the snapping index is built on first use. */
export interface RoutingNetwork {
  graph: RoadGraph;
  ch: ContractionHierarchy;
  snapOptions: SnapOptions;
  snapIndex?: SnapIndex;
  router?: ChRouter;
}

export function createRoutingNetwork(graph: RoadGraph, ch: ContractionHierarchy, snapOptions: SnapOptions = {}): RoutingNetwork {
  return { graph, ch, snapOptions };
}

/** Snaps points to the nearest road; null for points beyond the max snap distance or invalid. */
export function snapPoints(network: RoutingNetwork, points: readonly LonLat[]): (SnappedPoint | null)[] {
  network.snapIndex ??= buildSnapIndex(network.graph);
  const index = network.snapIndex;
  return points.map(([lon, lat]) => snapPoint(network.graph, index, lon, lat, network.snapOptions));
}

export interface RouteResult {
  durationSec: number;
  distanceM: number;
  /** Access legs included above (crow-fly × detour at the access speed). */
  accessDurationSec: number;
  /** LineString coordinates from the snapped origin to the snapped destination. */
  geometry: LonLat[];
}

/** Fastest route between two points, or null when either is off the network or unreachable. */
export function routeBetween(network: RoutingNetwork, from: LonLat, to: LonLat): RouteResult | null {
  const [a, b] = snapPoints(network, [from, to]);
  if (!a || !b) return null;
  // The same place is no trip (as in pointMatrix and isochrone membership).
  if (from[0] === to[0] && from[1] === to[1]) return { durationSec: 0, distanceM: 0, accessDurationSec: 0, geometry: [from, to] };
  const { graph } = network;
  network.router ??= new ChRouter(network.ch);
  const path = network.router.path(a.departure, b.arrival);
  const direct = samePieceDurationMs(graph, a, b);
  const accessDurationSec = (a.accessDurationMs + b.accessDurationMs) / 1000;
  if (direct && (!path || direct.durationMs <= path.durationMs)) {
    return { durationSec: direct.durationMs / 1000, distanceM: direct.distanceM, accessDurationSec, geometry: [[a.snappedLon, a.snappedLat], [b.snappedLon, b.snappedLat]] };
  }
  if (!path) return null;
  const geometry: LonLat[] = [[a.snappedLon, a.snappedLat]];
  let distanceM = a.accessDistanceM + b.accessDistanceM;
  // partial first and last pieces: distance from the seeds, geometry drawn from node to node
  const seedIndex = (seeds: SnappedPoint['departure'], node: number) => seeds.nodes.indexOf(node);
  const firstSeed = seedIndex(a.departure, path.sourceNode);
  const lastSeed = seedIndex(b.arrival, path.targetNode);
  distanceM += a.departure.distanceM[firstSeed] - a.accessDistanceM + b.arrival.distanceM[lastSeed] - b.accessDistanceM;
  // along the origin's piece to the first node, the path's edges, then along the destination's piece
  const leaving = partialPiece(graph, a.piece, a.fractionAlong, path.sourceNode === graph.pieceToNode[a.piece]);
  geometry.push(...leaving.slice(1));
  for (const edge of path.edges) {
    distanceM += graph.edgeDistanceM[edge];
    const coords = edgeCoordinates(graph, edge);
    for (let i = 1; i < coords.length; i++) geometry.push(coords[i]);
  }
  const arriving = partialPiece(graph, b.piece, b.fractionAlong, path.targetNode === graph.pieceToNode[b.piece]).reverse();
  geometry.push(...arriving.slice(1, -1), [b.snappedLon, b.snappedLat]);
  return { durationSec: path.durationMs / 1000, distanceM, accessDurationSec, geometry };
}

/** Geometry of a piece from the position at `fraction` (by length) to its last point (toEnd) or its first. */
function partialPiece(graph: RoadGraph, piece: number, fraction: number, toEnd: boolean): LonLat[] {
  const c = graph.geometryCoords;
  const first = graph.pieceFirstCoord[piece];
  const last = graph.pieceFirstCoord[piece + 1] - 1;
  const { mPerDegLon, mPerDegLat } = metresPerDegree(c[2 * first + 1]);
  const lengths: number[] = [];
  let total = 0;
  for (let i = first; i < last; i++) {
    const m = Math.hypot((c[2 * i + 2] - c[2 * i]) * mPerDegLon, (c[2 * i + 3] - c[2 * i + 1]) * mPerDegLat);
    lengths.push(m);
    total += m;
  }
  let remaining = fraction * total;
  let i = first;
  while (i < last - 1 && remaining > lengths[i - first]) {
    remaining -= lengths[i - first];
    i++;
  }
  const point = (k: number): LonLat => [c[2 * k], c[2 * k + 1]];
  const t = lengths[i - first] > 0 ? Math.min(1, remaining / lengths[i - first]) : 0;
  const at: LonLat = [c[2 * i] + t * (c[2 * i + 2] - c[2 * i]), c[2 * i + 1] + t * (c[2 * i + 3] - c[2 * i + 1])];
  const out: LonLat[] = [at];
  if (toEnd) for (let k = i + 1; k <= last; k++) out.push(point(k));
  else for (let k = i; k >= first; k--) out.push(point(k));
  return out;
}

export interface PointMatrix {
  /** [source][target] seconds; null = a point off the network or no route. */
  durationSec: (number | null)[][];
  distanceM: (number | null)[][];
  /** Points that could not be snapped (beyond the max snap distance), by index. */
  unsnappedSources: number[];
  unsnappedTargets: number[];
}

/** Duration/distance matrix between arbitrary points (single thread; see parallelMatrix for big ones). */
export function pointMatrix(
  network: RoutingNetwork,
  sources: readonly LonLat[],
  targets: readonly LonLat[],
  compute: (ch: ContractionHierarchy, s: SnappedPoint['departure'][], t: SnappedPoint['arrival'][]) => NodeMatrix = chMatrix,
): PointMatrix {
  const snappedSources = snapPoints(network, sources);
  const snappedTargets = snapPoints(network, targets);
  const empty = { nodes: [], durationMs: [], distanceM: [] };
  const nodeMatrix = compute(
    network.ch,
    snappedSources.map((p) => p?.departure ?? empty),
    snappedTargets.map((p) => p?.arrival ?? empty),
  );
  return matrixFromNodes(network.graph, nodeMatrix, snappedSources, snappedTargets);
}

/** Node-level matrix → JSON-safe rows, with same-piece shortcuts between points on one street. */
export function matrixFromNodes(
  graph: RoadGraph, m: NodeMatrix, sources: (SnappedPoint | null)[], targets: (SnappedPoint | null)[],
): PointMatrix {
  const targetsByPiece = new Map<number, number[]>();
  targets.forEach((p, j) => {
    if (p) targetsByPiece.set(p.piece, [...(targetsByPiece.get(p.piece) ?? []), j]);
  });
  const durationSec: (number | null)[][] = [];
  const distanceM: (number | null)[][] = [];
  for (let i = 0; i < sources.length; i++) {
    const rowMs = Array.from(m.durationMs.subarray(i * m.targetCount, (i + 1) * m.targetCount));
    const rowM = Array.from(m.distanceM.subarray(i * m.targetCount, (i + 1) * m.targetCount));
    const s = sources[i];
    for (const j of (s && targetsByPiece.get(s.piece)) || []) {
      const t = targets[j]!;
      // The same place is no trip (not two access legs to the road and back): 0 s, 0 m.
      const direct = t.lon === s!.lon && t.lat === s!.lat ? { durationMs: 0, distanceM: 0 } : samePieceDurationMs(graph, s!, t);
      if (direct && direct.durationMs < rowMs[j]) {
        rowMs[j] = direct.durationMs;
        rowM[j] = direct.distanceM;
      }
    }
    durationSec.push(rowMs.map((ms, j) => (Number.isFinite(ms) && s && targets[j] ? ms / 1000 : null)));
    distanceM.push(rowM.map((d, j) => (Number.isFinite(rowMs[j]) && s && targets[j] ? d : null)));
  }
  const unsnapped = (list: (SnappedPoint | null)[]) => list.flatMap((p, i) => (p ? [] : [i]));
  return { durationSec, distanceM, unsnappedSources: unsnapped(sources), unsnappedTargets: unsnapped(targets) };
}
