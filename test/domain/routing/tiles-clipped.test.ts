import { describe, expect, it } from 'vitest';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { roadWaysFromTile, clipToTile, gridToLonLat, TILE_EXTENT, TILE_ZOOM } from '../../../api/src/domain/routing/ingest/tiles-import.js';
import { stitchTileEdges } from '../../../api/src/domain/routing/ingest/tiles-stitch.js';
import { buildRoadGraph, edgeCoordinates, type RoadWay } from '../../../api/src/domain/routing/index.js';
import { haversineM } from '../../../api/src/domain/common/geo.js';

// Pyramids from builders that cut segments at a buffer around each tile (geojson-vt here, like ST_AsMVTGeom or
// planetiler) instead of carrying them whole past the edge as tilemaker does: the two tiles of a cut road then
// disagree by a unit or so on the border point. Hand-made roads near Rennes, crossing several z14 tiles.
const tileX = (lon: number) => ((lon + 180) / 360) * 2 ** TILE_ZOOM;
const tileY = (lat: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * 2 ** TILE_ZOOM;
const line = (coordinates: number[][], properties: Record<string, unknown>) => ({ type: 'Feature' as const, properties, geometry: { type: 'LineString' as const, coordinates } });
// A two-way primary road zig-zagging over ~4 tiles, and a one-way (−1: only against its drawing order) tertiary.
const primary = [[-1.705, 48.105], [-1.683, 48.118], [-1.662, 48.101], [-1.641, 48.121]];
const tertiary = [[-1.700, 48.131], [-1.672, 48.129], [-1.650, 48.133]];
const roads = { type: 'FeatureCollection' as const, features: [line(primary, { class: 'primary' }), line(tertiary, { class: 'tertiary', oneway: -1 })] };

function clippedTiles() {
  const index = new GeoJSONVT(roads as never, { maxZoom: TILE_ZOOM, indexMaxZoom: TILE_ZOOM, tolerance: 0, extent: TILE_EXTENT, buffer: 64 });
  const out: { x: number; y: number; bytes: Uint8Array }[] = [];
  for (let x = Math.floor(tileX(-1.71)); x <= Math.floor(tileX(-1.63)); x++) {
    for (let y = Math.floor(tileY(48.14)); y <= Math.floor(tileY(48.09)); y++) {
      const tile = index.getTile(TILE_ZOOM, x, y);
      if (tile && tile.features.length) out.push({ x, y, bytes: vtpbf.fromGeojsonVt({ transportation: tile }, { version: 2, extent: TILE_EXTENT }) });
    }
  }
  return out;
}
const lengthKm = (coords: number[][]) => coords.slice(1).reduce((s, c, i) => s + haversineM(coords[i][0], coords[i][1], c[0], c[1]), 0) / 1000;
const waysKm = (ways: RoadWay[], roadClass: string) => ways.filter((w) => w.roadClass === roadClass).reduce((s, w) => {
  for (let i = 2; i < w.coords.length; i += 2) s += haversineM(w.coords[i - 2], w.coords[i - 1], w.coords[i], w.coords[i + 1]);
  return s;
}, 0) / 1000;

describe('z14 tiles clipped at a buffer', () => {
  const tiles = clippedTiles();
  const read = () => tiles.flatMap((t) => roadWaysFromTile([t.bytes], t.x, t.y));

  it('cuts each segment at the tile border and counts every road once', () => {
    expect(tiles.length).toBeGreaterThanOrEqual(6);
    const ways = read();
    expect(waysKm(ways, 'primary')).toBeCloseTo(lengthKm(primary), 2);
    expect(waysKm(ways, 'tertiary')).toBeCloseTo(lengthKm(tertiary), 2);
    for (const w of ways) {
      for (let i = 0; i < w.vertexKeys.length; i++) {
        const [lon, lat] = [w.coords[2 * i], w.coords[2 * i + 1]];
        expect(lon).toBeGreaterThan(-1.7051);
        expect(lon).toBeLessThan(-1.6409);
        expect(lat).toBeGreaterThan(48.1009);
        expect(lat).toBeLessThan(48.1331);
      }
    }
  });

  it('joins the two halves of each cut road (stitching)', () => {
    const primaryOnly = () => read().filter((w) => w.roadClass === 'primary');
    const unstitched = buildRoadGraph(primaryOnly()).report;
    const ways = primaryOnly();
    expect(stitchTileEdges(ways)).toBe(5); // the road crosses five tile borders
    const { report } = buildRoadGraph(ways);
    expect(unstitched.largestComponentShareRatio).toBeLessThan(0.6);
    expect(report.largestComponentShareRatio).toBe(1);
    expect(report.keptKm).toBeCloseTo(lengthKm(primary), 2);
  });

  it('drives a oneway −1 road against its drawing order only', () => {
    const ways = read();
    stitchTileEdges(ways);
    expect(ways.filter((w) => w.roadClass === 'tertiary').every((w) => w.oneway === -1)).toBe(true);
    const { graph } = buildRoadGraph(ways, { keepLargestComponent: false });
    const tertiaryEdges = [...Array(graph.edgeCount).keys()].filter((e) => graph.pieceRoadClass[graph.edgePiece[e] >>> 1] === 4);
    expect(tertiaryEdges).toHaveLength(1);
    const c = edgeCoordinates(graph, tertiaryEdges[0]);
    expect(c[0][0]).toBeCloseTo(-1.65, 3); // from the east end…
    expect(c[c.length - 1][0]).toBeCloseTo(-1.7, 3); // …to the west end
  });
});

describe('clipToTile', () => {
  const x0 = 100 * TILE_EXTENT, y0 = 200 * TILE_EXTENT;
  it('keeps the inside part, cut on the border, and the same border point from both tiles', () => {
    const [ax, ay, bx, by] = [x0 + 4000, y0 + 10, x0 + 4200, y0 + 33];
    const left = clipToTile(ax, ay, bx, by, x0, y0)!;
    const right = clipToTile(bx, by, ax, ay, x0 + TILE_EXTENT, y0)!;
    expect(left[1].gx).toBe(x0 + TILE_EXTENT);
    expect(left[1]).toEqual(right[1]); // reversed input, same point
    expect(left[0]).toEqual({ gx: ax, gy: ay });
    expect(right[0]).toEqual({ gx: bx, gy: by });
  });

  it('drops segments outside the tile and those lying on its right or bottom border', () => {
    expect(clipToTile(x0 - 50, y0 + 5, x0 - 10, y0 + 9, x0, y0)).toBeNull();
    expect(clipToTile(x0 + TILE_EXTENT, y0 + 5, x0 + TILE_EXTENT, y0 + 90, x0, y0)).toBeNull();
    expect(clipToTile(x0, y0 + 5, x0, y0 + 90, x0, y0)).not.toBeNull(); // left border: this tile's
    expect(gridToLonLat(x0, y0)[0]).toBeCloseTo(-180 + (100 / 2 ** TILE_ZOOM) * 360, 9);
  });
});
