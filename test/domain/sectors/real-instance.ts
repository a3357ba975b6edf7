/**
 * Real sector instances from the committed data, for the tests and the national measurement (measure-national.ts):
 * the COG 2026 communes of a set of départements with their outline (territory topology), the committed commune
 * adjacency, a point per commune (area-weighted centroid of its largest part) and its area.
 * SYNTHETIC measures: workload = 1 + ⌊√population⌋ "accounts" (fewer per inhabitant in big towns), compactness
 * weight = workload; CROW-FLY times: great-circle distance × 1.3 (detour) at 60 km/h — the routing service's drive
 * times replace them in the app.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { feature } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import { haversineM } from '../../../api/src/domain/common/geo.js';
import { adjacencyForCodes, chooseBases, type CommuneAdjacencyArtifact, type SectorInstance } from '../../../api/src/domain/sectors/index.js';
import type { TerritoryArtifacts } from '../../../api/src/domain/territory/artifacts.js';

const DATA = new URL('../../../data/territory/', import.meta.url).pathname;
const readGz = <T>(file: string) => JSON.parse(gunzipSync(readFileSync(DATA + file)).toString()) as T;

export interface RealCommunes { codes: string[]; lon: Float64Array; lat: Float64Array; areaKm2: Float64Array; population: Float64Array; artifact: CommuneAdjacencyArtifact }

/** Centroid and area (km², equirectangular at the ring's latitude) of the largest outer ring. */
function ringStats(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): { lon: number; lat: number; areaKm2: number } {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best = { lon: 0, lat: 0, a: 0 };
  let total = 0;
  for (const poly of polys) {
    const ring = poly[0];
    let a = 0; let cx = 0; let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f; cx += (ring[j][0] + ring[i][0]) * f; cy += (ring[j][1] + ring[i][1]) * f;
    }
    a /= 2;
    const areaKm2 = Math.abs(a) * 111.32 * 111.32 * Math.cos((ring[0][1] * Math.PI) / 180);
    total += areaKm2;
    if (Math.abs(a) > Math.abs(best.a)) best = { lon: cx / (6 * a), lat: cy / (6 * a), a };
  }
  return { lon: best.lon, lat: best.lat, areaKm2: total };
}

/** Communes of the given départements ('metro' = all of metropolitan France, Corsica included). */
export function realCommunes(departements: string[] | 'metro'): RealCommunes {
  const topo = readGz<Topology>('territory-2026.topo.json.gz');
  const territory = readGz<TerritoryArtifacts>('territory-2026.json.gz');
  const artifact = readGz<CommuneAdjacencyArtifact>('commune-adjacency-2026.json.gz');
  const keep = new Map(territory.communes
    .filter((c) => (departements === 'metro' ? c.zone === 'metro' : departements.includes(c.departementCode)))
    .map((c) => [c.code, c.populationCount ?? 0]));
  const geoms = (topo.objects.communes as unknown as { geometries: (GeometryObject & { id: string })[] }).geometries.filter((g) => keep.has(String(g.id)));
  geoms.sort((a, b) => (a.id < b.id ? -1 : 1));
  const n = geoms.length;
  const out: RealCommunes = { codes: [], lon: new Float64Array(n), lat: new Float64Array(n), areaKm2: new Float64Array(n), population: new Float64Array(n), artifact };
  geoms.forEach((g, i) => {
    const s = ringStats(feature(topo, g as never).geometry as unknown as GeoJSON.Polygon | GeoJSON.MultiPolygon);
    out.codes.push(String(g.id)); out.lon[i] = s.lon; out.lat[i] = s.lat; out.areaKm2[i] = s.areaKm2; out.population[i] = keep.get(String(g.id))!;
  });
  return out;
}

export const CROW_FLY_DETOUR = 1.3;
export const CROW_FLY_SPEED_MS = 60 / 3.6;
export const crowFlySec = (r: RealCommunes, a: number, b: number) => (haversineM(r.lon[a], r.lat[a], r.lon[b], r.lat[b]) * CROW_FLY_DETOUR) / CROW_FLY_SPEED_MS;

/** A sector instance over `r` with k bases chosen by p-median among the `candidateCount` most populated communes. */
export function realInstance(r: RealCommunes, k: number, candidateCount: number): { instance: SectorInstance; bases: string[]; pmedianSec: number } {
  const n = r.codes.length;
  const workload = Float64Array.from(r.population, (p) => 1 + Math.floor(Math.sqrt(p)));
  const candidates = [...r.codes.keys()].sort((a, b) => r.population[b] - r.population[a]).slice(0, candidateCount);
  const t0 = Date.now();
  const candTimes = new Float32Array(candidates.length * n);
  candidates.forEach((j, q) => { for (let c = 0; c < n; c++) candTimes[q * n + c] = crowFlySec(r, j, c); });
  const pm = chooseBases({ candidateCount: candidates.length, communeCount: n, timeSec: candTimes, weight: workload, k });
  const baseCommune = Int32Array.from(pm.bases, (q) => candidates[q]);
  const timeSec = new Float32Array(k * n);
  baseCommune.forEach((b, s) => { for (let c = 0; c < n; c++) timeSec[s * n + c] = crowFlySec(r, b, c); });
  const { adjacency } = adjacencyForCodes(r.artifact, r.codes);
  return {
    instance: { communeCount: n, sectorCount: k, adjacency, baseCommune, timeSec, workload, weight: workload, potential: r.population, areaKm2: r.areaKm2 },
    bases: [...baseCommune].map((b) => r.codes[b]),
    pmedianSec: (Date.now() - t0) / 1000,
  };
}
