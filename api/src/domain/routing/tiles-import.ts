import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { RoadClass, RoadWay } from './road-way.js';

/**
 * OpenMapTiles-schema z14 vector tiles (tilemaker builds of OSM, e.g. tokenless-tiles/<région>) → RoadWay[].
 *
 * - The `transportation` layer at z14 holds every OSM road as its own feature on a 4096-unit grid; global
 *   grid coordinates (tile × 4096 + offset) are shared by neighbouring tiles, so roads join across tiles
 *   on equal grid points: the vertex key is gx · 2^27 + gy.
 * - Tiles overlap at their edges (buffer): each segment is kept only by the tile that owns its midpoint
 *   ([0, 4096) on both axes), so a segment seen in two tiles is counted once. Copies of the same tile from
 *   several regional extracts are merged, identical segments deduplicated.
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
 * Returns runs of consecutive owned segments as RoadWays.
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
          const ax = Math.round(line[k].x * scale), ay = Math.round(line[k].y * scale);
          const bx = Math.round(line[k + 1].x * scale), by = Math.round(line[k + 1].y * scale);
          const mx = (ax + bx) / 2, my = (ay + by) / 2;
          const owned = mx >= 0 && mx < TILE_EXTENT && my >= 0 && my < TILE_EXTENT && !(ax === bx && ay === by);
          const a = { gx: baseX + ax, gy: baseY + ay };
          const b = { gx: baseX + bx, gy: baseY + by };
          const ka = a.gx * KEY_FACTOR + a.gy, kb = b.gx * KEY_FACTOR + b.gy;
          const segKey = ka < kb ? `${ka}_${kb}` : `${kb}_${ka}`;
          if (!owned || seen.has(segKey)) {
            flush();
            continue;
          }
          seen.add(segKey);
          if (run.length === 0) run.push(a);
          else {
            const last = run[run.length - 1];
            if (last.gx !== a.gx || last.gy !== a.gy) {
              flush();
              run.push(a);
            }
          }
          run.push(b);
        }
        flush();
      }
    }
  }
  return ways;
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
