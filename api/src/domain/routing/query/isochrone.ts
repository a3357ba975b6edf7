import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { metresPerDegree } from '../geo.js';
import type { RoadGraph } from '../graph/graph.js';
import { dijkstra } from './dijkstra.js';
import { phast } from '../ch/phast.js';
import type { LonLat, RoutingNetwork } from './network.js';
import { snapPoints } from './network.js';
import { DEFAULT_SNAP, samePieceDurationMs, type SnappedPoint } from './snap.js';

/** 'from': drive times from the origin (a store's delivery area); 'to': drive times to it (patients to a hospital). */
export type TravelDirection = 'from' | 'to';

/**
 * Node durations (ms, Infinity = beyond reach) from (or to) an origin point; null when the origin
 * is off the network. PHAST over the whole graph, except 'from' with `maxDurationMs`: a plain
 * Dijkstra that stops there (faster when the bound covers a small part of a large graph).
 */
export function originNodeTimes(
  network: RoutingNetwork, origin: LonLat, maxDurationMs?: number, direction: TravelDirection = 'from',
): { origin: SnappedPoint; durationMs: Float64Array } | null {
  const [snapped] = snapPoints(network, [origin]);
  if (!snapped) return null;
  if (direction === 'to') return { origin: snapped, durationMs: phast(network.ch, snapped.arrival, { direction: 'to' }).durationMs };
  const durationMs = maxDurationMs === undefined
    ? phast(network.ch, snapped.departure).durationMs
    : dijkstra(network.graph, snapped.departure, { maxDurationMs }).durationMs;
  return { origin: snapped, durationMs };
}

export interface Membership {
  /** Each point's own drive time from the origin in seconds (access legs included); null = off network or unreachable. */
  durationSec: (number | null)[];
  /**
   * Drive time to the point's snapped road position, without its own access leg (the origin's leg is kept):
   * the time the drawn bands show at that road point. Used for communes, whose point is no address.
   */
  roadDurationSec: (number | null)[];
  /** Where each point met the road (null = off network). */
  snapped: (SnappedPoint | null)[];
  /** Index of the smallest break containing the point, or null. */
  breakIndex: (number | null)[];
  /** Points within each break (cumulative: a point within 10 min is also within 20 min). */
  countByBreak: number[];
}

/**
 * Which points lie within each break of an isochrone, from their own snapped times (not from the
 * polygons), so counts are exact and monotone in time: a larger break never holds fewer points.
 */
export function isochroneMembership(
  network: RoutingNetwork, origin: LonLat, points: readonly LonLat[], breaksSec: readonly number[],
  options: { direction?: TravelDirection } = {},
): Membership | null {
  assertBreaks(breaksSec);
  const to = options.direction === 'to';
  const times = originNodeTimes(network, origin, undefined, to ? 'to' : 'from');
  if (!times) return null;
  const snapped = snapPoints(network, points);
  const sorted = [...breaksSec].sort((a, b) => a - b);
  const durationSec = snapped.map((p) => {
    if (!p) return null;
    if (p.lon === times.origin.lon && p.lat === times.origin.lat) return 0; // the origin itself: no trip (as in pointMatrix)
    let best = Infinity;
    const seeds = to ? p.departure : p.arrival;
    for (let k = 0; k < seeds.nodes.length; k++) best = Math.min(best, times.durationMs[seeds.nodes[k]] + seeds.durationMs[k]);
    const direct = to ? samePieceDurationMs(network.graph, p, times.origin) : samePieceDurationMs(network.graph, times.origin, p);
    if (direct) best = Math.min(best, direct.durationMs);
    return Number.isFinite(best) ? best / 1000 : null;
  });
  const roadDurationSec = durationSec.map((d, i) => (d === null ? null : Math.max(0, d - snapped[i]!.accessDurationMs / 1000)));
  const breakIndex = durationSec.map((d) => {
    if (d === null) return null;
    const k = sorted.findIndex((b) => d <= b);
    return k === -1 ? null : breaksSec.indexOf(sorted[k]);
  });
  const countByBreak = breaksSec.map((b) => durationSec.filter((d) => d !== null && d <= b).length);
  return { durationSec, roadDurationSec, snapped, breakIndex, countByBreak };
}

