import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';
import {
  createRoutingNetwork, isochroneMembership, isochronePolygons, pointMatrix, readGraphFile, routeBetween, snapPoints,
  type GraphFileMeta, type LonLat, type RoutingNetwork,
} from '../domain/routing/index.js';

/** Where a point came from in a request: raw coordinates or a commune (its point on surface). */
export type PointInput = LonLat | { communeCode: string };

export interface RoutingStatus {
  active: boolean;
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
    readonly status: RoutingStatus,
    private readonly network: RoutingNetwork | null,
    private readonly database: Database,
  ) {}

  static load(database: Database, graphFile: string | undefined): RoutingService {
    if (!graphFile || !existsSync(graphFile)) {
      const reason = graphFile ? `road graph file ${graphFile} not found: run \`npm run roads:import -- <file>\`` : 'no road graph configured (MAILLAGE_ROAD_GRAPH)';
      return new RoutingService({ active: false, reason }, null, database);
    }
    const t0 = performance.now();
    const { graph, ch, meta } = readGraphFile(graphFile);
    if (!ch) return new RoutingService({ active: false, reason: `${graphFile} has no contraction hierarchy: rebuild it with npm run roads:import` }, null, database);
    const loadMs = performance.now() - t0;
    return new RoutingService(statusOf(graphFile, meta, graph.nodeCount, graph.edgeCount, loadMs), createRoutingNetwork(graph, ch), database);
  }

  private requireNetwork(): RoutingNetwork {
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

  async isochrone(origin: LonLat, breaksSec: number[]) {
    const network = this.requireNetwork();
    const [snapped] = snapPoints(network, [origin]);
    if (!snapped) throw offNetwork('origin', origin, this.status);
    const polygons = isochronePolygons(network, origin, breaksSec)!;
    const communes = await this.communePoints();
    const membership = isochroneMembership(network, origin, communes.map((c) => [c.lon, c.lat]), breaksSec)!;
    const inside = communes
      .map((c, i) => ({ code: c.code, name: c.name, populationCount: c.populationCount, durationSec: membership.durationSec[i] }))
      .filter((c) => c.durationSec !== null && c.durationSec <= Math.max(...breaksSec))
      .sort((a, b) => a.durationSec! - b.durationSec!);
    const bands = breaksSec.map((b, k) => {
      const within = inside.filter((c) => c.durationSec! <= b);
      return { breakSec: b, communeCount: membership.countByBreak[k], populationCount: within.reduce((s, c) => s + c.populationCount, 0) };
    });
    return { origin: { lon: origin[0], lat: origin[1], snappedLon: snapped.snappedLon, snappedLat: snapped.snappedLat }, polygons, bands, communes: inside };
  }
}

function statusOf(graphFile: string, meta: GraphFileMeta, nodeCount: number, edgeCount: number, loadMs: number): RoutingStatus {
  return {
    active: true,
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
