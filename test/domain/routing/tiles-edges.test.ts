import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { roadWaysFromTile, gridToLonLat, MAIN_ROAD_CLASSES, TILE_EXTENT } from '../../../api/src/domain/routing/ingest/tiles-import.js';
import { buildRoadGraph, edgeCoordinates, type RoadWay } from '../../../api/src/domain/routing/index.js';
import { haversineM } from '../../../api/src/domain/common/geo.js';
import { stitchTileEdges } from '../../../api/src/domain/routing/ingest/tiles-stitch.js';
import { readTilePyramids } from '../../../scripts/roads-tiles-read.js';

// Cross-checks of the z14 importer against an independent decoding of the same real tiles (6×6 tiles of
// Rennes, OSM 2021-08, test/fixtures/roads/tiles-rennes.json.gz): tile edges, km by class, one-way roads.
const fixture = JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, '../../fixtures/roads/tiles-rennes.json.gz'))).toString()) as { tiles: Record<string, string> };
const tiles = Object.entries(fixture.tiles).map(([xy, b64]) => {
  const [x, y] = xy.split('/').map(Number);
  return { x, y, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
});
const X0 = 8113, X1 = 8119, Y0 = 5684, Y1 = 5690; // block [X0, X1) × [Y0, Y1)
const inBlock = (gx: number, gy: number) => gx >= X0 * TILE_EXTENT && gx < X1 * TILE_EXTENT && gy >= Y0 * TILE_EXTENT && gy < Y1 * TILE_EXTENT;
const tileOf = (gx: number, gy: number) => `${Math.floor(gx / TILE_EXTENT)}/${Math.floor(gy / TILE_EXTENT)}`;

interface RawSegment { a: [number, number]; b: [number, number]; roadClass: string; oneway: number; tile: string }
/** Every line segment of every tile, in global grid coordinates, straight from @mapbox/vector-tile. */
const rawSegments: RawSegment[] = [];
for (const t of tiles) {
  const layer = new VectorTile(new PbfReader(t.bytes)).layers.transportation;
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    if (f.type !== 2) continue;
    for (const line of f.loadGeometry()) {
      for (let k = 0; k + 1 < line.length; k++) {
        rawSegments.push({
          a: [t.x * TILE_EXTENT + line[k].x, t.y * TILE_EXTENT + line[k].y],
          b: [t.x * TILE_EXTENT + line[k + 1].x, t.y * TILE_EXTENT + line[k + 1].y],
          roadClass: String(f.properties.class), oneway: Number(f.properties.oneway ?? 0), tile: `${t.x}/${t.y}`,
        });
      }
    }
  }
}
const segmentKey = (s: RawSegment) => [s.a.join(','), s.b.join(',')].sort().join('|');
const lengthKm = (s: RawSegment) => {
  const [lon1, lat1] = gridToLonLat(...s.a);
  const [lon2, lat2] = gridToLonLat(...s.b);
  return haversineM(lon1, lat1, lon2, lat2) / 1000;
};
const waysKmByClass = (ways: readonly RoadWay[]) => {
  const out: Record<string, number> = {};
  for (const w of ways) {
    for (let i = 2; i < w.coords.length; i += 2) out[w.roadClass] = (out[w.roadClass] ?? 0) + haversineM(w.coords[i - 2], w.coords[i - 1], w.coords[i], w.coords[i + 1]) / 1000;
  }
  return out;
};
const ways = tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y));

