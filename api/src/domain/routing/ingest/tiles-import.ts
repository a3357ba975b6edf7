import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { RoadClass, RoadWay } from './road-way.js';

/**
 * OpenMapTiles-schema z14 vector tiles (tilemaker builds of OSM, e.g. tokenless-tiles/<région>) → RoadWay[].
 *
 * - The `transportation` layer at z14 holds every OSM road as its own feature on a 4096-unit grid; global
 *   grid coordinates (tile × 4096 + offset) are shared by neighbouring tiles, so roads join across tiles
 *   on equal grid points: the vertex key is gx · 2^27 + gy.
 * - Tiles overlap at their edges: a segment that crosses the border is carried by both tiles (tilemaker keeps
 *   it whole; other builders cut it at a buffer). Each tile keeps only the part inside its own extent
 *   (clipToTile), cut at the border, so the road is counted once and both halves meet at the same border
 *   point. Pyramids clipped at a buffer give two slightly different border points: stitchTileEdges joins
 *   those (tiles-stitch.ts). Copies of the same tile from several regional extracts are merged, identical
 *   segments deduplicated.
 * - No maxspeed and no urban context in these tiles: speeds come from `class`/`ramp` (free-flow averages
 *   between the rural and urban defaults of the OSM profile; see TILE_SPEED_KMH).
 */
export const TILE_ZOOM = 14;
export const TILE_EXTENT = 4096;
const KEY_FACTOR = 2 ** 27;

/**
 * Free-flow km/h by OpenMapTiles class, [main road, ramp]. Calibrated once against commonly cited trip
 * durations (docs/data-quality.md): motorway 105 (130 limit, tolls, ramps, traffic), others between the
 * OSM profile's rural and urban defaults. Winding roads are slowed further by sinuosityFactor.
 */
export const TILE_SPEED_KMH: Record<string, [number, number]> = {
  motorway: [105, 60],
  trunk: [95, 50],
  primary: [72, 40],
  secondary: [62, 35],
  tertiary: [52, 30],
  minor: [35, 30],
  service: [15, 15],
  ferry: [20, 20],
};

const CLASS_MAP: Record<string, RoadClass> = {
  motorway: 'motorway', trunk: 'trunk', primary: 'primary', secondary: 'secondary', tertiary: 'tertiary',
  minor: 'minor', service: 'service', ferry: 'ferry',
};

export const MAIN_ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'] as const;

export interface TileImportOptions {
  /** OpenMapTiles classes to keep (default motorway → tertiary). */
  classes?: readonly string[];
}

/** WGS84 of a global z14 grid coordinate. */
export function gridToLonLat(gx: number, gy: number): [number, number] {
  const n = 2 ** TILE_ZOOM * TILE_EXTENT;
  const lon = (gx / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * gy) / n))) * 180) / Math.PI;
  return [lon, lat];
}

/**
 * Road ways of one z14 tile, from one or several copies of it (regional extracts overlap at their borders).
 * Returns runs of consecutive segments (clipped to the tile) as RoadWays, in global grid coordinates.
 */
export function roadWaysFromTile(copies: readonly Uint8Array[], x: number, y: number, options: TileImportOptions = {}): RoadWay[] {
  const keep = new Set(options.classes ?? MAIN_ROAD_CLASSES);
  const seen = new Set<string>();
  const ways: RoadWay[] = [];
  const baseX = x * TILE_EXTENT;
  const baseY = y * TILE_EXTENT;
  for (const bytes of copies) {
    const layer = new VectorTile(new PbfReader(bytes)).layers.transportation;
    if (!layer) continue;
    const scale = TILE_EXTENT / layer.extent;
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      if (feature.type !== 2) continue;
      const cls = String(feature.properties.class ?? '');
      if (!keep.has(cls) || !CLASS_MAP[cls]) continue;
      const ramp = Number(feature.properties.ramp ?? 0) === 1;
      const onewayRaw = Number(feature.properties.oneway ?? 0);
      const oneway: 0 | 1 | -1 = onewayRaw === 1 ? 1 : onewayRaw === -1 ? -1 : 0;
      const speedKmh = TILE_SPEED_KMH[cls][ramp ? 1 : 0];
      for (const line of feature.loadGeometry()) {
        let run: { gx: number; gy: number }[] = [];
        const flush = () => {
          if (run.length >= 2) ways.push(toWay(run, CLASS_MAP[cls], speedKmh, oneway, ramp));
          run = [];
        };
        for (let k = 0; k + 1 < line.length; k++) {
          const piece = clipToTile(
            baseX + Math.round(line[k].x * scale), baseY + Math.round(line[k].y * scale),
            baseX + Math.round(line[k + 1].x * scale), baseY + Math.round(line[k + 1].y * scale),
            baseX, baseY,
          );
          if (!piece) {
            flush();
            continue;
          }
          const [a, b] = piece;
          const ka = a.gx * KEY_FACTOR + a.gy, kb = b.gx * KEY_FACTOR + b.gy;
          const segKey = ka < kb ? `${ka}_${kb}` : `${kb}_${ka}`;
          if (seen.has(segKey)) {
            flush();
            continue;
          }
          seen.add(segKey);
          const last = run[run.length - 1];
          if (!last || last.gx !== a.gx || last.gy !== a.gy) {
            flush();
            run.push(a);
          }
          run.push(b);
        }
        flush();
      }
    }
  }
  return ways;
}

