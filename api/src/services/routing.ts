import { existsSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { SCRIPTS_DIR } from '../paths.js';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { healthSitesIn, visibleLayerPointsIn, type Bbox } from '../repositories/points-near.js';
import { ApiError } from '../errors.js';
import {
  createRoutingNetwork, isochroneMembership, metresPerDegree, isochronePolygons, pointMatrix, readGraphFile, routeBetween, snapPoints,
  type GraphFileMeta, type LonLat, type RoutingNetwork, type SnapOptions,
} from '../domain/routing/index.js';

/** Where a point came from in a request: raw coordinates or a commune (its point on surface). */
export type PointInput = LonLat | { communeCode: string };

export interface RoutingStatus {
  active: boolean;
  /** Stable name of the network (graph file name without extension): keys the distancier rows. */
  network?: string;
  /** True while the graph is being built from the committed network (first start). */
  building?: boolean;
  reason?: string;
  graphFile?: string;
  source?: string;
  sourceDate?: string;
  licence?: string;
  attribution?: string;
  profile?: string;
  nodeCount?: number;
  edgeCount?: number;
  bbox?: [number, number, number, number];
  loadMs?: number;
}

export const MAX_MATRIX_POINTS = 2500;
export const MAX_BREAK_MIN = 240;

interface CommunePoint { code: string; name: string; populationCount: number; lon: number; lat: number; zone: string }

/**
 * The active road network, loaded once from its graph file, plus the commune points snapped to it
 * (isochrone membership counts communes by their own drive times, never by polygon intersection).
 */
export class RoutingService {
  private communes?: Promise<CommunePoint[]>;

  private constructor(
    public status: RoutingStatus,
    private network: RoutingNetwork | null,
    private readonly database: Database,
  ) {}

  /** Loads a graph file (with its contraction hierarchy); inactive, with the reason, when absent. */
  static load(database: Database, graphFile: string | undefined): RoutingService {
    const service = new RoutingService({ active: false, reason: 'no road graph configured (MAILLAGE_ROAD_GRAPH)' }, null, database);
    if (graphFile) service.activate(graphFile);
    return service;
  }

  /**
   * The network for `npm start`: an explicit graph file, else the graph built from the committed compact
   * network (cached in cacheDir; built once, in a child process, while the app already serves the map).
   */
  static start(database: Database, options: { graphFile?: string; compactFile: string; cacheDir: string; log(m: string): void }): RoutingService {
    if (options.graphFile) return RoutingService.load(database, options.graphFile);
    if (!existsSync(options.compactFile)) {
      return new RoutingService({ active: false, reason: `no road network: ${options.compactFile} is missing and MAILLAGE_ROAD_GRAPH is unset` }, null, database);
    }
    const cached = join(options.cacheDir, basename(options.compactFile).replace(/\.roads\.json\.gz$/, '') + '.graph');
    if (existsSync(cached) && statSync(cached).mtimeMs >= statSync(options.compactFile).mtimeMs) {
      // Loaded just after the server starts listening: the map is served meanwhile (≈ 0.5 s national graph).
      const service = new RoutingService({ active: false, building: true, reason: 'loading the road network' }, null, database);
      setTimeout(() => {
        service.activate(cached);
        options.log(`road network: ${service.status.nodeCount?.toLocaleString('en')} nodes loaded in ${service.status.loadMs} ms`);
      }, 20);
      return service;
    }
    const service = new RoutingService(
      { active: false, building: true, reason: 'the national road graph is being built from data/roads (first start only, about a minute)' },
      null,
      database,
    );
    options.log(`building the road graph from ${options.compactFile} in the background…`);
    const script = join(SCRIPTS_DIR, 'roads-build-graph.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, options.compactFile, cached], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code === 0) {
        service.activate(cached);
        options.log(`road network ready: ${service.status.nodeCount?.toLocaleString('en')} nodes`);
      } else {
        service.status = { active: false, reason: `building the road graph failed (exit ${code}): ${out.slice(-500)}` };
        options.log(service.status.reason!);
      }
    });
    return service;
  }

  private activate(graphFile: string) {
    if (!existsSync(graphFile)) {
      this.status = { active: false, reason: `road graph file ${graphFile} not found: run \`npm run roads:import -- <file>\`` };
      return;
    }
    const t0 = performance.now();
    const { graph, ch, meta } = readGraphFile(graphFile);
    if (!ch) {
      this.status = { active: false, reason: `${graphFile} has no contraction hierarchy: rebuild it with npm run roads:import` };
      return;
    }
    this.status = statusOf(graphFile, meta, graph.nodeCount, graph.edgeCount, performance.now() - t0);
    // A network may state how points reach it (e.g. the national main-road graph: access over minor roads).
    this.network = createRoutingNetwork(graph, ch, (meta.snap as SnapOptions | undefined) ?? {});
  }

  requireNetwork(): RoutingNetwork {
    if (!this.network) throw new ApiError(503, 'NOT_AVAILABLE', `Drive times are not available: ${this.status.reason}.`);
    return this.network;
  }

  private communePoints(): Promise<CommunePoint[]> {
    this.communes ??= sql<CommunePoint>`
      SELECT code, name, population_count AS "populationCount", zone, ST_X(point) AS lon, ST_Y(point) AS lat
      FROM communes WHERE point IS NOT NULL ORDER BY code`.execute(this.database.db).then((r) => r.rows.map((c) => ({ ...c, lon: Number(c.lon), lat: Number(c.lat) })));
    return this.communes;
  }

  /** Resolves inputs to coordinates; unknown commune codes are a 400 naming the index. */
  async resolvePoints(inputs: PointInput[], field: string): Promise<LonLat[]> {
    const needCommunes = inputs.some((p) => !Array.isArray(p));
    const byCode = needCommunes ? new Map((await this.communePoints()).map((c) => [c.code, c])) : new Map<string, CommunePoint>();
    return inputs.map((p, i) => {
      if (Array.isArray(p)) return p;
      const c = byCode.get(p.communeCode.toUpperCase());
      if (!c) throw new ApiError(400, 'VALIDATION_FAILED', `${field}[${i}]: no commune ${p.communeCode} with a location (COG 2026 code expected).`);
      return [c.lon, c.lat];
    });
  }

  route(from: LonLat, to: LonLat) {
    const network = this.requireNetwork();
    const [a, b] = snapPoints(network, [from, to]);
    if (!a) throw offNetwork('from', from, this.status);
    if (!b) throw offNetwork('to', to, this.status);
    const result = routeBetween(network, from, to);
    return result ?? { durationSec: null, distanceM: null, geometry: null, reason: 'no route between these points on the active network (one-way or closed roads)' };
  }

  matrix(sources: LonLat[], targets: LonLat[]) {
    const network = this.requireNetwork();
    if (sources.length * targets.length > MAX_MATRIX_POINTS * MAX_MATRIX_POINTS || sources.length > MAX_MATRIX_POINTS || targets.length > MAX_MATRIX_POINTS) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `A matrix call takes at most ${MAX_MATRIX_POINTS} sources × ${MAX_MATRIX_POINTS} targets; got ${sources.length} × ${targets.length}. Split it into blocks.`);
    }
    return pointMatrix(network, sources, targets);
  }

  /**
   * Isochrone bands (polygons for display) and what lies inside, each point by its OWN snapped drive time
   * (never by polygon intersection): communes with their population, points of the visible layers, hospital sites.
   */
  async isochrone(origin: LonLat, breaksSec: number[]) {
    const network = this.requireNetwork();
    const [snapped] = snapPoints(network, [origin]);
    if (!snapped) throw offNetwork('origin', origin, this.status);
    const polygons = isochronePolygons(network, origin, breaksSec)!;
    // Nothing beyond a 200 km/h crow-fly reach can be inside: only candidates in that box are snapped.
    const box = reachBox(origin, Math.max(...breaksSec));
    const inBox = (p: { lon: number; lat: number }) => p.lon >= box[0] && p.lon <= box[2] && p.lat >= box[1] && p.lat <= box[3];
    const [communes, customers, sites] = await Promise.all([
      this.communePoints().then((all) => all.filter(inBox)),
      visibleLayerPointsIn(this.database.db, box),
      healthSitesIn(this.database.db, box),
    ]);
    const points: LonLat[] = [...communes, ...customers, ...sites].map((p) => [p.lon, p.lat]);
    const { durationSec } = isochroneMembership(network, origin, points, breaksSec)!;
    const maxSec = Math.max(...breaksSec);
    const within = <T>(items: T[], offset: number) => items
      .map((item, i) => ({ item, durationSec: durationSec[offset + i] }))
      .filter((x): x is { item: T; durationSec: number } => x.durationSec !== null && x.durationSec <= maxSec)
      .sort((a, b) => a.durationSec - b.durationSec);
    const communesIn = within(communes, 0).map(({ item: c, durationSec }) => ({ code: c.code, name: c.name, populationCount: c.populationCount, durationSec }));
    const customersIn = within(customers, communes.length);
    const sitesIn = within(sites, communes.length + customers.length).map(({ item: s, durationSec }) => ({
      finess: s.finess, name: s.name, category: s.category, status: s.status, city: s.city, lon: s.lon, lat: s.lat, durationSec,
    }));
    const countWithin = (times: { durationSec: number }[], b: number) => times.filter((t) => t.durationSec <= b).length;
    const layers = [...new Map(customers.map((c) => [c.layerId, { layerId: c.layerId, name: c.layerName, synthetic: c.synthetic }])).values()].map((l) => {
      const own = customersIn.filter((c) => c.item.layerId === l.layerId);
      return { ...l, countByBreak: breaksSec.map((b) => countWithin(own, b)) };
    });
    const bands = breaksSec.map((b) => {
      const cs = communesIn.filter((c) => c.durationSec <= b);
      return {
        breakSec: b,
        communeCount: cs.length,
        populationCount: cs.reduce((s, c) => s + c.populationCount, 0),
        customerCount: countWithin(customersIn, b),
        healthSiteCount: countWithin(sitesIn, b),
      };
    });
    return {
      origin: { lon: origin[0], lat: origin[1], snappedLon: snapped.snappedLon, snappedLat: snapped.snappedLat },
      polygons,
      bands,
      communes: communesIn,
      /** Visible layers with points inside (counts per break); the nearest 500 points are listed. */
      layers,
      customers: customersIn.slice(0, 500).map(({ item: c, durationSec }) => ({ layerId: c.layerId, key: c.key, name: c.name, category: c.category, lon: c.lon, lat: c.lat, durationSec })),
      healthSites: sitesIn,
    };
  }
}

