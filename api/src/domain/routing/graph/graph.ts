import type { RoadClass } from '../ingest/road-way.js';

/**
 * A car road graph in compressed sparse row form. Nodes are junctions (degree-2 chains are
 * compressed away); each directed edge follows one "piece" of road geometry, forwards or backwards.
 *
 * Durations are integers in milliseconds so that every sum is exact in float64: contraction
 * hierarchies and plain Dijkstra then agree to the millisecond, whatever the addition order.
 */
export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  pieceCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /** Out-edges of node v are edges firstOut[v] … firstOut[v + 1] - 1 (length nodeCount + 1). */
  firstOut: Uint32Array;
  edgeTarget: Uint32Array;
  edgeDurationMs: Uint32Array;
  edgeDistanceM: Float32Array;
  /** piece * 2 + (1 when the edge runs against the piece's geometry). */
  edgePiece: Uint32Array;
  /** Geometry of piece p: geometryCoords[2 * pieceFirstCoord[p] … 2 * pieceFirstCoord[p + 1]), lon,lat interleaved. */
  pieceFirstCoord: Uint32Array;
  geometryCoords: Float32Array;
  /** Edge along the piece's geometry, or -1; edge against it, or -1. */
  pieceForwardEdge: Int32Array;
  pieceBackwardEdge: Int32Array;
  pieceFromNode: Uint32Array;
  pieceToNode: Uint32Array;
  /** Index into ROAD_CLASSES. */
  pieceRoadClass: Uint8Array;
}

/** What the builder kept and dropped (largest strongly connected component only). */
export interface BuildReport {
  inputWayCount: number;
  inputVertexCount: number;
  /** Junction nodes before keeping the largest SCC and before chain compression. */
  junctionCount: number;
  componentCount: number;
  keptNodeCount: number;
  droppedComponentCount: number;
  droppedNodeCount: number;
  droppedKm: number;
  keptKm: number;
  /** Share of junction nodes in the largest strongly connected component (0–1). */
  largestComponentShareRatio: number;
  /** Nodes removed by degree-2 chain compression. */
  compressedNodeCount: number;
  nodeCount: number;
  edgeCount: number;
  pieceCount: number;
  kmByClass: Partial<Record<RoadClass, number>>;
}

export function edgeOrigin(graph: RoadGraph, edge: number): number {
  const piece = graph.edgePiece[edge] >>> 1;
  return graph.edgePiece[edge] & 1 ? graph.pieceToNode[piece] : graph.pieceFromNode[piece];
}

/** Coordinates of an edge in travel order as [lon, lat] pairs. */
export function edgeCoordinates(graph: RoadGraph, edge: number): [number, number][] {
  const piece = graph.edgePiece[edge] >>> 1;
  const reversed = (graph.edgePiece[edge] & 1) === 1;
  const from = graph.pieceFirstCoord[piece];
  const to = graph.pieceFirstCoord[piece + 1];
  const out: [number, number][] = [];
  for (let i = from; i < to; i++) out.push([graph.geometryCoords[2 * i], graph.geometryCoords[2 * i + 1]]);
  return reversed ? out.reverse() : out;
}

/** Transposed adjacency (in-edges per node), built on demand for backward searches. */
export interface ReverseAdjacency {
  firstIn: Uint32Array;
  inSource: Uint32Array;
  inEdge: Uint32Array;
}

export function reverseAdjacency(graph: RoadGraph): ReverseAdjacency {
  const n = graph.nodeCount;
  const firstIn = new Uint32Array(n + 1);
  for (let e = 0; e < graph.edgeCount; e++) firstIn[graph.edgeTarget[e] + 1]++;
  for (let v = 0; v < n; v++) firstIn[v + 1] += firstIn[v];
  const fill = firstIn.slice(0, n);
  const inSource = new Uint32Array(graph.edgeCount);
  const inEdge = new Uint32Array(graph.edgeCount);
  for (let u = 0; u < n; u++) {
    for (let e = graph.firstOut[u]; e < graph.firstOut[u + 1]; e++) {
      const slot = fill[graph.edgeTarget[e]]++;
      inSource[slot] = u;
      inEdge[slot] = e;
    }
  }
  return { firstIn, inSource, inEdge };
}
