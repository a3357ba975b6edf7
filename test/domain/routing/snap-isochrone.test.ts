import { area, booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph, dijkstra, isochroneMembership, isochronePolygons, nodeSeed, phast, pointMatrix, roadComponents, routeBetween, seededRandom, snapPoints,
  type LonLat,
} from '../../../api/src/domain/routing/index.js';
import { fixtureNetwork, fixtureWays } from './fixtures.js';

const MONACO_CASINO: LonLat = [7.4277, 43.7394];
const AT_SEA_OFF_MONACO: LonLat = [7.45, 43.70]; // ~4 km south of the coast
const ANDORRA_LA_VELLA: LonLat = [1.5218, 42.5063];

describe('snapping', () => {
  const { graph, network } = fixtureNetwork('monaco');

  it('puts a point lying on a road on that road with a negligible access leg', () => {
    const v = 17;
    const [snapped] = snapPoints(network, [[graph.nodeLon[v], graph.nodeLat[v]]]);
    expect(snapped!.snapDistanceM).toBeLessThan(0.5);
    expect(snapped!.accessDurationMs).toBeLessThan(200);
  });

  it('charges the access leg at 15 km/h over 1.3 × the crow-fly distance', () => {
    const [snapped] = snapPoints(network, [[7.4290, 43.7330]]); // in the harbour, away from the quays
    expect(snapped).not.toBeNull();
    expect(snapped!.snapDistanceM).toBeGreaterThan(20);
    expect(snapped!.accessDurationMs).toBe(Math.round(((snapped!.snapDistanceM * 1.3) / (15 / 3.6)) * 1000));
  });

  it('returns null (never Infinity) for points beyond the max snap distance or invalid', () => {
    expect(snapPoints(network, [AT_SEA_OFF_MONACO, [NaN, 43.7], [7.4, 95]])).toEqual([null, null, null]);
    expect(routeBetween(network, MONACO_CASINO, AT_SEA_OFF_MONACO)).toBeNull();
    const m = pointMatrix(network, [MONACO_CASINO, AT_SEA_OFF_MONACO], [AT_SEA_OFF_MONACO, MONACO_CASINO, [7.42, 43.735]]);
    expect(m.unsnappedSources).toEqual([1]);
    expect(m.unsnappedTargets).toEqual([0]);
    expect(m.durationSec[0][0]).toBeNull();
    expect(m.durationSec[1]).toEqual([null, null, null]);
    for (const row of [...m.durationSec, ...m.distanceM]) for (const v of row) expect(v === null || Number.isFinite(v)).toBe(true);
    expect(m.durationSec[0][2]).toBeGreaterThan(0);
  });

  it('a route and a matrix cell agree, and the route is drawn from origin to destination', () => {
    const to: LonLat = [7.4167, 43.7311]; // Fontvieille
    const route = routeBetween(network, MONACO_CASINO, to)!;
    const m = pointMatrix(network, [MONACO_CASINO], [to]);
    expect(m.durationSec[0][0]).toBeCloseTo(route.durationSec, 3);
    expect(route.durationSec).toBeGreaterThan(60);
    expect(route.durationSec).toBeLessThan(20 * 60);
    expect(route.geometry.length).toBeGreaterThan(5);
    expect(route.distanceM).toBeGreaterThan(1500);
  });
});

