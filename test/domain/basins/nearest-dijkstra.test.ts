import { afterAll, describe, expect, it } from 'vitest';
import { nearestActorBasins } from '../../../api/src/domain/basins/index.js';
import { createRoutingNetwork, dijkstra, nearestSourceOfOrigins, reverseAdjacency, seededRandom, snapPoints, type LonLat, type RoadGraph, type SnappedPoint } from '../../../api/src/domain/routing/index.js';
import { StoreTimesEngine } from '../../../api/src/engine/store-times.js';
import { fixtureNetwork, type FixtureName } from '../routing/fixtures.js';

/**
 * Nearest-actor basins on a real OSM fixture graph, with the times of the engine the basins service uses (the
 * store-times engine: CH upward searches + restricted PHAST sweeps in workers), checked against an exhaustive
 * reference: one plain Dijkstra on the graph arrays from each commune's snapped road position, read at every
 * actor's snapped position. Same rules as the engine: a commune's time starts at the road nearest its point (its
 * access leg not counted), the actor's access leg is counted, a trip along one road piece needs no node.
 */

const SNAP_M = 500;
const COMMUNES = 30;
const ACTORS = 8;

/** Points near random graph nodes (a few dozen metres off, so they snap onto a piece, not a node). */
function pointsNear(graph: RoadGraph, rand: () => number, count: number): LonLat[] {
  return Array.from({ length: count }, () => {
    const v = Math.floor(rand() * graph.nodeCount);
    return [graph.nodeLon[v] + (rand() - 0.5) * 0.001, graph.nodeLat[v] + (rand() - 0.5) * 0.001] as LonLat;
  });
}

/** Milliseconds from the commune's road position to the actor's point (its access leg included), Infinity if none. */
function referenceMs(graph: RoadGraph, labels: Float64Array, from: SnappedPoint, to: SnappedPoint): number {
  let best = Infinity;
  to.arrival.nodes.forEach((v, j) => { best = Math.min(best, labels[v] + to.arrival.durationMs[j]); });
  if (from.piece === to.piece) {
    // along the piece, in its direction of travel, without reaching a node
    const f = to.fractionAlong - from.fractionAlong;
    const edge = f >= 0 ? graph.pieceForwardEdge[from.piece] : graph.pieceBackwardEdge[from.piece];
    if (edge !== -1) best = Math.min(best, from.accessDurationMs + to.accessDurationMs + Math.round(Math.abs(f) * graph.edgeDurationMs[edge]));
  }
  return best === Infinity ? Infinity : Math.max(0, best - from.accessDurationMs);
}

const engines: StoreTimesEngine[] = [];
afterAll(async () => { await Promise.all(engines.map((e) => e.close())); });

