import { polylineLengthM } from '../geo.js';
import { KeyTable } from '../key-table.js';
import { ROAD_CLASSES, type RoadWay } from '../ingest/road-way.js';

/** Directions a piece may be driven: 1 along its geometry, 2 against it, 3 both. */
export const ALONG = 1;
export const AGAINST = 2;

/** Road pieces between junctions, as growable columns (one entry per piece). */
export interface RawPieces {
  nodeCount: number;
  nodeLon: number[];
  nodeLat: number[];
  from: number[];
  to: number[];
  /** Geometry of piece p: points coordStart[p] … coordEnd[p] - 1 of `coords` (lon,lat interleaved). */
  coordStart: number[];
  coordEnd: number[];
  coords: number[];
  lengthM: number[];
  speedKmh: number[];
  classIndex: number[];
  directions: number[];
}

export function emptyPieces(): RawPieces {
  return {
    nodeCount: 0, nodeLon: [], nodeLat: [], from: [], to: [], coordStart: [], coordEnd: [], coords: [],
    lengthM: [], speedKmh: [], classIndex: [], directions: [],
  };
}

/**
 * Cuts ways at every vertex shared by two ways (or used twice by one) and at their ends: those
 * vertices become nodes. A piece that would start and end at the same node is cut at its middle
 * vertex so that closed ways (cul-de-sac loops, isolated roundabouts) stay routable and snappable.
 */
export function splitWays(ways: readonly RoadWay[]): RawPieces & { inputVertexCount: number } {
  let occurrenceCount = 0;
  for (const way of ways) occurrenceCount += way.vertexKeys.length;
  const table = new KeyTable(occurrenceCount);
  const vertexOf = new Int32Array(occurrenceCount);
  let k = 0;
  for (const way of ways) for (const key of way.vertexKeys) vertexOf[k++] = table.intern(key);
  const useCount = new Uint8Array(table.size);
  const nodeOfVertex = new Int32Array(table.size).fill(-1);
  k = 0;
  for (const way of ways) {
    const n = way.vertexKeys.length;
    for (let i = 0; i < n; i++, k++) {
      const v = vertexOf[k];
      useCount[v] = Math.min(255, useCount[v] + (i === 0 || i === n - 1 ? 2 : 1));
    }
  }
  const pieces = emptyPieces();
  const nodeAt = (v: number, lon: number, lat: number): number => {
    if (nodeOfVertex[v] === -1) {
      nodeOfVertex[v] = pieces.nodeCount++;
      pieces.nodeLon.push(lon);
      pieces.nodeLat.push(lat);
    }
    return nodeOfVertex[v];
  };
  k = 0;
  for (const way of ways) {
    const n = way.vertexKeys.length;
    const base = k;
    k += n;
    if (n < 2) continue;
    const classIndex = ROAD_CLASSES.indexOf(way.roadClass);
    const directions = way.oneway === 1 ? ALONG : way.oneway === -1 ? AGAINST : ALONG | AGAINST;
    const c = way.coords;
    let start = 0;
    for (let i = 1; i < n; i++) {
      if (useCount[vertexOf[base + i]] < 2 && i < n - 1) continue;
      const fromNode = nodeAt(vertexOf[base + start], c[2 * start], c[2 * start + 1]);
      const toNode = nodeAt(vertexOf[base + i], c[2 * i], c[2 * i + 1]);
      if (fromNode === toNode) {
        if (i - start >= 2) {
          const mid = (start + i) >> 1;
          const midNode = nodeAt(vertexOf[base + mid], c[2 * mid], c[2 * mid + 1]);
          pushPiece(pieces, c, start, mid, fromNode, midNode, way.speedKmh, classIndex, directions);
          pushPiece(pieces, c, mid, i, midNode, toNode, way.speedKmh, classIndex, directions);
        }
      } else {
        pushPiece(pieces, c, start, i, fromNode, toNode, way.speedKmh, classIndex, directions);
      }
      start = i;
    }
  }
  return { ...pieces, inputVertexCount: table.size };
}

function pushPiece(
  pieces: RawPieces, c: readonly number[], start: number, end: number, from: number, to: number,
  speedKmh: number, classIndex: number, directions: number,
): void {
  pieces.from.push(from);
  pieces.to.push(to);
  pieces.coordStart.push(pieces.coords.length / 2);
  for (let i = start; i <= end; i++) pieces.coords.push(c[2 * i], c[2 * i + 1]);
  pieces.coordEnd.push(pieces.coords.length / 2);
  pieces.lengthM.push(polylineLengthM(c, start, end));
  pieces.speedKmh.push(speedKmh);
  pieces.classIndex.push(classIndex);
  pieces.directions.push(directions);
}