export interface IsochroneOptions {
  /** Raster cell size in metres (default: extent / 300, at least 50 m). */
  cellSizeM?: number;
  direction?: TravelDirection;
}

/**
 * Isochrone polygons for several breaks at once: node and road-vertex times (interpolated along
 * each piece) are splatted on a raster, each cell taking min(time at a road sample + access leg
 * from the sample at the access speed), then contoured with d3-contour. Display only: use
 * isochroneMembership to count what is inside.
 */
export function isochronePolygons(
  network: RoutingNetwork, origin: LonLat, breaksSec: readonly number[], options: IsochroneOptions = {},
): FeatureCollection<MultiPolygon, { breakSec: number; durationMin: number }> | null {
  assertBreaks(breaksSec);
  const maxMs = Math.max(...breaksSec) * 1000;
  const direction = options.direction ?? 'from';
  const times = originNodeTimes(network, origin, maxMs, direction);
  if (!times) return null;
  const { graph } = network;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!(times.durationMs[v] <= maxMs)) continue;
    minLon = Math.min(minLon, graph.nodeLon[v]); maxLon = Math.max(maxLon, graph.nodeLon[v]);
    minLat = Math.min(minLat, graph.nodeLat[v]); maxLat = Math.max(maxLat, graph.nodeLat[v]);
  }
  if (minLon === Infinity) {
    minLon = maxLon = times.origin.snappedLon;
    minLat = maxLat = times.origin.snappedLat;
  }
  const { mPerDegLon, mPerDegLat } = metresPerDegree((minLat + maxLat) / 2);
  const extentM = Math.max((maxLon - minLon) * mPerDegLon, (maxLat - minLat) * mPerDegLat);
  const cellM = options.cellSizeM ?? Math.max(50, extentM / 300);
  const radiusCells = 2;
  const margin = radiusCells + 2;
  const cellLon = cellM / mPerDegLon, cellLat = cellM / mPerDegLat;
  const west = minLon - margin * cellLon, south = minLat - margin * cellLat;
  const width = Math.ceil((maxLon - minLon) / cellLon) + 2 * margin + 1;
  const height = Math.ceil((maxLat - minLat) / cellLat) + 2 * margin + 1;
  const unreached = maxMs * 4;
  // 1. fastest road sample per cell; 2. spread to neighbouring cells at the access speed
  const base = new Float64Array(width * height).fill(unreached);
  const grid = { west, south, cellLon, cellLat, width, height, base };
  rasterRoadTimes(graph, times.durationMs, maxMs, grid, direction);
  rasterSample(grid, times.origin.snappedLon, times.origin.snappedLat, times.origin.accessDurationMs);
  const snap = { ...DEFAULT_SNAP, ...network.snapOptions };
  const msPerM = (snap.accessDetourFactor / (snap.accessSpeedKmh / 3.6)) * 1000;
  const kernel: number[] = [];
  for (let dy = -radiusCells; dy <= radiusCells; dy++) {
    for (let dx = -radiusCells; dx <= radiusCells; dx++) kernel.push(dx, dy, Math.sqrt(dx * dx + dy * dy) * cellM * msPerM);
  }
  const cells = new Float64Array(width * height).fill(unreached);
  for (let y = radiusCells; y < height - radiusCells; y++) {
    for (let x = radiusCells; x < width - radiusCells; x++) {
      const t0 = base[y * width + x];
      if (t0 >= unreached) continue;
      for (let k = 0; k < kernel.length; k += 3) {
        const c = (y + kernel[k + 1]) * width + x + kernel[k];
        const t = t0 + kernel[k + 2];
        if (t < cells[c]) cells[c] = t;
      }
    }
  }
  for (let c = 0; c < cells.length; c++) cells[c] = -cells[c];
  const thresholds = [...breaksSec].sort((a, b) => b - a).map((b) => -b * 1000);
  const bands = contours().size([width, height]).thresholds(thresholds)(cells);
  const features: Feature<MultiPolygon, { breakSec: number; durationMin: number }>[] = bands.map((band) => ({
    type: 'Feature',
    properties: { breakSec: -band.value / 1000, durationMin: -band.value / 60000 },
    geometry: {
      type: 'MultiPolygon',
      coordinates: band.coordinates.map((polygon) => polygon.map((ring) => ring.map(([x, y]) => [
        round6(west + x * cellLon), round6(south + y * cellLat),
      ]))),
    },
  }));
  return { type: 'FeatureCollection', features };
}

