/**
 * Drive-time use cases over the engine host: resolve request points, fastest route, matrix, isochrone.
 * The host (engine/routing-host.ts) owns the graph's lifecycle; this module owns what a request means.
 */
import type { Database } from '../db/database.js';
import { communePoints, type CommunePoint } from '../repositories/points-near.js';
import { ApiError } from '../errors.js';
import { routingText } from '../messages/routing.js';
import { RoutingHost, type RoutingStartOptions, type RoutingStatus } from '../engine/routing-host.js';
import { pointMatrix, routeBetween, snapPoints, type LonLat, type RoutingNetwork } from '../domain/routing/index.js';
import { isochroneAround } from './isochrone.js';
import { noRouteReason, offNetwork, snapReports } from './routing-snap.js';

export type { RoutingStatus } from '../engine/routing-host.js';
export type { PointSnap } from './routing-snap.js';

/** Where a point came from in a request: raw coordinates or a commune (its point on surface). */
export type PointInput = LonLat | { communeCode: string };

export const MAX_MATRIX_POINTS = 2500;
export const MAX_BREAK_MIN = 240;

/**
 * The drive-time features of the active road network (isochrone membership counts communes by their own
 * drive times, never by polygon intersection). Routes call this; the network itself lives in `host`.
 */
export class RoutingService {
  private communes?: Promise<CommunePoint[]>;

  private constructor(readonly host: RoutingHost, private readonly database: Database) {}

  /** Loads a graph file (with its contraction hierarchy); inactive, with the reason, when absent. */
  static load(database: Database, graphFile: string | undefined, options: { maxSnapM?: number } = {}): RoutingService {
    return new RoutingService(RoutingHost.load(graphFile, options), database);
  }

  /** The network for `npm start` (see RoutingHost.start: explicit graph file, else built once from the committed network). */
  static start(database: Database, options: RoutingStartOptions): RoutingService {
    return new RoutingService(RoutingHost.start(options), database);
  }

  get status(): RoutingStatus {
    return this.host.status;
  }

  requireNetwork(): RoutingNetwork {
    return this.host.requireNetwork();
  }

  /** Maximum snap distance of a request's points: the request's maxSnapM, else MAILLAGE_MAX_SNAP_M, else the network's own, else 500 m. */
  maxSnapM(requested?: number): number {
    return this.host.maxSnapM(requested);
  }

  private communePoints(): Promise<CommunePoint[]> {
    this.communes ??= communePoints(this.database.db);
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
    const { host } = this;
    const maxSnapM = host.maxSnapM(requestedMaxSnapM);
    const network = host.snapView(maxSnapM);
    for (const [field, p] of [['from', from], ['to', to]] as const) if (host.outside(p)) throw offNetwork(field, p, host.status, maxSnapM);
    const [a, b] = snapPoints(network, [from, to]);
    const [fromSnap, toSnap] = snapReports(host, [from, to], [a, b], maxSnapM);
    const points = { from: fromSnap, to: toSnap, maxSnapM };
    if (!a || !b) return { durationSec: null, distanceM: null, geometry: null, ...points, reason: (fromSnap.reason ?? toSnap.reason)! };
    const result = routeBetween(network, from, to);
    return result ? { ...result, ...points, reason: null } : { durationSec: null, distanceM: null, geometry: null, ...points, reason: noRouteReason(host, a, b) };
  }

  matrix(sources: LonLat[], targets: LonLat[], requestedMaxSnapM?: number) {
    const { host } = this;
    host.requireNetwork();
    const maxSnapM = host.maxSnapM(requestedMaxSnapM);
    const network = host.snapView(maxSnapM);
    if (sources.length * targets.length > MAX_MATRIX_POINTS * MAX_MATRIX_POINTS || sources.length > MAX_MATRIX_POINTS || targets.length > MAX_MATRIX_POINTS) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', routingText.tooManyPoints(MAX_MATRIX_POINTS, sources.length, targets.length));
    }
    const matrix = pointMatrix(network, sources, targets);
    const snappedSources = snapPoints(network, sources);
    const snappedTargets = targets === sources ? snappedSources : snapPoints(network, targets);
    const sourcePoints = snapReports(host, sources, snappedSources, maxSnapM);
    return { ...matrix, maxSnapM, sourcePoints, targetPoints: targets === sources ? sourcePoints : snapReports(host, targets, snappedTargets, maxSnapM) };
  }

  /** Isochrone bands and what lies inside them (services/isochrone.ts). */
  isochrone(origin: LonLat, breaksSec: number[], requestedMaxSnapM?: number) {
    return isochroneAround(this.host, this.database, () => this.communePoints(), origin, breaksSec, requestedMaxSnapM);
  }
}
