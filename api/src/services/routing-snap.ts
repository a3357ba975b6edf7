/** What the drive-time use cases say about points and the network: where each point met the road, why there is no route. */
import { ApiError } from '../errors.js';
import { routingText } from '../messages/routing.js';
import type { RoutingHost, RoutingStatus } from '../engine/routing-host.js';
import { pieceComponent, snapPoints, type LonLat, type SnappedPoint } from '../domain/routing/index.js';

/** Where a point of a request met the road network; null (with the reason) beyond the maximum snap distance. */
export interface PointSnap {
  lonLat: LonLat;
  snappedLonLat: LonLat | null;
  snapDistanceM: number | null;
  reason: string | null;
}

/** Per point: where it met the road and how far, or null with the reason (the nearest road's distance when under 50 km). */
export function snapReports(host: RoutingHost, points: readonly LonLat[], snapped: (SnappedPoint | null)[], maxSnapM: number): PointSnap[] {
  return points.map((p, i) => {
    const s = snapped[i];
    if (s) return { lonLat: p, snappedLonLat: [round6(s.snappedLon), round6(s.snappedLat)], snapDistanceM: Math.round(s.snapDistanceM * 10) / 10, reason: null };
    const [far] = snapPoints(host.snapView(Math.max(maxSnapM, 50_000)), [p]);
    return { lonLat: p, snappedLonLat: null, snapDistanceM: null, reason: routingText.tooFarFromRoad(far ? far.snapDistanceM : null, maxSnapM) };
  });
}

/** Why two snapped points have no route: separate road networks (an island), or one-way/closed roads. */
export function noRouteReason(host: RoutingHost, a: SnappedPoint, b: SnappedPoint): string {
  const { graph } = host.requireNetwork();
  const components = host.components();
  return pieceComponent(graph, components, a.piece) === pieceComponent(graph, components, b.piece)
    ? routingText.noRouteOneWay
    : routingText.noRoadLink;
}

/** 400 POINT_OFF_NETWORK: outside the network's extent (wrong place, swapped coordinates) or farther than maxSnapM from a road. */
export function offNetwork(field: string, p: LonLat, status: RoutingStatus, maxSnapM: number): ApiError {
  const [w, s, e, n] = status.bbox ?? [NaN, NaN, NaN, NaN];
  const outside = !(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  const message = outside
    ? routingText.offNetworkOutside(field, p, status.source ?? 'source inconnue', [w, s, e, n].map((v) => v.toFixed(2)).join(','))
    : routingText.offNetworkFar(field, p, maxSnapM);
  return new ApiError(400, 'POINT_OFF_NETWORK', message, { field, point: p, maxSnapM });
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