describe('z14 tiles: edges, km by class, one-way roads (Rennes)', () => {
  it('tiles carry whole segments past their edge (no clip points), so cutting each at its tile border loses none', () => {
    const tilesBySegment = new Map<string, Set<string>>();
    const verticesByTile = new Map<string, Set<string>>();
    for (const s of rawSegments) {
      tilesBySegment.set(segmentKey(s), (tilesBySegment.get(segmentKey(s)) ?? new Set()).add(s.tile));
      for (const p of [s.a, s.b]) if (tileOf(...p) === s.tile) verticesByTile.set(s.tile, (verticesByTile.get(s.tile) ?? new Set()).add(p.join(',')));
    }
    // A vertex beyond a tile's edge (up to ~2,000 units here) is a real vertex of the neighbouring tile.
    let outside = 0;
    const clipPoints: string[] = [];
    for (const s of rawSegments) {
      for (const p of [s.a, s.b]) {
        if (tileOf(...p) === s.tile || !inBlock(...p)) continue;
        outside++;
        if (!verticesByTile.get(tileOf(...p))?.has(p.join(','))) clipPoints.push(`${p} in ${s.tile}`);
      }
    }
    expect(clipPoints).toEqual([]);
    expect(outside).toBeGreaterThan(500);
    // A segment is present in every tile of the block that it runs through.
    let shared = 0;
    const missing: string[] = [];
    for (const [key, seenIn] of tilesBySegment) {
      const [a, b] = key.split('|').map((p) => p.split(',').map(Number));
      if (seenIn.size > 1) shared++;
      for (let i = 0; i < 16; i++) {
        const px = a[0] + ((i + 0.5) / 16) * (b[0] - a[0]), py = a[1] + ((i + 0.5) / 16) * (b[1] - a[1]);
        if (inBlock(px, py) && !seenIn.has(tileOf(px, py))) missing.push(`${key} in ${tileOf(px, py)}`);
      }
    }
    expect(missing).toEqual([]);
    expect(shared).toBeGreaterThan(200);
  });

  it('gives the km of each class that an independent count of distinct segments gives', () => {
    const expected: Record<string, number> = {};
    const seen = new Set<string>();
    for (const s of rawSegments) {
      if (!(MAIN_ROAD_CLASSES as readonly string[]).includes(s.roadClass)) continue;
      if (seen.has(segmentKey(s))) continue;
      seen.add(segmentKey(s));
      // Share of the segment inside the 6×6 block, by subdivision (the importer cuts exactly at tile borders).
      let inside = 0;
      for (let i = 0; i < 64; i++) inside += inBlock(s.a[0] + ((i + 0.5) / 64) * (s.b[0] - s.a[0]), s.a[1] + ((i + 0.5) / 64) * (s.b[1] - s.a[1])) ? 1 : 0;
      expected[s.roadClass] = (expected[s.roadClass] ?? 0) + (lengthKm(s) * inside) / 64;
    }
    const ours = waysKmByClass(ways);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(expected).sort());
    for (const c of Object.keys(expected)) expect(Math.abs(ours[c] - expected[c]) / expected[c]).toBeLessThan(0.005);
    // The graph builder reports the same figures when it keeps everything.
    const { report } = buildRoadGraph(ways, { keepLargestComponent: false });
    for (const c of Object.keys(expected)) expect(Math.abs((report.kmByClass[c as keyof typeof report.kmByClass] ?? 0) - expected[c]) / expected[c]).toBeLessThan(0.005);
  });

  it('joins on the shared grid: without it, the largest component falls apart', () => {
    const joined = buildRoadGraph(ways).report.largestComponentShareRatio;
    // Same ways, vertex keys made private to their tile (as if tiles did not share the grid).
    const keyOf = new Map<string, number>();
    const perTile = tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y).map((w) => ({
      ...w,
      vertexKeys: w.vertexKeys.map((k) => {
        const id = `${t.x}/${t.y}:${k}`;
        if (!keyOf.has(id)) keyOf.set(id, keyOf.size);
        return keyOf.get(id)!;
      }),
    })));
    const split = buildRoadGraph(perTile).report.largestComponentShareRatio;
    expect(joined).toBeGreaterThan(0.95);
    expect(split).toBeLessThan(0.3);
    // Whole segments cut at the border meet exactly: the stitching of clipped pyramids finds nothing to do.
    expect(stitchTileEdges(tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y)))).toBe(0);
  });

  it('lets cars drive one-way segments only in their direction (oneway 1 and −1)', () => {
    // Allowed directions per segment from the raw tiles, in float32 lon/lat as the graph stores them.
    const f32 = (gx: number, gy: number) => gridToLonLat(gx, gy).map((v) => Math.fround(v)).join(',');
    const allowed = new Map<string, number>(); // "A>B" → 1 allowed, 0 forbidden (−1 when sources disagree)
    const set = (k: string, v: number) => allowed.set(k, allowed.has(k) && allowed.get(k) !== v ? -1 : v);
    let oneWaySegments = 0;
    for (const s of rawSegments) {
      if (!(MAIN_ROAD_CLASSES as readonly string[]).includes(s.roadClass) || (s.a[0] === s.b[0] && s.a[1] === s.b[1])) continue;
      const a = f32(...s.a), b = f32(...s.b);
      set(`${a}>${b}`, s.oneway === -1 ? 0 : 1);
      set(`${b}>${a}`, s.oneway === 1 ? 0 : 1);
      if (s.oneway !== 0) oneWaySegments++;
    }
    expect(oneWaySegments).toBeGreaterThan(100);
    const { graph } = buildRoadGraph(ways, { keepLargestComponent: false });
    const driven = new Set<string>();
    for (let e = 0; e < graph.edgeCount; e++) {
      const c = edgeCoordinates(graph, e);
      for (let i = 1; i < c.length; i++) driven.add(`${c[i - 1].join(',')}>${c[i].join(',')}`);
    }
    let checkedForbidden = 0;
    let checkedAllowed = 0;
    for (const [k, v] of allowed) {
      const [a, b] = k.split('>');
      if (!driven.has(k) && !driven.has(`${b}>${a}`)) continue; // outside the block
      if (v === 0) {
        expect(driven.has(k)).toBe(false);
        checkedForbidden++;
      } else if (v === 1) {
        expect(driven.has(k)).toBe(true);
        checkedAllowed++;
      }
    }
    expect(checkedForbidden).toBeGreaterThan(100);
    expect(checkedAllowed).toBeGreaterThan(1000);
  });

  it('reads overlapping pyramids (région borders) as one: same roads as a single pyramid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-tiles-'));
    try {
      const write = (name: string, keep: (x: number) => boolean) => {
        for (const t of tiles.filter((tt) => keep(tt.x))) {
          mkdirSync(join(dir, name, '14', String(t.x)), { recursive: true });
          writeFileSync(join(dir, name, '14', String(t.x), `${t.y}.pbf`), t.bytes);
        }
        return join(dir, name);
      };
      const whole = write('whole', () => true);
      const west = write('west', (x) => x <= 8116);
      const east = write('east', (x) => x >= 8115);
      const one = await readTilePyramids([whole], {}, () => {});
      const two = await readTilePyramids([west, east], {}, () => {});
      expect(two.report.tiles).toBe(36);
      expect(two.report.sharedTiles).toBe(12);
      const kmOne = waysKmByClass(one.ways), kmTwo = waysKmByClass(two.ways);
      for (const c of Object.keys(kmOne)) expect(kmTwo[c]).toBeCloseTo(kmOne[c], 6);
      const a = buildRoadGraph(one.ways).graph, b = buildRoadGraph(two.ways).graph;
      expect([b.nodeCount, b.edgeCount]).toEqual([a.nodeCount, a.edgeCount]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
