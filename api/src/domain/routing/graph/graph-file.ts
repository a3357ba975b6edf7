import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import type { ContractionHierarchy } from '../ch/ch.js';
import type { BuildReport, RoadGraph } from './graph.js';

/**
 * Graph file (one file: graph + optional contraction hierarchy), little-endian:
 *   bytes 0–7   magic "MLRGRAPH"
 *   bytes 8–11  format version (uint32, currently 1)
 *   bytes 12–15 header length H (uint32)
 *   bytes 16…   header JSON (UTF-8): { meta, arrays: [{ name, type, byteOffset, length }] }
 *   then each typed array at its byteOffset (8-byte aligned), raw little-endian values.
 * Loading maps typed-array views onto one buffer read from disk: no parsing, no per-element copy.
 */
export const GRAPH_FILE_MAGIC = 'MLRGRAPH';
export const GRAPH_FILE_VERSION = 1;

export interface GraphFileMeta {
  /** Where the network came from, e.g. "OpenStreetMap monaco.osm.pbf" or "OpenMapTiles z14 France". */
  source: string;
  /** Date of the source data (ISO date), when known. */
  sourceDate?: string;
  licence?: string;
  attribution?: string;
  /** Profile and options used (e.g. "car", classes kept). */
  profile?: string;
  createdAt?: string;
  /** [minLon, minLat, maxLon, maxLat] of the nodes (filled in when written). */
  bbox?: [number, number, number, number];
  nodeCount?: number;
  edgeCount?: number;
  report?: BuildReport;
  [key: string]: unknown;
}

export interface GraphFile {
  meta: GraphFileMeta;
  graph: RoadGraph;
  ch: ContractionHierarchy | null;
}

type TypedArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array;
const CONSTRUCTORS = { Float64Array, Float32Array, Uint32Array, Int32Array, Uint8Array } as const;
type TypeName = keyof typeof CONSTRUCTORS;

const GRAPH_ARRAYS = [
  'nodeLon', 'nodeLat', 'firstOut', 'edgeTarget', 'edgeDurationMs', 'edgeDistanceM', 'edgePiece', 'pieceFirstCoord',
  'geometryCoords', 'pieceForwardEdge', 'pieceBackwardEdge', 'pieceFromNode', 'pieceToNode', 'pieceRoadClass',
] as const;
const CH_ARRAYS = [
  'rankOfNode', 'nodeOfRank', 'upFirst', 'upTarget', 'upDurationMs', 'upDistanceM', 'upMiddle',
  'downFirst', 'downSource', 'downDurationMs', 'downDistanceM', 'downMiddle',
] as const;

function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('graph files are little-endian; this machine is big-endian');
}

/** Graph (+ hierarchy) → buffers to write one after the other. */
export function serializeGraph(graph: RoadGraph, ch: ContractionHierarchy | null, meta: GraphFileMeta): Uint8Array[] {
  assertLittleEndian();
  const arrays: [string, TypedArray][] = GRAPH_ARRAYS.map((name) => [`graph.${name}`, graph[name]]);
  if (ch) for (const name of CH_ARRAYS) arrays.push([`ch.${name}`, ch[name]]);
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    minLon = Math.min(minLon, graph.nodeLon[v]);
    maxLon = Math.max(maxLon, graph.nodeLon[v]);
    minLat = Math.min(minLat, graph.nodeLat[v]);
    maxLat = Math.max(maxLat, graph.nodeLat[v]);
  }
  const fullMeta: GraphFileMeta = {
    createdAt: new Date().toISOString(),
    ...meta,
    bbox: graph.nodeCount > 0 ? [minLon, minLat, maxLon, maxLat] : undefined,
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
  };
  // offsets depend on the header length, which depends on the offsets: lay out with a fixed pad
  const layout = (headerBytes: number) => {
    let offset = align8(16 + headerBytes);
    return arrays.map(([name, array]) => {
      const entry = { name, type: array.constructor.name as TypeName, byteOffset: offset, length: array.length };
      offset = align8(offset + array.byteLength);
      return entry;
    });
  };
  let headerBytes = 0;
  let header = new Uint8Array();
  for (let attempt = 0; attempt < 4; attempt++) {
    header = new TextEncoder().encode(JSON.stringify({ meta: fullMeta, arrays: layout(headerBytes), counts: { nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, pieceCount: graph.pieceCount } }));
    if (header.length === headerBytes) break;
    headerBytes = header.length;
  }
  const prefix = new Uint8Array(align8(16 + header.length));
  prefix.set(new TextEncoder().encode(GRAPH_FILE_MAGIC), 0);
  const view = new DataView(prefix.buffer);
  view.setUint32(8, GRAPH_FILE_VERSION, true);
  view.setUint32(12, header.length, true);
  prefix.set(header, 16);
  const chunks: Uint8Array[] = [prefix];
  for (const [, array] of arrays) {
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const pad = align8(array.byteLength) - array.byteLength;
    if (pad > 0) chunks.push(new Uint8Array(pad));
  }
  return chunks;
}

/** Buffer of a whole graph file → typed-array views over that buffer (zero copy when 8-byte aligned). */
export function deserializeGraph(bytes: Uint8Array): GraphFile {
  assertLittleEndian();
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes); // copy to an aligned buffer
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== GRAPH_FILE_MAGIC) throw new Error(`not a Maillage graph file (magic "${magic}"): rebuild it with npm run roads:import`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== GRAPH_FILE_VERSION) throw new Error(`graph file version ${version}, this code reads ${GRAPH_FILE_VERSION}: rebuild the graph`);
  const headerLength = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as {
    meta: GraphFileMeta;
    arrays: { name: string; type: TypeName; byteOffset: number; length: number }[];
    counts: { nodeCount: number; edgeCount: number; pieceCount: number };
  };
  const graph: Record<string, unknown> = { ...header.counts };
  const ch: Record<string, unknown> = { nodeCount: header.counts.nodeCount };
  let hasCh = false;
  for (const entry of header.arrays) {
    const Ctor = CONSTRUCTORS[entry.type];
    if (!Ctor || entry.byteOffset + entry.length * Ctor.BYTES_PER_ELEMENT > bytes.byteLength) {
      throw new Error(`graph file truncated or corrupt at array ${entry.name}`);
    }
    const array = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + entry.byteOffset, entry.length);
    const [group, name] = entry.name.split('.');
    if (group === 'ch') {
      ch[name] = array;
      hasCh = true;
    } else graph[name] = array;
  }
  return { meta: header.meta, graph: graph as unknown as RoadGraph, ch: hasCh ? (ch as unknown as ContractionHierarchy) : null };
}

export function writeGraphFile(path: string, graph: RoadGraph, ch: ContractionHierarchy | null, meta: GraphFileMeta): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of serializeGraph(graph, ch, meta)) {
      let written = 0;
      while (written < chunk.byteLength) written += writeSync(fd, chunk, written);
    }
  } finally {
    closeSync(fd);
  }
}

export function readGraphFile(path: string): GraphFile {
  return deserializeGraph(readFileSync(path));
}

function align8(x: number): number {
  return Math.ceil(x / 8) * 8;
}
