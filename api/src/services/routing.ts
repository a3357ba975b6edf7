import { existsSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { SCRIPTS_DIR } from '../paths.js';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { healthSitesIn, visibleLayerPointsIn, type Bbox } from '../repositories/points-near.js';
import { ApiError } from '../errors.js';
import { routingText } from '../messages/routing.js';
import {
  DEFAULT_SNAP, buildSnapIndex, createRoutingNetwork, isochroneMembership, metresPerDegree, isochronePolygons, pieceComponent, pointMatrix,
  readGraphFile, roadComponents, routeBetween, snapPoints,
  type GraphFileMeta, type LonLat, type RoutingNetwork, type SnapOptions, type SnappedPoint,
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
/** Default maximum snap distance of the points a request sends, unless the network states its own (national main roads: 5 km). */
export const DEFAULT_MAX_SNAP_M = 500;
/** Where a point of a request met the road network; null (with the reason) beyond the maximum snap distance. */
export interface PointSnap {
  lonLat: LonLat;
  snappedLonLat: LonLat | null;
  snapDistanceM: number | null;
  reason: string | null;
}
export const MAX_BREAK_MIN = 240;

interface CommunePoint { code: string; name: string; populationCount: number; lon: number; lat: number; zone: string }

/**
 * The active road network, loaded once from its graph file, plus the commune points snapped to it
 * (isochrone membership counts communes by their own drive times, never by polygon intersection).
 */
export class RoutingService {
  private communes?: Promise<CommunePoint[]>;
  /** MAILLAGE_MAX_SNAP_M: the maximum snap distance when a request gives none. */
  private maxSnapFromEnv?: number;
  private views = new Map<number, RoutingNetwork>();
  private components?: Int32Array;

  private constructor(
    public status: RoutingStatus,
    private network: RoutingNetwork | null,
    private readonly database: Database,
  ) {}

  /** Loads a graph file (with its contraction hierarchy); inactive, with the reason, when absent. */
  static load(database: Database, graphFile: string | undefined, options: { maxSnapM?: number } = {}): RoutingService {
    const service = new RoutingService({ active: false, reason: routingText.status.noGraphConfigured }, null, database);
    service.maxSnapFromEnv = options.maxSnapM;
    if (graphFile) service.activate(graphFile);
    return service;
  }

  /**
   * The network for `npm start`: an explicit graph file, else the graph built from the committed compact
   * network (cached in cacheDir; built once, in a child process, while the app already serves the map).
   */
  static start(database: Database, options: { graphFile?: string; compactFile: string; cacheDir: string; maxSnapM?: number; log(m: string): void }): RoutingService {
    if (options.graphFile) return RoutingService.load(database, options.graphFile, options);
    if (!existsSync(options.compactFile)) {
      return RoutingService.inactive(database, { active: false, reason: routingText.status.missingCompact(options.compactFile) }, options.maxSnapM);
    }
    const cached = join(options.cacheDir, basename(options.compactFile).replace(/\.roads\.json\.gz$/, '') + '.graph');
    if (existsSync(cached) && statSync(cached).mtimeMs >= statSync(options.compactFile).mtimeMs) {
      // Loaded just after the server starts listening: the map is served meanwhile (≈ 0.5 s national graph).
      const service = RoutingService.inactive(database, { active: false, building: true, reason: routingText.status.loading }, options.maxSnapM);
      setTimeout(() => {
        service.activate(cached);
        options.log(`road network: ${service.status.nodeCount?.toLocaleString('en')} nodes loaded in ${service.status.loadMs} ms`);
      }, 20);
      return service;
    }
    const service = RoutingService.inactive(database, { active: false, building: true, reason: routingText.status.building }, options.maxSnapM);
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
        service.status = { active: false, reason: routingText.status.buildFailed(code, out.slice(-500)) };
        options.log(service.status.reason!);
      }
    });
    return service;
  }

  private static inactive(database: Database, status: RoutingStatus, maxSnapM: number | undefined): RoutingService {
    const service = new RoutingService(status, null, database);
    service.maxSnapFromEnv = maxSnapM;
    return service;
  }

  private activate(graphFile: string) {
    if (!existsSync(graphFile)) {
      this.status = { active: false, reason: routingText.status.graphMissing(graphFile) };
      return;
    }
    const t0 = performance.now();
    const { graph, ch, meta } = readGraphFile(graphFile);
    if (!ch) {
      this.status = { active: false, reason: routingText.status.noHierarchy(graphFile) };
      return;
    }
    this.status = statusOf(graphFile, meta, graph.nodeCount, graph.edgeCount, performance.now() - t0);
    // A network may state how points reach it (e.g. the national main-road graph: access over minor roads).
    this.network = createRoutingNetwork(graph, ch, (meta.snap as SnapOptions | undefined) ?? {});
  }

  requireNetwork(): RoutingNetwork {
    if (!this.network) throw new ApiError(503, 'NOT_AVAILABLE', routingText.notAvailable(this.status.reason ?? ''));
    return this.network;
  }

  /** Maximum snap distance of a request's points: the request's maxSnapM, else MAILLAGE_MAX_SNAP_M, else the network's own, else 500 m. */
  maxSnapM(requested?: number): number {
    return requested ?? this.maxSnapFromEnv ?? this.network?.snapOptions.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_M;
  }

  /** The active network snapping at most `maxSnapM` away (shares the graph, hierarchy and snapping index). */
  private snapView(maxSnapM: number): RoutingNetwork {
    const network = this.requireNetwork();
    network.snapIndex ??= buildSnapIndex(network.graph);
    let view = this.views.get(maxSnapM);
    if (!view) {
      view = { ...network, snapOptions: { ...DEFAULT_SNAP, ...network.snapOptions, maxSnapDistanceM: maxSnapM } };
      this.views.set(maxSnapM, view);
    }
    return view;
  }

  /** Per point: where it met the road and how far, or null with the reason (the nearest road's distance when under 50 km). */
  private snapReports(points: readonly LonLat[], snapped: (SnappedPoint | null)[], maxSnapM: number): PointSnap[] {
    return points.map((p, i) => {
      const s = snapped[i];
      if (s) return { lonLat: p, snappedLonLat: [round6(s.snappedLon), round6(s.snappedLat)], snapDistanceM: Math.round(s.snapDistanceM * 10) / 10, reason: null };
      const [far] = snapPoints(this.snapView(Math.max(maxSnapM, 50_000)), [p]);
      return { lonLat: p, snappedLonLat: null, snapDistanceM: null, reason: routingText.tooFarFromRoad(far ? far.snapDistanceM : null, maxSnapM) };
    });
  }

  /** Why two snapped points have no route: separate road networks (an island), or one-way/closed roads. */
  private noRouteReason(a: SnappedPoint, b: SnappedPoint): string {
    const { graph } = this.requireNetwork();
    this.components ??= roadComponents(graph);
    return pieceComponent(graph, this.components, a.piece) === pieceComponent(graph, this.components, b.piece)
      ? routingText.noRouteOneWay
      : routingText.noRoadLink;
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
      if (!c) throw new ApiError(400, 'VALIDATION_FAILED', routingText.unknownCommune(field, i, p.communeCode));
      return [c.lon, c.lat];
    });
  }

  /**
   * Fastest route. A point outside the network's extent is a 400 (wrong place or swapped coordinates); a point
   * farther than maxSnapM from every road is answered with `snappedLonLat: null` and the reason, and no route.
   */
  route(from: LonLat, to: LonLat, requestedMaxSnapM?: number) {
    const maxSnapM = this.maxSnapM(requestedMaxSnapM);
    const network = this.snapView(maxSnapM);
    for (const [field, p] of [['from', from], ['to', to]] as const) if (this.outside(p)) throw offNetwork(field, p, this.status, maxSnapM);
    const [a, b] = snapPoints(network, [from, to]);
    const [fromSnap, toSnap] = this.snapReports([from, to], [a, b], maxSnapM);
    const points = { from: fromSnap, to: toSnap, maxSnapM };
    if (!a || !b) return { durationSec: null, distanceM: null, geometry: null, ...points, reason: (fromSnap.reason ?? toSnap.reason)! };
    const result = routeBetween(network, from, to);
    return result ? { ...result, ...points, reason: null } : { durationSec: null, distanceM: null, geometry: null, ...points, reason: this.noRouteReason(a, b) };
  }

  private outside(p: LonLat): boolean {
    const [w, s, e, n] = this.status.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
    return !(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  }

  matrix(sources: LonLat[], targets: LonLat[], requestedMaxSnapM?: number) {
    this.requireNetwork();
    const maxSnapM = this.maxSnapM(requestedMaxSnapM);
    const network = this.snapView(maxSnapM);
    if (sources.length * targets.length > MAX_MATRIX_POINTS * MAX_MATRIX_POINTS || sources.length > MAX_MATRIX_POINTS || targets.length > MAX_MATRIX_POINTS) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', routingText.tooManyPoints(MAX_MATRIX_POINTS, sources.length, targets.length));
    }
    const matrix = pointMatrix(network, sources, targets);
    const snappedSources = snapPoints(network, sources);
    const snappedTargets = targets === sources ? snappedSources : snapPoints(network, targets);
    const sourcePoints = this.snapReports(sources, snappedSources, maxSnapM);
    return { ...matrix, maxSnapM, sourcePoints, targetPoints: targets === sources ? sourcePoints : this.snapReports(targets, snappedTargets, maxSnapM) };
  }

  /**
   * Isochrone bands (polygons for display) and what lies inside, each point by its OWN snapped drive time
   * (never by polygon intersection): communes with their population, points of the visible layers, hospital sites.
   */
  async isochrone(origin: LonLat, breaksSec: number[], requestedMaxSnapM?: number) {
    const maxSnapM = this.maxSnapM(requestedMaxSnapM);
    // The origin and every point inside (communes, customers, sites) snap within the same limit as a matrix would.
    const network = this.snapView(maxSnapM);
    const [snapped] = snapPoints(network, [origin]);
    if (!snapped) throw offNetwork('origin', origin, this.status, maxSnapM);
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
    const membership = isochroneMembership(network, origin, points, breaksSec)!;
    const { durationSec } = membership;
    const maxSec = Math.max(...breaksSec);
    const sortedBreaks = [...breaksSec].sort((a, b) => a - b);
    const within = <T>(items: T[], offset: number, times: (number | null)[] = durationSec) => items
      .map((item, i) => ({ item, index: offset + i, durationSec: times[offset + i] }))
      .filter((x): x is { item: T; index: number; durationSec: number } => x.durationSec !== null && x.durationSec <= maxSec)
      .sort((a, b) => a.durationSec - b.durationSec);
    // A commune counts by the drive time to the road nearest its point (no off-network access leg): the time the
    // bands show there (routingText.communeTimeRule). Its smallest band is given, so list and counts agree.
    const communesIn = within(communes, 0, membership.roadDurationSec).map(({ item: c, index, durationSec }) => {
      const road = membership.snapped[index]!;
      return {
        code: c.code, name: c.name, populationCount: c.populationCount, durationSec,
        bandBreakSec: sortedBreaks.find((b) => durationSec <= b)!,
        pointLonLat: [c.lon, c.lat] as LonLat,
        roadLonLat: [round6(road.snappedLon), round6(road.snappedLat)] as LonLat,
        snapDistanceM: Math.round(road.snapDistanceM),
      };
    });
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
      origin: {
        lon: origin[0], lat: origin[1], snappedLon: snapped.snappedLon, snappedLat: snapped.snappedLat,
        snappedLonLat: [round6(snapped.snappedLon), round6(snapped.snappedLat)] as LonLat, snapDistanceM: Math.round(snapped.snapDistanceM * 10) / 10,
      },
      maxSnapM,
      polygons,
      bands,
      communeTimeRule: routingText.communeTimeRule,
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

function offNetwork(field: string, p: LonLat, status: RoutingStatus, maxSnapM: number): ApiError {
  const [w, s, e, n] = status.bbox ?? [NaN, NaN, NaN, NaN];
  const outside = !(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  const message = outside
    ? routingText.offNetworkOutside(field, p, status.source ?? 'source inconnue', [w, s, e, n].map((v) => v.toFixed(2)).join(','))
    : routingText.offNetworkFar(field, p, maxSnapM);
  return new ApiError(400, 'POINT_OFF_NETWORK', message, { field, point: p, maxSnapM });
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