describe.each(['andorra', 'saint-germain-en-laye'] as FixtureName[])('nearest-actor basins = exhaustive Dijkstra (%s)', (name) => {
  const { graph, ch } = fixtureNetwork(name);
  const network = createRoutingNetwork(graph, ch, { maxSnapDistanceM: SNAP_M });
  const rand = seededRandom(name.length * 7919);
  const communePoints = pointsNear(graph, rand, COMMUNES);
  communePoints.push([graph.nodeLon[0] + 0.2, graph.nodeLat[0] + 0.2]); // ≈ 20 km off every road: off network
  const actorPoints = pointsNear(graph, rand, ACTORS);
  actorPoints.push(actorPoints[2]); // actor 8 = actor 2's point: every commune it serves is a tie, won by index 2
  const communes = communePoints.map(([lon, lat], i) => ({ code: `C${i}`, lon, lat }));
  const population = Float64Array.from(communes, (_, i) => 100 + 37 * i);
  const C = communes.length, S = actorPoints.length;

  // the reference: one full Dijkstra per commune, read at each actor
  const communeSnaps = snapPoints(network, communePoints);
  const actorSnaps = snapPoints(network, actorPoints);
  const refMs = communeSnaps.map((from) => {
    if (!from) return actorSnaps.map(() => Infinity);
    const labels = dijkstra(graph, from.departure).durationMs;
    return actorSnaps.map((to) => (to ? referenceMs(graph, labels, from, to) : Infinity));
  });
  /** Nearest actor within cutoffSec (lowest index on a tie), its time in ms, and whether it was tied. */
  const reference = (cutoffSec: number) => refMs.map((row) => {
    let actor = -1, ms = Infinity, tied = false;
    row.forEach((t, a) => {
      if (!(t <= cutoffSec * 1000)) return;
      if (t < ms) { actor = a; ms = t; tied = false; } else if (t === ms) tied = true;
    });
    return { actor, ms, tied };
  });

  it('every actor and every commune but one on the network; the fixture has ties and varied times', () => {
    expect(actorSnaps.every((s) => s !== null)).toBe(true);
    expect(communeSnaps.filter((s) => s === null).length).toBe(1);
    const ref = reference(90 * 60);
    expect(ref.filter((r) => r.tied).length).toBeGreaterThan(0); // actor 8 wins somewhere: a real tie to break
    expect(new Set(ref.map((r) => r.actor)).size).toBeGreaterThanOrEqual(4); // several basins, not one actor taking all
  });

  it.each([90 * 60, 5 * 60])('each commune\'s nearest actor and time equal the reference (cut-off %i s)', async (cutoffSec) => {
    const engine = new StoreTimesEngine(network, communes, 2);
    engines.push(engine);
    const run = await engine.times(network, actorPoints, cutoffSec);
    expect(run.storeSnaps.every((s) => s !== null)).toBe(true);
    const thresholdsSec = [60, Math.min(cutoffSec, 240)];
    const r = nearestActorBasins(run.times, population, { cutoffSec, thresholdsSec });
    const ref = reference(cutoffSec);
    const mismatches: string[] = [];
    ref.forEach((e, c) => {
      const got = { actor: r.actorOfCommune[c], sec: r.timeSec[c] };
      const ok = e.actor === -1 ? got.actor === -1 && Number.isNaN(got.sec) : got.actor === e.actor && Math.abs(got.sec - e.ms / 1000) <= 1e-3;
      if (!ok) mismatches.push(`commune ${c}: engine actor ${got.actor} at ${got.sec} s, Dijkstra actor ${e.actor} at ${e.ms / 1000} s`);
    });
    expect(mismatches).toEqual([]);
    expect(r.tiedCommunes).toEqual(ref.flatMap((e, c) => (e.tied ? [c] : [])));
    // per-actor populations, unreached and beyond-threshold counts follow from the reference assignment
    const perActor = Array.from({ length: S }, () => ({ communeCount: 0, populationCount: 0 }));
    ref.forEach((e, c) => { if (e.actor >= 0) { perActor[e.actor].communeCount++; perActor[e.actor].populationCount += population[c]; } });
    expect(r.perActor).toEqual(perActor);
    expect(r.perActor[8].communeCount).toBe(0); // the duplicate never wins a tie
    expect(r.unreachedCommuneCount).toBe(ref.filter((e) => e.actor === -1).length);
    thresholdsSec.forEach((t, i) => {
      const beyond = ref.flatMap((e, c) => (e.actor === -1 || e.ms > t * 1000 ? [c] : []));
      expect(r.beyond[i].communeCount).toBe(beyond.length);
      expect(r.beyond[i].populationCount).toBe(beyond.reduce((s, c) => s + population[c], 0));
    });
    if (cutoffSec < 90 * 60) expect(r.unreachedCommuneCount).toBeGreaterThan(1); // the short cut-off leaves some out
    expect(C).toBe(COMMUNES + 1);
  });

  it('a call with more stores than the engine\'s row cache gives every store its row (the first ones were evicted unread)', async () => {
    const small = new StoreTimesEngine(network, communes, 2, 3); // a row cache of 3, for 9 actors
    const large = new StoreTimesEngine(network, communes, 2);
    engines.push(small, large);
    const a = (await small.times(network, actorPoints, 90 * 60)).sparse;
    const b = (await large.times(network, actorPoints, 90 * 60)).sparse;
    expect(Array.from(a.offsets)).toEqual(Array.from(b.offsets));
    expect(Array.from(a.commune)).toEqual(Array.from(b.commune));
    expect(Array.from(a.sec)).toEqual(Array.from(b.sec));
    expect(b.offsets[1]).toBeGreaterThan(0); // the first store's row is not empty
    // and again, with 3 rows cached from the previous call: the same table
    const again = (await small.times(network, actorPoints, 90 * 60)).sparse;
    expect(Array.from(again.sec)).toEqual(Array.from(b.sec));
  });

  it.each([90 * 60, 5 * 60])('the multi-source search the service uses gives the same nearest actor, time and ties (cut-off %i s)', (cutoffSec) => {
    const near = nearestSourceOfOrigins(graph, reverseAdjacency(graph), communeSnaps, actorSnaps, cutoffSec * 1000);
    const ref = reference(cutoffSec);
    expect(Array.from(near.sourceOfOrigin)).toEqual(ref.map((e) => e.actor));
    ref.forEach((e, c) => expect(near.durationMs[c]).toBe(e.ms <= cutoffSec * 1000 ? e.ms : Infinity));
    expect(Array.from(near.tied)).toEqual(ref.map((e) => (e.tied ? 1 : 0)));
  });
});
