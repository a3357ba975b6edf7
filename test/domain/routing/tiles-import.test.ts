import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { roadWaysFromTile, gridToLonLat, sinuosityFactor, MAIN_ROAD_CLASSES, TILE_EXTENT } from '../../../api/src/domain/routing/ingest/tiles-import.js';
import { buildRoadGraph, ROAD_CLASSES } from '../../../api/src/domain/routing/index.js';
import { graphToCompactWays, simplifyLine } from '../../../api/src/domain/routing/graph/compact-network.js';
import { haversineM } from '../../../api/src/domain/common/geo.js';

// 6×6 real z14 tiles around Rennes (OSM 2021-08), transportation layer only (scripts/roads-tiles-fixture.ts).
const fixture = JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, '../../fixtures/roads/tiles-rennes.json.gz'))).toString()) as { tiles: Record<string, string> };
const tiles = Object.entries(fixture.tiles).map(([xy, b64]) => {
  const [x, y] = xy.split('/').map(Number);
  return { x, y, bytes: new Uint8Array(Buffer.from(b64, 'base64')) };
});
const allWays = tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y));
const km = (ways: { coords: number[] }[]) => ways.reduce((s, w) => { for (let i = 2; i < w.coords.length; i += 2) s += haversineM(w.coords[i - 2], w.coords[i - 1], w.coords[i], w.coords[i + 1]); return s; }, 0) / 1000;

describe('OpenMapTiles z14 importer (Rennes)', () => {
  it('maps the z14 grid to WGS84 (tile corners)', () => {
    const [lon, lat] = gridToLonLat(8115 * TILE_EXTENT, 5687 * TILE_EXTENT);
    expect(lon).toBeCloseTo(-1.69189, 4);
    expect(lat).toBeCloseTo(48.1221, 4); // atan(sinh(π(1 − 2·5687/2^14)))
  });

  it('keeps motorway → tertiary only, with speeds from the class', () => {
    const classes = new Set(allWays.map((w) => w.roadClass));
    for (const c of classes) expect(MAIN_ROAD_CLASSES as readonly string[]).toContain(c);
    expect(classes.has('trunk')).toBe(true); // the Rennes ring road (N136)
    const withMinor = tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y, { classes: [...MAIN_ROAD_CLASSES, 'minor'] }));
    expect(km(withMinor)).toBeGreaterThan(km(allWays) * 1.5);
  });

  it('counts each segment once although tiles overlap at their edges', () => {
    // Independent count: every segment of every tile, deduplicated by its two grid points, midpoint inside the block.
    const seen = new Set<string>();
    let naiveKm = 0;
    let uniqueKm = 0;
    for (const t of tiles) {
      const layer = new VectorTile(new PbfReader(t.bytes)).layers.transportation;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        if (!(MAIN_ROAD_CLASSES as readonly string[]).includes(String(f.properties.class))) continue;
        for (const line of f.loadGeometry()) {
          for (let k = 0; k + 1 < line.length; k++) {
            const a = [t.x * 4096 + line[k].x, t.y * 4096 + line[k].y];
            const b = [t.x * 4096 + line[k + 1].x, t.y * 4096 + line[k + 1].y];
            const [lon1, lat1] = gridToLonLat(a[0], a[1]);
            const [lon2, lat2] = gridToLonLat(b[0], b[1]);
            const len = haversineM(lon1, lat1, lon2, lat2) / 1000;
            naiveKm += len;
            const mx = (a[0] + b[0]) / 2 / 4096, my = (a[1] + b[1]) / 2 / 4096;
            if (mx < 8113 || mx >= 8119 || my < 5684 || my >= 5690) continue;
            const key = [a.join(','), b.join(',')].sort().join('|');
            if (!seen.has(key)) {
              seen.add(key);
              uniqueKm += len;
            }
          }
        }
      }
    }
    const ours = km(allWays);
    expect(naiveKm).toBeGreaterThan(ours * 1.01); // the overlap is real…
    expect(Math.abs(ours - uniqueKm) / uniqueKm).toBeLessThan(0.01); // …and removed
  });

  it('merges copies of one tile from two regional extracts without duplicating roads', () => {
    const t = tiles.find((tt) => tt.x === 8115 && tt.y === 5687)!;
    const once = roadWaysFromTile([t.bytes], t.x, t.y);
    const twice = roadWaysFromTile([t.bytes, t.bytes], t.x, t.y);
    expect(km(twice)).toBeCloseTo(km(once), 6);
  });

  it('joins roads across tiles on the shared grid into one network', () => {
    const { graph, report } = buildRoadGraph(allWays);
    expect(report.largestComponentShareRatio).toBeGreaterThan(0.95);
    expect(graph.nodeCount).toBeGreaterThan(300);
    // Ways cut at tile edges share their border vertex keys.
    const keyTiles = new Map<number, Set<string>>();
    for (const t of tiles) for (const w of roadWaysFromTile([t.bytes], t.x, t.y)) for (const k of [w.vertexKeys[0], w.vertexKeys[w.vertexKeys.length - 1]]) keyTiles.set(k, (keyTiles.get(k) ?? new Set()).add(`${t.x}/${t.y}`));
    expect([...keyTiles.values()].filter((s) => s.size > 1).length).toBeGreaterThan(50);
  });

  it('respects one-way roads (dual carriageways of the ring road)', () => {
    const oneways = allWays.filter((w) => w.oneway !== 0);
    expect(oneways.length).toBeGreaterThan(20);
    const { graph } = buildRoadGraph(allWays);
    let oneWayPieces = 0;
    for (let p = 0; p < graph.pieceCount; p++) if ((graph.pieceForwardEdge[p] < 0) !== (graph.pieceBackwardEdge[p] < 0)) oneWayPieces++;
    expect(oneWayPieces).toBeGreaterThan(10);
    expect(ROAD_CLASSES.length).toBeGreaterThan(5);
  });

  it('slows winding roads only', () => {
    expect(sinuosityFactor(1000, 1000)).toBe(1);
    expect(sinuosityFactor(1050, 1000)).toBe(1);
    expect(sinuosityFactor(1500, 1000)).toBeCloseTo(1.1 / 1.5, 6);
    expect(sinuosityFactor(5000, 1000)).toBe(0.6);
  });
});

describe('compact national network', () => {
  it('rebuilds the same junctions and durations from simplified pieces', () => {
    const { graph } = buildRoadGraph(allWays);
    const compact = graphToCompactWays(graph, 15);
    const rebuilt = buildRoadGraph(compact).graph;
    expect(rebuilt.nodeCount).toBe(graph.nodeCount);
    expect(rebuilt.edgeCount).toBe(graph.edgeCount);
    const total = (g: typeof graph) => g.edgeDurationMs.reduce((s, d) => s + d, 0);
    expect(Math.abs(total(rebuilt) - total(graph)) / total(graph)).toBeLessThan(0.001);
    const vertices = compact.reduce((s, w) => s + w.vertexKeys.length, 0);
    expect(vertices).toBeLessThan(graph.geometryCoords.length / 2);
  });

  it('simplifies lines within the tolerance (Douglas–Peucker)', () => {
    const line = [0, 45, 0.001, 45.00001, 0.002, 45, 0.003, 45.01];
    expect(simplifyLine(line, 5)).toEqual([0, 45, 0.002, 45, 0.003, 45.01]);
    expect(simplifyLine(line, 0.1)).toEqual(line);
  });
});
