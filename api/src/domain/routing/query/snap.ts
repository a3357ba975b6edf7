import Flatbush from 'flatbush';
import type { NodeSeeds } from '../ch/ch-query.js';
import { metresPerDegree } from '../geo.js';
import type { RoadGraph } from '../graph/graph.js';

/**
 * Access leg between an arbitrary point and the road: crow-fly distance × 1.3 (detour factor)
 * at 15 km/h (walking to the car, parking, slow local access). A point farther than
 * maxSnapDistanceM (default 1 km) from every road of the graph is unreachable: null, never a guess.
 */
export interface SnapOptions {
  maxSnapDistanceM?: number;
  accessSpeedKmh?: number;
  accessDetourFactor?: number;
}

export const DEFAULT_SNAP: Required<SnapOptions> = { maxSnapDistanceM: 1000, accessSpeedKmh: 15, accessDetourFactor: 1.3 };

export interface SnappedPoint {
  lon: number;
  lat: number;
  snappedLon: number;
  snappedLat: number;
  snapDistanceM: number;
  accessDurationMs: number;
  /** Access leg length counted in distances: snapDistanceM × detour factor. */
  accessDistanceM: number;
  piece: number;
  /** Position along the piece's geometry, 0 at its first point, 1 at its last (by length). */
  fractionAlong: number;
  /** Seeds to leave the point (forward searches) and to arrive at it (backward searches). */
  departure: NodeSeeds;
  arrival: NodeSeeds;
}

/** Spatial index over every geometry segment of the graph (Flatbush, equirectangular x = lon·cos φ0). */
export interface SnapIndex {
  index: Flatbush;
  segmentStart: Uint32Array;
  segmentPiece: Uint32Array;
  xScale: number;
}

export function buildSnapIndex(graph: RoadGraph): SnapIndex {
  const segmentCount = graph.pieceFirstCoord[graph.pieceCount] - graph.pieceCount;
  const segmentStart = new Uint32Array(segmentCount);
  const segmentPiece = new Uint32Array(segmentCount);
  let meanLat = 0;
  for (let v = 0; v < graph.nodeCount; v++) meanLat += graph.nodeLat[v] / graph.nodeCount;
  const xScale = Math.cos((meanLat * Math.PI) / 180);
  const index = new Flatbush(Math.max(1, segmentCount), 16, Float32Array);
  const c = graph.geometryCoords;
  let s = 0;
  for (let p = 0; p < graph.pieceCount; p++) {
    for (let i = graph.pieceFirstCoord[p]; i < graph.pieceFirstCoord[p + 1] - 1; i++, s++) {
      segmentStart[s] = i;
      segmentPiece[s] = p;
      const x1 = c[2 * i] * xScale, y1 = c[2 * i + 1], x2 = c[2 * i + 2] * xScale, y2 = c[2 * i + 3];
      index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }
  }
  if (segmentCount === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { index, segmentStart, segmentPiece, xScale };
}

/** Nearest road segment of the graph to [lon, lat], or null beyond maxSnapDistanceM (or for invalid input). */
export function snapPoint(graph: RoadGraph, snapIndex: SnapIndex, lon: number, lat: number, options: SnapOptions = {}): SnappedPoint | null {
  const { maxSnapDistanceM, accessSpeedKmh, accessDetourFactor } = { ...DEFAULT_SNAP, ...options };
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || graph.pieceCount === 0) return null;
  const { mPerDegLon, mPerDegLat } = metresPerDegree(lat);
  // box distances are in degrees of latitude on the scaled axis; widen the bound for the scale error
  const maxDeg = (maxSnapDistanceM / mPerDegLat) * 1.5;
  const candidates = snapIndex.index.neighbors(lon * snapIndex.xScale, lat, 64, maxDeg);
  const c = graph.geometryCoords;
  let best = Infinity, bestSegment = -1, bestT = 0;
  for (const s of candidates) {
    const i = snapIndex.segmentStart[s];
    const ax = (c[2 * i] - lon) * mPerDegLon, ay = (c[2 * i + 1] - lat) * mPerDegLat;
    const bx = (c[2 * i + 2] - lon) * mPerDegLon, by = (c[2 * i + 3] - lat) * mPerDegLat;
    const dx = bx - ax, dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
    const distanceM = Math.hypot(ax + t * dx, ay + t * dy);
    if (distanceM < best) {
      best = distanceM;
      bestSegment = s;
      bestT = t;
    }
  }
  if (bestSegment === -1 || best > maxSnapDistanceM) return null;
  const piece = snapIndex.segmentPiece[bestSegment];
  const start = snapIndex.segmentStart[bestSegment];
  const snappedLon = c[2 * start] + bestT * (c[2 * start + 2] - c[2 * start]);
  const snappedLat = c[2 * start + 1] + bestT * (c[2 * start + 3] - c[2 * start + 1]);
  const fractionAlong = fractionAlongPiece(graph, piece, start, bestT, mPerDegLon, mPerDegLat);
  const accessDurationMs = Math.round(((best * accessDetourFactor) / (accessSpeedKmh / 3.6)) * 1000);
  const accessDistanceM = best * accessDetourFactor;
  return {
    lon, lat, snappedLon, snappedLat, snapDistanceM: best, accessDurationMs, accessDistanceM, piece, fractionAlong,
    ...pieceSeeds(graph, piece, fractionAlong, accessDurationMs, accessDistanceM),
  };
}

