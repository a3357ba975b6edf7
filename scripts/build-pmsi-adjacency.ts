/**
 * Builds data/health/pmsi-adjacency-2017.json.gz: which PMSI codes géo touch which, from the ATIH 2017 base map
 * (../shared/data/health/pmsi_geo/atih_fond_2017, Lambert-93). Rook adjacency: two zones are neighbours when their
 * outlines share an edge — read off a topology (topojson-server), whose shared arcs are exactly those edges — OR run
 * side by side within NEAR_M metres over at least NEAR_MIN_LENGTH_M (the ATIH map is not fully topological: Paris's
 * arrondissements are drawn coarser than the petite couronne, leaving gaps of up to ~50 m along the périphérique).
 * Several polygons with one code (a zone in pieces) are merged into one code.
 * Usage: npm run data:pmsi-adjacency [-- --raw ../shared/data]
 */
import { writeFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as shapefile from 'shapefile';
import { topology } from 'topojson-server';
import { neighbors } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import { adjacencyFromLists, type AdjacencyArtifact } from '../api/src/domain/basins/adjacency.js';

const args = process.argv.slice(2);
const RAW = (args.includes('--raw') ? args[args.indexOf('--raw') + 1] : new URL('../../shared/data', import.meta.url).pathname).replace(/\/$/, '');
const SHP = `${RAW}/health/pmsi_geo/atih_fond_2017/atih_metropole_fondpmsi2017_z.shp`;
const OUT = new URL('../data/health/pmsi-adjacency-2017.json.gz', import.meta.url).pathname;

const NEAR_M = 60;
const SAMPLE_M = 25;
const NEAR_MIN_LENGTH_M = 300;

/**
 * Zone pairs whose outlines run within NEAR_M of each other over ≥ NEAR_MIN_LENGTH_M: outlines sampled every
 * SAMPLE_M metres (Lambert-93), samples hashed on a NEAR_M grid; a pair counts the samples of one zone with a sample
 * of the other within NEAR_M (either direction).
 */
function nearPairs(zoneOf: number[], feats: GeoJSON.Feature[]): [number, number][] {
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  feats.forEach((f, p) => {
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const ring of rings) {
      for (let k = 1; k < ring.length; k++) {
        const [x0, y0] = ring[k - 1];
        const [x1, y1] = ring[k];
        const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / SAMPLE_M));
        for (let s = 0; s < steps; s++) { xs.push(x0 + ((x1 - x0) * s) / steps); ys.push(y0 + ((y1 - y0) * s) / steps); zs.push(zoneOf[p]); }
      }
    }
  });
  const cell = new Map<string, number[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  for (let i = 0; i < xs.length; i++) {
    const k = key(Math.floor(xs[i] / NEAR_M), Math.floor(ys[i] / NEAR_M));
    (cell.get(k) ?? cell.set(k, []).get(k)!).push(i);
  }
  const count = new Map<number, number>();
  const Z = Math.max(...zoneOf) + 1;
  for (let i = 0; i < xs.length; i++) {
    const cx = Math.floor(xs[i] / NEAR_M);
    const cy = Math.floor(ys[i] / NEAR_M);
    const seen = new Set<number>();
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const j of cell.get(key(cx + dx, cy + dy)) ?? []) {
        if (zs[j] !== zs[i] && !seen.has(zs[j]) && Math.hypot(xs[j] - xs[i], ys[j] - ys[i]) <= NEAR_M) seen.add(zs[j]);
      }
    }
    for (const z of seen) count.set(zs[i] * Z + z, (count.get(zs[i] * Z + z) ?? 0) + 1);
  }
  const minSamples = NEAR_MIN_LENGTH_M / SAMPLE_M;
  const out: [number, number][] = [];
  for (const [k, n] of count) if (n >= minSamples) out.push([Math.floor(k / Z), k % Z]);
  console.log(`${xs.length} outline samples`);
  return out;
}

const t0 = Date.now();
const src = await shapefile.open(SHP, undefined, { encoding: 'utf-8' });
const features: GeoJSON.Feature[] = [];
for (let r = await src.read(); !r.done; r = await src.read()) if (r.value.geometry) features.push(r.value as GeoJSON.Feature);
console.log(`${features.length} polygons read`);

// Quantize to 10^7 steps per axis (≈ 0.1 m over metropolitan France) so that vertices digitised twice along one border coincide.
const collection: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
const topo = topology({ z: collection } as never, 1e7) as unknown as Topology;
const geoms = (topo.objects.z as unknown as { geometries: GeometryObject[] }).geometries;
const polyNeighbours = neighbors(geoms as never);

const codeOf = features.map((f) => String((f.properties as Record<string, unknown>).code_pmsi).trim());
const codes = [...new Set(codeOf)].sort();
const idx = new Map(codes.map((c, i) => [c, i]));
const lists: number[][] = codes.map(() => []);
polyNeighbours.forEach((ns, p) => { for (const q of ns) lists[idx.get(codeOf[p])!].push(idx.get(codeOf[q])!); });
const arcPairs = adjacencyFromLists(lists).neighbours.length / 2;
const near = nearPairs(codeOf.map((c) => idx.get(c)!), features);
for (const [a, b] of near) lists[a].push(b);
const adj = adjacencyFromLists(lists);
console.log(`${arcPairs} pairs sharing an arc, ${adj.neighbours.length / 2 - arcPairs} more side by side within ${NEAR_M} m`);

const isolated = codes.filter((_, i) => adj.offsets[i + 1] === adj.offsets[i]);
const artifact: AdjacencyArtifact = {
  source: 'ATIH, fond de carte PMSI 2017 (codes géographiques, métropole), seydoug007/Cartographie atih_metropole_fondpmsi2017_z.shp',
  year: 2017,
  rule: `rook: outlines share an edge (topology arc, coordinates quantized to 10^7 steps per axis, ≈ 0.1 m) or run within ${NEAR_M} m of each other over ≥ ${NEAR_MIN_LENGTH_M} m`,
  codes,
  offsets: [...adj.offsets],
  neighbours: [...adj.neighbours],
};
writeFileSync(OUT, gzipSync(JSON.stringify(artifact), { level: 9 }));
const degrees = codes.map((_, i) => adj.offsets[i + 1] - adj.offsets[i]);
console.log(`${codes.length} codes, ${adj.neighbours.length / 2} neighbour pairs, mean degree ${(adj.neighbours.length / codes.length).toFixed(2)}, `
  + `max ${Math.max(...degrees)}; isolated ${isolated.length}: ${isolated.join(' ')}`);
console.log(`${OUT}: ${(statSync(OUT).size / 1024).toFixed(0)} KiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