/** Box around a point holding everything reachable within `maxSec` at ≤ 200 km/h (crow-fly bound, never a result). */
function reachBox([lon, lat]: LonLat, maxSec: number): Bbox {
  const reachM = (maxSec * 200) / 3.6;
  const { mPerDegLon, mPerDegLat } = metresPerDegree(lat);
  return [lon - reachM / mPerDegLon, lat - reachM / mPerDegLat, lon + reachM / mPerDegLon, lat + reachM / mPerDegLat];
}

function statusOf(graphFile: string, meta: GraphFileMeta, nodeCount: number, edgeCount: number, loadMs: number): RoutingStatus {
  return {
    active: true,
    network: basename(graphFile).replace(/\.graph$/, ''),
    graphFile,
    source: meta.source,
    sourceDate: meta.sourceDate,
    licence: meta.licence,
    attribution: meta.attribution,
    profile: meta.profile,
    nodeCount,
    edgeCount,
    bbox: meta.bbox,
    loadMs: Math.round(loadMs),
  };
}

function offNetwork(field: string, p: LonLat, status: RoutingStatus): ApiError {
  const [w, s, e, n] = status.bbox ?? [NaN, NaN, NaN, NaN];
  const outside = !(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  const why = outside
    ? `it lies outside the active road network (${status.source ?? 'unknown'}, bbox ${[w, s, e, n].map((v) => v.toFixed(2)).join(',')}); the five DROM have no road network yet`
    : 'no road of the active network is close enough to snap to';
  return new ApiError(400, 'POINT_OFF_NETWORK', `${field} [${p[0]}, ${p[1]}]: ${why}.`, { field, point: p });
}