function fractionAlongPiece(graph: RoadGraph, piece: number, start: number, t: number, mx: number, my: number): number {
  const c = graph.geometryCoords;
  let before = 0, total = 0;
  for (let i = graph.pieceFirstCoord[piece]; i < graph.pieceFirstCoord[piece + 1] - 1; i++) {
    const segmentM = Math.hypot((c[2 * i + 2] - c[2 * i]) * mx, (c[2 * i + 3] - c[2 * i + 1]) * my);
    if (i < start) before += segmentM;
    if (i === start) before += t * segmentM;
    total += segmentM;
  }
  return total === 0 ? 0 : before / total;
}

/** Departure and arrival seeds of a position on a piece, including the access leg. */
export function pieceSeeds(graph: RoadGraph, piece: number, f: number, accessMs: number, accessM: number): { departure: NodeSeeds; arrival: NodeSeeds } {
  const departure: NodeSeeds = { nodes: [], durationMs: [], distanceM: [] };
  const arrival: NodeSeeds = { nodes: [], durationMs: [], distanceM: [] };
  const forward = graph.pieceForwardEdge[piece];
  const backward = graph.pieceBackwardEdge[piece];
  const push = (seeds: NodeSeeds, node: number, edge: number, share: number) => {
    seeds.nodes.push(node);
    seeds.durationMs.push(accessMs + Math.round(share * graph.edgeDurationMs[edge]));
    seeds.distanceM.push(accessM + share * graph.edgeDistanceM[edge]);
  };
  if (forward !== -1) {
    push(departure, graph.pieceToNode[piece], forward, 1 - f);
    push(arrival, graph.pieceFromNode[piece], forward, f);
  }
  if (backward !== -1) {
    push(departure, graph.pieceFromNode[piece], backward, f);
    push(arrival, graph.pieceToNode[piece], backward, 1 - f);
  }
  return { departure, arrival };
}

/**
 * Direct trip between two snapped points on the same piece without reaching a node (e.g. two
 * customers on one street), or null when the piece's direction forbids it.
 */
export function samePieceDurationMs(graph: RoadGraph, from: SnappedPoint, to: SnappedPoint): { durationMs: number; distanceM: number } | null {
  if (from.piece !== to.piece) return null;
  const f = to.fractionAlong - from.fractionAlong;
  const edge = f >= 0 ? graph.pieceForwardEdge[from.piece] : graph.pieceBackwardEdge[from.piece];
  if (edge === -1) return null;
  return {
    durationMs: from.accessDurationMs + to.accessDurationMs + Math.round(Math.abs(f) * graph.edgeDurationMs[edge]),
    distanceM: from.accessDistanceM + to.accessDistanceM + Math.abs(f) * graph.edgeDistanceM[edge],
  };
}
