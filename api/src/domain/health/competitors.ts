import { pointMatrix, type LonLat, type RoutingNetwork } from '../routing/index.js';
import type { Bbox } from '../territory/bbox.js';
import { haversineM } from '../common/geo.js';

/**
 * No road of a graph is faster than this (OSM maxspeed is capped at 200 km/h, then × 0.85), so a site
 * farther than maxDurationSec × this speed as the crow flies cannot be reached in time. Used only to
 * pick the candidates whose drive time is computed; the answer is always the drive time itself.
 */
export const SPEED_BOUND_KMH = 200;
export const MAX_COMPETITOR_MINUTES = 180;

/** Crow-fly radius beyond which no site is reachable within maxDurationSec (plus the snap legs, maxSnapM each). */
export function reachRadiusM(maxDurationSec: number, maxSnapM = 1000): number {
  return (maxDurationSec * SPEED_BOUND_KMH) / 3.6 + 2 * maxSnapM;
}

/** A box around a point containing every point within radiusM (for a bbox query before the exact filter). */
export function bboxAround([lon, lat]: LonLat, radiusM: number): Bbox {
  const dLat = radiusM / 111_195;
  const cos = Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
  const dLon = Math.min(180, dLat / cos);
  return [Math.max(-180, lon - dLon), Math.max(-90, lat - dLat), Math.min(180, lon + dLon), Math.min(90, lat + dLat)];
}

export interface CompetitorSearch<T> {
  /** Candidates within maxDurationSec by their own snapped drive time from the origin, fastest first. */
  competitors: (T & { durationSec: number; distanceM: number })[];
  /** Candidates in the crow-fly reach that no road of the network comes close to (off network). */
  offNetworkCount: number;
  /** Candidates on the network but beyond maxDurationSec or with no route. */
  beyondCount: number;
}

/**
 * Other sites reachable from `origin` within maxDurationSec, by drive time on the road network
 * (bucket CH matrix, one source × the candidates in reach; access legs included, same-street shortcuts).
 * Null when the origin itself cannot be snapped to the network.
 */
export function competitorsWithin<T extends { point: LonLat }>(
  network: RoutingNetwork, origin: LonLat, candidates: readonly T[], maxDurationSec: number,
): CompetitorSearch<T> | null {
  const radiusM = reachRadiusM(maxDurationSec, network.snapOptions.maxSnapDistanceM);
  const inReach = candidates.filter((c) => haversineM(origin[0], origin[1], c.point[0], c.point[1]) <= radiusM);
  const m = pointMatrix(network, [origin], inReach.map((c) => c.point));
  if (m.unsnappedSources.length) return null;
  const offNetwork = new Set(m.unsnappedTargets);
  const competitors: CompetitorSearch<T>['competitors'] = [];
  inReach.forEach((c, j) => {
    const durationSec = m.durationSec[0][j];
    const distanceM = m.distanceM[0][j];
    if (durationSec !== null && distanceM !== null && durationSec <= maxDurationSec) competitors.push({ ...c, durationSec, distanceM });
  });
  competitors.sort((a, b) => a.durationSec - b.durationSec || a.distanceM - b.distanceM);
  return { competitors, offNetworkCount: offNetwork.size, beyondCount: inReach.length - offNetwork.size - competitors.length };
}
