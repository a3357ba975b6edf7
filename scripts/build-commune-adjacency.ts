/**
 * Builds data/territory/commune-adjacency-2026.json.gz: which COG 2026 communes touch which, read off the committed
 * territory topology (data/territory/territory-2026.topo.json.gz). Rook adjacency: two communes are neighbours when
 * their outlines share an arc of the topology (a stretch of common border; a single shared vertex is not enough).
 * The topology was built with shared borders stored once, so no distance tolerance is needed (unlike the PMSI map).
 * An enclave drawn without its hole in the surrounding commune (14512 Pontécoulant inside 14174 Condé-en-Normandie)
 * shares no arc: a commune without neighbour whose outline lies inside another's outer ring is made its neighbour.
 * Communes without outline (the 94 of the overseas collectivities) are absent; the loader lists them as missing.
 * Usage: npm run data:commune-adjacency
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { feature, neighbors } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import { adjacencyFromLists } from '../api/src/domain/basins/adjacency.js';
import { graphComponents, type CommuneAdjacencyArtifact } from '../api/src/domain/sectors/adjacency.js';
import type { TerritoryArtifacts } from '../api/src/domain/territory/artifacts.js';

const TOPO = new URL('../data/territory/territory-2026.topo.json.gz', import.meta.url).pathname;
const TERRITORY = new URL('../data/territory/territory-2026.json.gz', import.meta.url).pathname;
const OUT = new URL('../data/territory/commune-adjacency-2026.json.gz', import.meta.url).pathname;

const t0 = Date.now();
const topo = JSON.parse(gunzipSync(readFileSync(TOPO)).toString()) as Topology;
const territory = JSON.parse(gunzipSync(readFileSync(TERRITORY)).toString()) as TerritoryArtifacts;
const geoms = (topo.objects.communes as unknown as { geometries: (GeometryObject & { id: string })[] }).geometries;
const polyNeighbours = neighbors(geoms as never);

const codeOf = geoms.map((g) => String(g.id));
const codes = [...new Set(codeOf)].sort();
const idx = new Map(codes.map((c, i) => [c, i]));
const lists: number[][] = codes.map(() => []);
polyNeighbours.forEach((ns, p) => { for (const q of ns) lists[idx.get(codeOf[p])!].push(idx.get(codeOf[q])!); });
const enclaves = enclaveHosts(lists);
for (const [e, host] of enclaves) lists[e].push(host);
const adj = adjacencyFromLists(lists);

/** Outer rings of commune p (lon, lat). */
function outerRings(p: number): number[][][] {
  const g = feature(topo, geoms[p] as never).geometry as unknown as GeoJSON.Polygon | GeoJSON.MultiPolygon;
  return g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((poly) => poly[0]);
}

function insideRing([x, y]: number[], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** [commune, host] for each commune without neighbour whose first vertex lies inside another commune's outer ring. */
function enclaveHosts(neighbourLists: number[][]): [number, number][] {
  const alone = codes.map((_, i) => i).filter((i) => neighbourLists[i].length === 0);
  const out: [number, number][] = [];
  for (const a of alone) {
    const point = outerRings(geoms.findIndex((g) => String(g.id) === codes[a]))[0][0];
    const host = geoms.findIndex((g, p) => String(g.id) !== codes[a] && outerRings(p).some((ring) => insideRing(point, ring)));
    if (host >= 0) out.push([a, idx.get(codeOf[host])!]);
  }
  return out;
}

const artifact: CommuneAdjacencyArtifact = {
  source: 'data/territory/territory-2026.topo.json.gz (IGN Admin Express COG 2018 outlines re-keyed to COG 2026, Licence Ouverte)',
  year: 2026,
  rule: 'rook: outlines share at least one arc of the territory topology (a common stretch of border, not a single point); '
    + 'an enclave drawn inside another commune without a hole is that commune\'s neighbour',
  codes,
  offsets: [...adj.offsets],
  neighbours: [...adj.neighbours],
};
writeFileSync(OUT, gzipSync(JSON.stringify(artifact), { level: 9 }));

// Report: counts, islands, graph components other than the largest of each zone.
const communeByCode = new Map(territory.communes.map((c) => [c.code, c]));
const withoutOutline = territory.communes.filter((c) => !idx.has(c.code)).length;
const isolated = codes.filter((_, i) => adj.offsets[i + 1] === adj.offsets[i]);
const { componentOf, componentCount } = graphComponents(adj);
const members: string[][] = Array.from({ length: componentCount }, () => []);
codes.forEach((c, i) => members[componentOf[i]].push(c));
const label = (c: string) => `${c} ${communeByCode.get(c)?.name ?? '?'}`;
console.log(`${codes.length} communes with outline (${withoutOutline} of COG 2026 without), ${adj.neighbours.length / 2} neighbour pairs, `
  + `mean degree ${(adj.neighbours.length / codes.length).toFixed(2)}, max ${Math.max(...codes.map((_, i) => adj.offsets[i + 1] - adj.offsets[i]))}`);
console.log(`enclaves without shared border: ${enclaves.map(([e, h]) => `${label(codes[e])} in ${label(codes[h])}`).join(', ') || 'none'}`);
console.log(`${componentCount} connected components; sizes > 1: ${members.filter((m) => m.length > 1).map((m) => `${m.length} (${label(m[0])}…)`).join('; ')}`);
console.log(`${isolated.length} communes without neighbour: ${isolated.map(label).join(', ')}`);
console.log(`${OUT}: ${(statSync(OUT).size / 1024).toFixed(0)} KiB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