describe('isochrones in Andorra (mountain network)', () => {
  const { graph, network } = fixtureNetwork('andorra');
  const breaksSec = [300, 600, 900, 1200, 1800, 2700];
  const random = seededRandom(11);
  // customers: road vertices with a little jitter, plus points scattered over the country
  const points: LonLat[] = [
    ...Array.from({ length: 150 }, () => {
      const v = Math.floor(random() * graph.nodeCount);
      return [graph.nodeLon[v] + (random() - 0.5) * 0.002, graph.nodeLat[v] + (random() - 0.5) * 0.002] as LonLat;
    }),
    ...Array.from({ length: 100 }, () => [1.40 + random() * 0.40, 42.42 + random() * 0.24] as LonLat),
  ];

  it('counts points by their own snapped times: monotone in time and equal to the matrix row', () => {
    const membership = isochroneMembership(network, ANDORRA_LA_VELLA, points, breaksSec)!;
    for (let k = 1; k < breaksSec.length; k++) expect(membership.countByBreak[k]).toBeGreaterThanOrEqual(membership.countByBreak[k - 1]);
    expect(membership.countByBreak[0]).toBeGreaterThan(0);
    expect(membership.countByBreak.at(-1)).toBeLessThan(points.length); // some points are off-road (> 1 km): null
    const row = pointMatrix(network, [ANDORRA_LA_VELLA], points).durationSec[0];
    membership.durationSec.forEach((d, i) => {
      if (d === null) expect(row[i]).toBeNull();
      else expect(d).toBeCloseTo(row[i]!, 6);
      const k = membership.breakIndex[i];
      if (k !== null) {
        expect(d!).toBeLessThanOrEqual(breaksSec[k]);
        if (k > 0) expect(d!).toBeGreaterThan(breaksSec[k - 1]);
      }
    });
  });

  it('draws one band per break, nested, around the origin, holding most member points', () => {
    const polygons = isochronePolygons(network, ANDORRA_LA_VELLA, [600, 1200, 1800])!;
    expect(polygons.features.map((f) => f.properties.breakSec).sort((a, b) => a - b)).toEqual([600, 1200, 1800]);
    const byBreak = new Map(polygons.features.map((f) => [f.properties.breakSec, f]));
    expect(area(byBreak.get(1200)!)).toBeGreaterThan(area(byBreak.get(600)!));
    expect(area(byBreak.get(1800)!)).toBeGreaterThan(area(byBreak.get(1200)!));
    expect(booleanPointInPolygon(point(ANDORRA_LA_VELLA), byBreak.get(600)!)).toBe(true);
    const membership = isochroneMembership(network, ANDORRA_LA_VELLA, points, [1200])!;
    const members = points.filter((_, i) => membership.durationSec[i] !== null && membership.durationSec[i]! <= 1200);
    const inside = members.filter((p) => booleanPointInPolygon(point(p), byBreak.get(1200)!));
    expect(inside.length / members.length).toBeGreaterThan(0.9);
  });

  it('times each point at its road point too (no access leg): the drawn band of that time covers the road point', () => {
    const breaks = [600, 1200, 1800];
    const membership = isochroneMembership(network, ANDORRA_LA_VELLA, points, breaks)!;
    const polygons = isochronePolygons(network, ANDORRA_LA_VELLA, breaks)!;
    const byBreak = new Map(polygons.features.map((f) => [f.properties.breakSec, f]));
    let checked = 0;
    membership.roadDurationSec.forEach((road, i) => {
      const own = membership.durationSec[i];
      if (own === null) return expect(road).toBeNull();
      const s = membership.snapped[i]!;
      expect(road!).toBeCloseTo(Math.max(0, own - s.accessDurationMs / 1000), 6);
      const b = breaks.find((x) => road! <= x - 30); // half a minute of raster tolerance at the band's edge
      if (b === undefined) return;
      expect(booleanPointInPolygon(point([s.snappedLon, s.snappedLat]), byBreak.get(b)!), `point ${i} at ${road} s`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('answers null for an origin off the network', () => {
    expect(isochronePolygons(network, [2.35, 48.85], [600])).toBeNull();
    expect(isochroneMembership(network, [2.35, 48.85], points, [600])).toBeNull();
  });
});

describe('route geometry', () => {
  const { network } = fixtureNetwork('monaco');
  it('starts and ends at the snapped points and follows the road (no jump longer than the route)', () => {
    const from: LonLat = [7.4277, 43.7394];
    const to: LonLat = [7.4167, 43.7311];
    const route = routeBetween(network, from, to)!;
    const [a, b] = snapPoints(network, [from, to]);
    expect(route.geometry[0]).toEqual([a!.snappedLon, a!.snappedLat]);
    expect(route.geometry.at(-1)).toEqual([b!.snappedLon, b!.snappedLat]);
    // drawn length ≈ driven length (both without the access legs)
    let drawnM = 0;
    for (let i = 1; i < route.geometry.length; i++) {
      const [x1, y1] = route.geometry[i - 1];
      const [x2, y2] = route.geometry[i];
      drawnM += Math.hypot((x2 - x1) * 111_320 * Math.cos((y1 * Math.PI) / 180), (y2 - y1) * 110_574);
    }
    const drivenM = route.distanceM - (a!.accessDistanceM + b!.accessDistanceM);
    expect(Math.abs(drawnM - drivenM) / drivenM).toBeLessThan(0.02);
  });
});

describe('isochrone breaks', () => {
  const { network } = fixtureNetwork('saint-barthelemy');
  it('rejects empty, negative or infinite breaks', () => {
    const origin: LonLat = [-62.85, 17.9];
    expect(() => isochronePolygons(network, origin, [])).toThrow(RangeError);
    expect(() => isochroneMembership(network, origin, [origin], [-60])).toThrow(RangeError);
    expect(() => isochronePolygons(network, origin, [Infinity])).toThrow(RangeError);
  });
});

describe('snapping against brute force', () => {
  it.each(['monaco', 'andorra'] as const)('%s: the snapped road segment is the nearest of all segments', (name) => {
    const { graph, network } = fixtureNetwork(name);
    const random = seededRandom(5);
    const c = graph.geometryCoords;
    for (let k = 0; k < 100; k++) {
      const v = Math.floor(random() * graph.nodeCount);
      const lon = graph.nodeLon[v] + (random() - 0.5) * 0.01;
      const lat = graph.nodeLat[v] + (random() - 0.5) * 0.01;
      const mx = 111_195 * Math.cos((lat * Math.PI) / 180);
      const my = 111_195;
      let nearestM = Infinity;
      for (let i = 0; i < c.length / 2 - 1; i++) {
        // consecutive points of two different pieces are not a segment: skip piece boundaries
        if (isPieceEnd(graph, i)) continue;
        const ax = (c[2 * i] - lon) * mx, ay = (c[2 * i + 1] - lat) * my;
        const dx = (c[2 * i + 2] - c[2 * i]) * mx, dy = (c[2 * i + 3] - c[2 * i + 1]) * my;
        const lengthSq = dx * dx + dy * dy;
        const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
        nearestM = Math.min(nearestM, Math.hypot(ax + t * dx, ay + t * dy));
      }
      const [snapped] = snapPoints(network, [[lon, lat]]);
      if (nearestM > 1000) expect(snapped).toBeNull();
      else expect(snapped!.snapDistanceM).toBeCloseTo(nearestM, 1);
    }
  });
});

function isPieceEnd(graph: ReturnType<typeof fixtureNetwork>['graph'], coordIndex: number): boolean {
  // pieceFirstCoord is sorted: binary search for a piece starting at coordIndex + 1
  let lo = 0, hi = graph.pieceCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (graph.pieceFirstCoord[mid] < coordIndex + 1) lo = mid + 1;
    else hi = mid;
  }
  return graph.pieceFirstCoord[lo] === coordIndex + 1;
}

describe("drive times to an origin (direction 'to')", () => {
  const { graph, ch, network } = fixtureNetwork('monaco');
  it('PHAST towards a node equals Dijkstra from every node to it', () => {
    const random = seededRandom(8);
    for (const target of [3, Math.floor(graph.nodeCount / 3)]) {
      const toTarget = phast(ch, nodeSeed(target), { direction: 'to' }).durationMs;
      for (let k = 0; k < 60; k++) {
        const s = Math.floor(random() * graph.nodeCount);
        expect(toTarget[s]).toBe(dijkstra(graph, nodeSeed(s), { stopAt: [target] }).durationMs[target]);
      }
    }
  });

  it('membership towards the origin uses each point → origin time (one-ways make it differ from origin → point)', () => {
    const origin: LonLat = [7.4277, 43.7394];
    const random = seededRandom(4);
    const points = Array.from({ length: 80 }, () => [7.41 + random() * 0.04, 43.725 + random() * 0.03] as LonLat);
    const to = isochroneMembership(network, origin, points, [300, 600], { direction: 'to' })!;
    const from = isochroneMembership(network, origin, points, [300, 600])!;
    const column = pointMatrix(network, points, [origin]).durationSec.map((row) => row[0]);
    to.durationSec.forEach((d, i) => (d === null ? expect(column[i]).toBeNull() : expect(d).toBeCloseTo(column[i]!, 6)));
    const differing = to.durationSec.filter((d, i) => d !== null && Math.abs(d - from.durationSec[i]!) > 1).length;
    expect(differing).toBeGreaterThan(10);
    const polygons = isochronePolygons(network, origin, [300, 600], { direction: 'to' })!;
    expect(polygons.features).toHaveLength(2);
  });
});

describe('road components (islands)', () => {
  it('puts two road networks with no road between them in two components', () => {
    const { graph } = buildRoadGraph([...fixtureWays('monaco'), ...fixtureWays('saint-barthelemy')], { minComponentNodes: 200 });
    const components = roadComponents(graph);
    const labels = new Set(components);
    expect(labels.size).toBe(2);
    const west = new Set<number>(), east = new Set<number>();
    for (let v = 0; v < graph.nodeCount; v++) (graph.nodeLon[v] < 0 ? west : east).add(components[v]);
    expect([west.size, east.size]).toEqual([1, 1]);
    expect([...west][0]).not.toBe([...east][0]);
    expect(new Set(roadComponents(fixtureNetwork('monaco').graph)).size).toBe(1);
  });
});