type GridPoint = { gx: number; gy: number };

/**
 * The part of segment (ax, ay) → (bx, by) (global grid units) inside the tile whose top-left corner is
 * (x0, y0), or null. Tiles carry segments beyond their edge — whole (tilemaker) or cut at a buffer
 * (other builders) — so each tile keeps only its own part: the segment is cut at the tile border, the cut
 * point rounded to the grid. The cut is computed from the segment's global coordinates in a fixed
 * orientation, so both tiles of a whole segment find the same border point, and the road joins there.
 * Pieces lying on the tile's right or bottom border belong to the next tile (counted once).
 */
export function clipToTile(ax: number, ay: number, bx: number, by: number, x0: number, y0: number): [GridPoint, GridPoint] | null {
  const flip = ax > bx || (ax === bx && ay > by);
  const [px, py, qx, qy] = flip ? [bx, by, ax, ay] : [ax, ay, bx, by];
  const dx = qx - px, dy = qy - py;
  if (dx === 0 && dy === 0) return null;
  const x1 = x0 + TILE_EXTENT, y1 = y0 + TILE_EXTENT;
  let t0 = 0, t1 = 1;
  // Liang–Barsky against the closed box [x0, x1] × [y0, y1].
  for (const [p, q] of [[-dx, px - x0], [dx, x1 - px], [-dy, py - y0], [dy, y1 - py]]) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
  }
  if (t0 >= t1) return null;
  const at = (t: number): GridPoint => (t === 0 ? { gx: px, gy: py } : t === 1 ? { gx: qx, gy: qy } : { gx: Math.round(px + t * dx), gy: Math.round(py + t * dy) });
  let a = at(t0), b = at(t1);
  if (a.gx === b.gx && a.gy === b.gy) return null;
  if ((a.gx === x1 && b.gx === x1) || (a.gy === y1 && b.gy === y1)) return null;
  if (flip) [a, b] = [b, a];
  return [a, b];
}

/**
 * Speed factor for winding roads: a run whose path is s times its chord (s > 1.1) is driven slower,
 * factor 1.1 / s, floored at 0.6 (mountain hairpins). Motorways and ramps are exempt.
 */
export function sinuosityFactor(pathM: number, chordM: number): number {
  if (chordM <= 0 || pathM <= 0) return 1;
  const s = pathM / chordM;
  return s <= 1.1 ? 1 : Math.max(0.6, 1.1 / s);
}

function toWay(run: { gx: number; gy: number }[], roadClass: RoadClass, speedKmh: number, oneway: 0 | 1 | -1, isRamp: boolean): RoadWay {
  const vertexKeys: number[] = [];
  const coords: number[] = [];
  for (const p of run) {
    vertexKeys.push(p.gx * KEY_FACTOR + p.gy);
    const [lon, lat] = gridToLonLat(p.gx, p.gy);
    coords.push(lon, lat);
  }
  let factor = 1;
  if (roadClass !== 'motorway' && !isRamp && run.length > 2) {
    // Grid units are metres × (tile size / 4096) at this latitude: the ratio needs no scale.
    let path = 0;
    for (let i = 1; i < run.length; i++) path += Math.hypot(run[i].gx - run[i - 1].gx, run[i].gy - run[i - 1].gy);
    const chord = Math.hypot(run[run.length - 1].gx - run[0].gx, run[run.length - 1].gy - run[0].gy);
    factor = sinuosityFactor(path, chord);
  }
  return { vertexKeys, coords, roadClass, speedKmh: speedKmh * factor, oneway, isRamp };
}
