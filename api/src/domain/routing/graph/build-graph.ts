import { compressChains } from './compress-chains.js';
import type { BuildReport, RoadGraph } from './graph.js';
import { ROAD_CLASSES, type RoadClass, type RoadWay } from '../ingest/road-way.js';
import { stronglyConnectedComponents } from './scc.js';
import { ALONG, AGAINST, splitWays, type RawPieces } from './split-ways.js';

export interface BuildOptions {
  /** Keep only the largest strongly connected component (default true): every kept node reaches every other. */
  keepLargestComponent?: boolean;
  /** Merge degree-2 chains into single edges (default true). */
  compressChains?: boolean;
  /**
   * Also keep every other strongly connected component of at least this many nodes (islands with their own
   * network, e.g. Corsica in a national graph). Default: only the largest.
   */
  minComponentNodes?: number;
}

/**
 * RoadWay[] → car graph: split at shared vertices, keep the largest strongly connected component,
 * compress degree-2 chains (geometry kept per piece for drawing and snapping), CSR arrays.
 */
export function buildRoadGraph(ways: readonly RoadWay[], options: BuildOptions = {}): { graph: RoadGraph; report: BuildReport } {
  const raw = splitWays(ways);
  const pieceCount = raw.from.length;
  const { componentOf, componentCount } = pieceComponents(raw);
  const sizes = new Int32Array(Math.max(componentCount, 1));
  for (let v = 0; v < raw.nodeCount; v++) sizes[componentOf[v]]++;
  let largest = 0;
  for (let c = 1; c < componentCount; c++) if (sizes[c] > sizes[largest]) largest = c;
  const keepAll = options.keepLargestComponent === false;
  const keepPiece = new Uint8Array(pieceCount);
  let droppedKm = 0;
  for (let p = 0; p < pieceCount; p++) {
    const cf = componentOf[raw.from[p]];
    const kept = keepAll || (cf === componentOf[raw.to[p]] && (cf === largest || (options.minComponentNodes !== undefined && sizes[cf] >= options.minComponentNodes)));
    keepPiece[p] = kept ? 1 : 0;
    if (!kept) droppedKm += raw.lengthM[p] / 1000;
  }
  let keptNodeCount = keepAll ? raw.nodeCount : sizes[largest] ?? 0;
  let keptComponentCount = keepAll ? componentCount : Math.min(1, componentCount);
  if (!keepAll && options.minComponentNodes !== undefined) {
    keptNodeCount = 0;
    keptComponentCount = 0;
    for (let c = 0; c < componentCount; c++) {
      if (c === largest || sizes[c] >= options.minComponentNodes) {
        keptNodeCount += sizes[c];
        keptComponentCount++;
      }
    }
  }
  const compressed = options.compressChains === false
    ? { pieces: subsetPieces(raw, keepPiece), compressedNodeCount: 0 }
    : compressChains(raw, keepPiece);
  const graph = toCsr(compressed.pieces);
  const kmByClass: Partial<Record<RoadClass, number>> = {};
  let keptKm = 0;
  for (let p = 0; p < compressed.pieces.from.length; p++) {
    const km = compressed.pieces.lengthM[p] / 1000;
    const roadClass = ROAD_CLASSES[compressed.pieces.classIndex[p]];
    kmByClass[roadClass] = (kmByClass[roadClass] ?? 0) + km;
    keptKm += km;
  }
  const report: BuildReport = {
    inputWayCount: ways.length,
    inputVertexCount: raw.inputVertexCount,
    junctionCount: raw.nodeCount,
    componentCount,
    keptNodeCount,
    droppedComponentCount: componentCount - keptComponentCount,
    droppedNodeCount: raw.nodeCount - keptNodeCount,
    droppedKm: round3(droppedKm),
    keptKm: round3(keptKm),
    largestComponentShareRatio: raw.nodeCount === 0 ? 0 : keptNodeCount / raw.nodeCount,
    compressedNodeCount: compressed.compressedNodeCount,
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
    pieceCount: graph.pieceCount,
    kmByClass: Object.fromEntries(Object.entries(kmByClass).map(([k, v]) => [k, round3(v)])),
  };
  return { graph, report };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function pieceComponents(raw: RawPieces) {
  const n = raw.nodeCount;
  const firstOut = new Int32Array(n + 1);
  const pieceCount = raw.from.length;
  for (let p = 0; p < pieceCount; p++) {
    if (raw.directions[p] & ALONG) firstOut[raw.from[p] + 1]++;
    if (raw.directions[p] & AGAINST) firstOut[raw.to[p] + 1]++;
  }
  for (let v = 0; v < n; v++) firstOut[v + 1] += firstOut[v];
  const fill = firstOut.slice(0, n);
  const target = new Int32Array(firstOut[n]);
  for (let p = 0; p < pieceCount; p++) {
    if (raw.directions[p] & ALONG) target[fill[raw.from[p]]++] = raw.to[p];
    if (raw.directions[p] & AGAINST) target[fill[raw.to[p]]++] = raw.from[p];
  }
  return stronglyConnectedComponents(n, firstOut, target);
}

/** Kept pieces without chain compression (nodes renumbered to those still used). */
function subsetPieces(raw: RawPieces, keepPiece: Uint8Array): RawPieces {
  const newId = new Int32Array(raw.nodeCount).fill(-1);
  const out: RawPieces = { ...raw, nodeCount: 0, nodeLon: [], nodeLat: [], from: [], to: [], coordStart: [], coordEnd: [], lengthM: [], speedKmh: [], classIndex: [], directions: [] };
  const id = (v: number) => {
    if (newId[v] === -1) {
      newId[v] = out.nodeCount++;
      out.nodeLon.push(raw.nodeLon[v]);
      out.nodeLat.push(raw.nodeLat[v]);
    }
    return newId[v];
  };
  for (let p = 0; p < raw.from.length; p++) {
    if (!keepPiece[p]) continue;
    out.from.push(id(raw.from[p]));
    out.to.push(id(raw.to[p]));
    out.coordStart.push(raw.coordStart[p]);
    out.coordEnd.push(raw.coordEnd[p]);
    out.lengthM.push(raw.lengthM[p]);
    out.speedKmh.push(raw.speedKmh[p]);
    out.classIndex.push(raw.classIndex[p]);
    out.directions.push(raw.directions[p]);
  }
  return out;
}

/** Pieces → CSR graph with one directed edge per allowed direction of each piece. */
function toCsr(pieces: RawPieces): RoadGraph {
  const n = pieces.nodeCount;
  const pieceCount = pieces.from.length;
  const firstOut = new Uint32Array(n + 1);
  for (let p = 0; p < pieceCount; p++) {
    if (pieces.directions[p] & ALONG) firstOut[pieces.from[p] + 1]++;
    if (pieces.directions[p] & AGAINST) firstOut[pieces.to[p] + 1]++;
  }
  for (let v = 0; v < n; v++) firstOut[v + 1] += firstOut[v];
  const edgeCount = firstOut[n];
  const fill = firstOut.slice(0, n);
  const edgeTarget = new Uint32Array(edgeCount);
  const edgeDurationMs = new Uint32Array(edgeCount);
  const edgeDistanceM = new Float32Array(edgeCount);
  const edgePiece = new Uint32Array(edgeCount);
  const pieceForwardEdge = new Int32Array(pieceCount).fill(-1);
  const pieceBackwardEdge = new Int32Array(pieceCount).fill(-1);
  let coordCount = 0;
  for (let p = 0; p < pieceCount; p++) coordCount += pieces.coordEnd[p] - pieces.coordStart[p];
  const pieceFirstCoord = new Uint32Array(pieceCount + 1);
  const geometryCoords = new Float32Array(2 * coordCount);
  let c = 0;
  for (let p = 0; p < pieceCount; p++) {
    pieceFirstCoord[p] = c;
    for (let i = pieces.coordStart[p]; i < pieces.coordEnd[p]; i++, c++) {
      geometryCoords[2 * c] = pieces.coords[2 * i];
      geometryCoords[2 * c + 1] = pieces.coords[2 * i + 1];
    }
    const durationMs = Math.round((pieces.lengthM[p] / (pieces.speedKmh[p] / 3.6)) * 1000);
    const add = (from: number, to: number, reversed: number) => {
      const e = fill[from]++;
      edgeTarget[e] = to;
      edgeDurationMs[e] = durationMs;
      edgeDistanceM[e] = pieces.lengthM[p];
      edgePiece[e] = p * 2 + reversed;
      return e;
    };
    if (pieces.directions[p] & ALONG) pieceForwardEdge[p] = add(pieces.from[p], pieces.to[p], 0);
    if (pieces.directions[p] & AGAINST) pieceBackwardEdge[p] = add(pieces.to[p], pieces.from[p], 1);
  }
  pieceFirstCoord[pieceCount] = c;
  return {
    nodeCount: n, edgeCount, pieceCount,
    nodeLon: Float64Array.from(pieces.nodeLon), nodeLat: Float64Array.from(pieces.nodeLat),
    firstOut, edgeTarget, edgeDurationMs, edgeDistanceM, edgePiece,
    pieceFirstCoord, geometryCoords, pieceForwardEdge, pieceBackwardEdge,
    pieceFromNode: Uint32Array.from(pieces.from), pieceToNode: Uint32Array.from(pieces.to),
    pieceRoadClass: Uint8Array.from(pieces.classIndex),
  };
}
