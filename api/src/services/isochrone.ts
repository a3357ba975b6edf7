/**
 * Isochrone use case: bands (polygons for display) around an origin and what lies inside, each point by its
 * OWN snapped drive time (never by polygon intersection): communes with their population, points of the
 * visible layers, hospital sites.
 */
import type { Database } from '../db/database.js';
import { healthSitesIn, visibleLayerPointsIn, type Bbox, type CommunePoint, type LayerPoint } from '../repositories/points-near.js';
import { routingText } from '../messages/routing.js';
import type { RoutingHost } from '../engine/routing-host.js';
import { isochroneMembership, isochronePolygons, metresPerDegree, snapPoints, type LonLat } from '../domain/routing/index.js';
import { aggregateOverMembership, countIn, type TimedMember } from '../domain/indicators/membership.js';
import { TERRITORY_DEFS } from '../domain/indicators/providers/territory.js';
import { HEALTH_DEFS, healthSitePointFacts } from '../domain/indicators/providers/health.js';
import { layerCountId, layerDefs, layerPointFacts } from '../domain/indicators/providers/layers.js';
import { loadFacts } from './indicator-facts.js';
import { offNetwork, round6 } from './routing-snap.js';

const POPULATION = TERRITORY_DEFS.find((d) => d.id === 'population')!;
const HEALTH_SITES = HEALTH_DEFS.find((d) => d.id === 'health_site_count')!;

export async function isochroneAround(
  host: RoutingHost, database: Database, communePoints: () => Promise<CommunePoint[]>,
  origin: LonLat, breaksSec: number[], requestedMaxSnapM?: number,
) {
  const maxSnapM = host.maxSnapM(requestedMaxSnapM);
  // The origin and every point inside (communes, customers, sites) snap within the same limit as a matrix would.
  const network = host.snapView(maxSnapM);
  const [snapped] = snapPoints(network, [origin]);
  if (!snapped) throw offNetwork('origin', origin, host.status, maxSnapM);
  const polygons = isochronePolygons(network, origin, breaksSec)!;
  // Nothing beyond a 200 km/h crow-fly reach can be inside: only candidates in that box are snapped.
  const box = reachBox(origin, Math.max(...breaksSec));
  const inBox = (p: { lon: number; lat: number }) => p.lon >= box[0] && p.lon <= box[2] && p.lat >= box[1] && p.lat <= box[3];
  const [communes, customers, sites] = await Promise.all([
    communePoints().then((all) => all.filter(inBox)),
    visibleLayerPointsIn(database.db, box),
    healthSitesIn(database.db, box),
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
  const { bands, layers } = await bandFigures(database, breaksSec, communesIn, customers, customersIn, sitesIn);
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

type Timed<T> = { item: T; durationSec: number };

/**
 * What each band holds, as indicators over the band's membership (domain/indicators/membership.ts): communes
 * by their own time (population from the registry's facts, summed), points by theirs (each visible layer's
 * row count, hospital sites). Routing only decided who is inside and when.
 */
async function bandFigures(
  database: Database, breaksSec: number[], communesIn: { code: string; durationSec: number }[],
  customers: LayerPoint[], customersIn: Timed<LayerPoint>[], sitesIn: { durationSec: number }[],
) {
  const communeMembers: TimedMember[] = communesIn.map((c) => ({ communeCode: c.code, weight: 1, durationSec: c.durationSec }));
  const { facts } = await loadFacts(database.db, [POPULATION], communesIn.map((c) => c.code), []);
  const byCommune = aggregateOverMembership([POPULATION], communeMembers, facts, breaksSec);

  const visible = [...new Map(customers.map((c) => [c.layerId, { layerId: c.layerId, name: c.layerName, synthetic: c.synthetic }])).values()];
  const countIds = new Set(visible.map((l) => layerCountId(l.layerId)));
  const countDefs = layerDefs(visible.map((l) => ({ id: l.layerId, name: l.name, synthetic: l.synthetic, measures: [], updatedAt: new Date() }))).filter((d) => countIds.has(d.id));
  const customerPoints = customersIn.map((c, i) => ({ key: `customer:${i}`, layerId: c.item.layerId, durationSec: c.durationSec }));
  const sitePoints = sitesIn.map((s, i) => ({ key: `site:${i}`, durationSec: s.durationSec }));
  const pointFacts = healthSitePointFacts(sitePoints.map((p) => p.key), layerPointFacts(visible.map((l) => l.layerId), customerPoints));
  const pointMembers: TimedMember[] = [...customerPoints, ...sitePoints].map((p) => ({ communeCode: p.key, weight: 1, durationSec: p.durationSec }));
  const byPoint = aggregateOverMembership([...countDefs, HEALTH_SITES], pointMembers, pointFacts, breaksSec);

  const bands = breaksSec.map((breakSec, k) => ({
    breakSec,
    communeCount: byCommune[k].memberCount,
    populationCount: countIn(byCommune[k], POPULATION.id),
    customerCount: visible.reduce((s, l) => s + countIn(byPoint[k], layerCountId(l.layerId)), 0),
    healthSiteCount: countIn(byPoint[k], HEALTH_SITES.id),
  }));
  const layers = visible.map((l) => ({ ...l, countByBreak: byPoint.map((band) => countIn(band, layerCountId(l.layerId))) }));
  return { bands, layers };
}

/** Box around a point holding everything reachable within `maxSec` at ≤ 200 km/h (crow-fly bound, never a result). */
function reachBox([lon, lat]: LonLat, maxSec: number): Bbox {
  const reachM = (maxSec * 200) / 3.6;
  const { mPerDegLon, mPerDegLat } = metresPerDegree(lat);
  return [lon - reachM / mPerDegLon, lat - reachM / mPerDegLat, lon + reachM / mPerDegLon, lat + reachM / mPerDegLat];
}