interface Raster {
  west: number;
  south: number;
  cellLon: number;
  cellLat: number;
  width: number;
  height: number;
  base: Float64Array;
}

function rasterSample(grid: Raster, lon: number, lat: number, durationMs: number): void {
  const x = Math.min(grid.width - 1, Math.max(0, Math.floor((lon - grid.west) / grid.cellLon)));
  const y = Math.min(grid.height - 1, Math.max(0, Math.floor((lat - grid.south) / grid.cellLat)));
  const c = y * grid.width + x;
  if (durationMs < grid.base[c]) grid.base[c] = durationMs;
}

/**
 * Times along every reached piece (interpolated from its end nodes, sampled once per cell) into the
 * raster. At fraction f of a piece, 'from': min(t(start) + f·forward, t(end) + (1 − f)·backward);
 * 'to': min((1 − f)·forward + t(end), f·backward + t(start)) — each only where that edge exists.
 */
function rasterRoadTimes(graph: RoadGraph, nodeMs: Float64Array, maxMs: number, grid: Raster, direction: TravelDirection): void {
  const c = graph.geometryCoords;
  const to = direction === 'to';
  for (let p = 0; p < graph.pieceCount; p++) {
    const fwd = graph.pieceForwardEdge[p], bwd = graph.pieceBackwardEdge[p];
    // node time paired with the forward edge (start node 'from', end node 'to') and with the backward one
    const fwdNodeMs = fwd === -1 ? Infinity : nodeMs[to ? graph.pieceToNode[p] : graph.pieceFromNode[p]];
    const bwdNodeMs = bwd === -1 ? Infinity : nodeMs[to ? graph.pieceFromNode[p] : graph.pieceToNode[p]];
    if (!(fwdNodeMs <= maxMs || bwdNodeMs <= maxMs)) continue;
    const fwdMs = fwd === -1 ? 0 : graph.edgeDurationMs[fwd];
    const bwdMs = bwd === -1 ? 0 : graph.edgeDurationMs[bwd];
    const first = graph.pieceFirstCoord[p], last = graph.pieceFirstCoord[p + 1] - 1;
    let total = 0;
    for (let i = first; i < last; i++) total += cellDistance(c, i, grid);
    let along = 0;
    for (let i = first; i <= last; i++) {
      const segment = i < last ? cellDistance(c, i, grid) : 0;
      // one sample per cell crossed, so that long straight pieces (motorways) leave no gaps
      const steps = i < last ? Math.max(1, Math.ceil(segment)) : 1;
      for (let k = 0; k < steps; k++) {
        const f = total === 0 ? 0 : (along + (k / steps) * segment) / total;
        const t = to
          ? Math.min(fwdNodeMs + (1 - f) * fwdMs, bwdNodeMs + f * bwdMs)
          : Math.min(fwdNodeMs + f * fwdMs, bwdNodeMs + (1 - f) * bwdMs);
        if (t > maxMs) continue;
        const share = i < last ? k / steps : 0;
        const lon = c[2 * i] + share * (i < last ? c[2 * i + 2] - c[2 * i] : 0);
        const lat = c[2 * i + 1] + share * (i < last ? c[2 * i + 3] - c[2 * i + 1] : 0);
        rasterSample(grid, lon, lat, t);
      }
      along += segment;
    }
  }
}

/** Length of segment i → i+1 in cells. */
function cellDistance(c: Float32Array, i: number, grid: Raster): number {
  const dx = (c[2 * i + 2] - c[2 * i]) / grid.cellLon;
  const dy = (c[2 * i + 3] - c[2 * i + 1]) / grid.cellLat;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Breaks must be a non-empty list of positive, finite durations in seconds. */
function assertBreaks(breaksSec: readonly number[]): void {
  if (breaksSec.length === 0 || breaksSec.some((b) => !Number.isFinite(b) || b <= 0)) {
    throw new RangeError(`isochrone breaks must be positive numbers of seconds, got [${breaksSec.join(', ')}]`);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
