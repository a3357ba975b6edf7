import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { booleanPointInPolygon, point as turfPoint } from '@turf/turf';
import { buildRoadGraph, contractGraph, writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { fixtureNetwork, fixtureWays } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Monaco + the adjacent communes of the Alpes-Maritimes (real OSM 2016 extract, compact committed fixture).
const dir = mkdtempSync(join(tmpdir(), 'maillage-routing-api-'));
const graphFile = join(dir, 'monaco.graph');
// Saint-Germain-en-Laye (OSMnx drive graph): hospital sites of the CHI Poissy–Saint-Germain lie on it.
const sgelGraphFile = join(dir, 'saint-germain-en-laye.graph');
const islandsGraphFile = join(dir, 'monaco-saint-barthelemy.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('monaco');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap monaco.osm.pbf (test fixture)', sourceDate: '2016-03-05', licence: 'ODbL', attribution: '© OpenStreetMap contributors', profile: 'car' });
  const sgel = fixtureNetwork('saint-germain-en-laye');
  writeGraphFile(sgelGraphFile, sgel.graph, sgel.ch, { source: 'OpenStreetMap Saint-Germain-en-Laye (test fixture)', licence: 'ODbL', profile: 'car' });
  // Two road networks with no road between them (as Corsica and the mainland in the national graph): Monaco and the island of Saint-Barthélemy.
  const islands = buildRoadGraph([...fixtureWays('monaco'), ...fixtureWays('saint-barthelemy')], { minComponentNodes: 200 }).graph;
  writeGraphFile(islandsGraphFile, islands, contractGraph(islands), { source: 'OpenStreetMap Monaco + Saint-Barthélemy (test fixture)', licence: 'ODbL', profile: 'car' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BEAUSOLEIL: [number, number] = [7.4232, 43.7473];
const CAP_D_AIL: [number, number] = [7.4027, 43.7257];
const IN_THE_HARBOUR_BAY: [number, number] = [7.435, 43.728]; // at sea inside the network's extent, ≈ 712 m from the nearest road
const GUSTAVIA: [number, number] = [-62.8508, 17.8962]; // Saint-Barthélemy

describeEachDatabase('routing API', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let inactiveApp: ReturnType<typeof appFor>['app'];
  let sgelApp: ReturnType<typeof appFor>['app'];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database, { routing: RoutingService.load(t.database, graphFile) }).app;
    sgelApp = appFor(t.database, { routing: RoutingService.load(t.database, sgelGraphFile) }).app;
    inactiveApp = appFor(t.database).app;
  });
  afterAll(async () => t?.close());

  const post = async (path: string, body: unknown, target = app) => {
    const res = await target.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('reports the active network', async () => {
    const body = (await (await app.request('/api/routing/status')).json()) as Json;
    expect(body).toMatchObject({ active: true, source: expect.stringContaining('monaco'), licence: 'ODbL' });
    expect(body.nodeCount).toBeGreaterThan(1000);
    expect(body.bbox[0]).toBeGreaterThan(7.3);
    const off = (await (await inactiveApp.request('/api/routing/status')).json()) as Json;
    expect(off).toMatchObject({ active: false, reason: expect.any(String) });
  });

  it('routes between two communes with duration, distance and geometry', async () => {
    const res = await app.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${BEAUSOLEIL.join(',')}`);
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.durationSec).toBeGreaterThan(120);
    expect(body.durationSec).toBeLessThan(1800);
    expect(body.distanceM).toBeGreaterThan(2500); // crow-fly ≈ 2.9 km
    expect(body.geometry.length).toBeGreaterThan(5);
  });

  it('answers 400 for bad coordinates and points off the network, 503 when no network', async () => {
    const swapped = await app.request('/api/routing/route?from=43.74,7.42&to=7.42,43.74');
    expect(swapped.status).toBe(400); // lat 7.42 / lon 43.74 lie off the Monaco network
    const lambert = await app.request('/api/routing/route?from=1040000,6300000&to=7.42,43.74');
    expect(lambert.status).toBe(400);
    expect(((await lambert.json()) as Json).error.code).toBe('VALIDATION_FAILED');
    const paris = await app.request('/api/routing/route?from=2.35,48.85&to=7.42,43.74');
    const parisBody = (await paris.json()) as Json;
    expect(paris.status).toBe(400);
    expect(parisBody.error).toMatchObject({ code: 'POINT_OFF_NETWORK' });
    const reunion = await post('/api/routing/isochrones', { origin: { communeCode: '97411' }, breaksMin: [10] });
    expect(reunion.status).toBe(400);
    expect(reunion.body.error.message).toMatch(/DROM/);
    const none = await inactiveApp.request('/api/routing/route?from=7.40,43.72&to=7.42,43.74');
    expect(none.status).toBe(503);
  });

  it('computes a matrix from points and commune codes, null for unsnappable points', async () => {
    const { status, body } = await post('/api/routing/matrix', { sources: [CAP_D_AIL, { communeCode: '06012' }], targets: [BEAUSOLEIL, [2.35, 48.85]] });
    expect(status).toBe(200);
    expect(body.durationSec[0][0]).toBeGreaterThan(0);
    expect(body.durationSec[1][0]).toBeLessThan(120); // Beausoleil → itself (snapped points ~ same)
    expect(body.durationSec[0][1]).toBeNull();
    expect(body.unsnappedTargets).toEqual([1]);
    expect(body.distanceM[0][0]).toBeGreaterThan(0);
    // the same coordinates as source and target: no trip, 0 s and 0 m (not two access legs)
    const same = await post('/api/routing/matrix', { sources: [CAP_D_AIL, BEAUSOLEIL] });
    expect([same.body.durationSec[0][0], same.body.durationSec[1][1], same.body.distanceM[1][1]]).toEqual([0, 0, 0]);
    expect(same.body.durationSec[0][1]).toBeGreaterThan(0);
  });

  it('caps matrices at 2,500 × 2,500 with a 413 naming the limit', async () => {
    const many = Array.from({ length: 2501 }, () => CAP_D_AIL);
    const { status, body } = await post('/api/routing/matrix', { sources: many, targets: [BEAUSOLEIL] });
    expect(status).toBe(413);
    expect(body.error.message).toMatch(/2\u202f500/);
    const bad = await post('/api/routing/matrix', { sources: [[7.4, 'x']] });
    expect(bad.status).toBe(400);
    const misnamed = await post('/api/routing/matrix', { sources: [{ commune: '98000' }] });
    expect(misnamed.status).toBe(400);
    expect(misnamed.body.error.details[0]).toEqual({ field: 'sources.0', message: expect.stringMatching(/\{ lon, lat \}.*\{ communeCode \}/) });
    const unknownCommune = await post('/api/routing/matrix', { sources: [{ communeCode: '99999' }] });
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.error.message).toMatch(/sources\[0\]/);
  });

  it('draws isochrone bands and counts communes by their own drive times, monotone in time', async () => {
    const { status, body } = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin: [5, 10, 20] });
    expect(status).toBe(200);
    expect(body.polygons.features).toHaveLength(3);
    const counts = body.bands.map((b: Json) => b.communeCount);
    expect(counts[0]).toBeGreaterThanOrEqual(1);
    expect(counts[1]).toBeGreaterThanOrEqual(counts[0]);
    expect(counts[2]).toBeGreaterThanOrEqual(counts[1]);
    const pops = body.bands.map((b: Json) => b.populationCount);
    expect(pops[2]).toBeGreaterThanOrEqual(pops[0]);
    expect(body.communes[0].code).toBe('06012');
    for (const c of body.communes) expect(c.durationSec).toBeLessThanOrEqual(20 * 60);
  });

  it('counts customers of the visible layers inside, each by its own drive time (equal to the matrix); hidden layers do not count', async () => {
    const { body } = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin: [5, 15] });
    const [b5, b15] = body.bands;
    expect(b15.customerCount).toBeGreaterThan(0); // synthetic demo CRM accounts in Beausoleil, Cap-d'Ail, Roquebrune…
    expect(b15.customerCount).toBeGreaterThanOrEqual(b5.customerCount);
    // per-layer counts add up to the band's count; the demo layer says it is synthetic
    expect(body.layers.reduce((s: number, l: Json) => s + l.countByBreak[1], 0)).toBe(b15.customerCount);
    expect(body.layers.find((l: Json) => l.synthetic)).toBeDefined();
    // each listed point's time is its own snapped drive time: the same as a matrix from the origin
    const points = body.customers.slice(0, 30);
    const m = await post('/api/routing/matrix', { sources: [BEAUSOLEIL], targets: points.map((p: Json) => [p.lon, p.lat]) });
    points.forEach((p: Json, i: number) => {
      expect(p.durationSec).toBeLessThanOrEqual(15 * 60);
      expect(Math.abs(p.durationSec - m.body.durationSec[0][i])).toBeLessThan(1e-6);
    });
    const layerId = body.layers[0].layerId;
    const patch = (hidden: boolean) => app.request(`/api/layers/${layerId}`, { method: 'PATCH', body: JSON.stringify({ hidden }), headers: { 'Content-Type': 'application/json' } });
    expect((await patch(true)).status).toBe(200);
    const hidden = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin: [5, 15] });
    expect(hidden.body.layers.find((l: Json) => l.layerId === layerId)).toBeUndefined();
    expect(hidden.body.bands[1].customerCount).toBe(b15.customerCount - body.layers[0].countByBreak[1]);
    await patch(false);
  });

  it('lists the hospital sites inside by their own drive times, monotone in time', async () => {
    const CHI_SAINT_GERMAIN: [number, number] = [2.08608, 48.89812];
    const { status, body } = await post('/api/routing/isochrones', { origin: CHI_SAINT_GERMAIN, breaksMin: [2, 10] }, sgelApp);
    expect(status).toBe(200);
    const [b2, b10] = body.bands;
    expect(b2.healthSiteCount).toBeGreaterThanOrEqual(1); // the site itself
    expect(b10.healthSiteCount).toBeGreaterThanOrEqual(b2.healthSiteCount);
    expect(body.healthSites).toHaveLength(b10.healthSiteCount);
    expect(body.healthSites.map((s: Json) => s.finess)).toContain('780000337');
    const m = await post('/api/routing/matrix', { sources: [CHI_SAINT_GERMAIN], targets: body.healthSites.map((p: Json) => [p.lon, p.lat]) }, sgelApp);
    body.healthSites.forEach((p: Json, i: number) => expect(Math.abs(p.durationSec - m.body.durationSec[0][i])).toBeLessThan(1e-6));
  });

  it('reports per point where it snapped and how far; beyond maxSnapM (default 500 m) the point is null with a French reason', async () => {
    const res = await app.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${BEAUSOLEIL.join(',')}`);
    const body = (await res.json()) as Json;
    expect(body.maxSnapM).toBe(500);
    for (const [end, p] of [['from', CAP_D_AIL], ['to', BEAUSOLEIL]] as const) {
      expect(body[end].lonLat).toEqual(p);
      expect(body[end].snappedLonLat).toHaveLength(2);
      expect(body[end].snapDistanceM).toBeGreaterThanOrEqual(0);
      expect(body[end].snapDistanceM).toBeLessThan(500);
      expect(Math.abs(body[end].snappedLonLat[0] - p[0])).toBeLessThan(0.01);
    }
    const far = (await (await app.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${IN_THE_HARBOUR_BAY.join(',')}`)).json()) as Json;
    expect(far).toMatchObject({ durationSec: null, to: { snappedLonLat: null, snapDistanceM: null } });
    expect(far.to.reason).toMatch(/route la plus proche est à 7\d\d m, au-delà de la limite de 500 m/);
    expect(far.reason).toBe(far.to.reason);
    const wider = (await (await app.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${IN_THE_HARBOUR_BAY.join(',')}&maxSnapM=1000`)).json()) as Json;
    expect(wider.durationSec).toBeGreaterThan(0);
    expect(wider.to.snapDistanceM).toBeGreaterThan(500);
    expect(wider.maxSnapM).toBe(1000);
    const bad = await app.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${BEAUSOLEIL.join(',')}&maxSnapM=abc`);
    expect(bad.status).toBe(400);
    // the matrix reports every point the same way; the limit is configurable per request and per server (MAILLAGE_MAX_SNAP_M)
    const m = await post('/api/routing/matrix', { sources: [CAP_D_AIL], targets: [BEAUSOLEIL, IN_THE_HARBOUR_BAY] });
    expect(m.body.targetPoints[0].snapDistanceM).toBeLessThan(500);
    expect(m.body.targetPoints[1]).toMatchObject({ snappedLonLat: null, reason: expect.stringMatching(/au-delà de la limite de 500 m/) });
    expect(m.body.durationSec[0][1]).toBeNull();
    const m2 = await post('/api/routing/matrix', { sources: [CAP_D_AIL], targets: [IN_THE_HARBOUR_BAY], maxSnapM: 1000 });
    expect(m2.body.durationSec[0][0]).toBeGreaterThan(0);
    const envApp = appFor(t.database, { routing: RoutingService.load(t.database, graphFile, { maxSnapM: 1000 }) }).app;
    const fromEnv = await post('/api/routing/matrix', { sources: [CAP_D_AIL], targets: [IN_THE_HARBOUR_BAY] }, envApp);
    expect(fromEnv.body.maxSnapM).toBe(1000);
    expect(fromEnv.body.targetPoints[0].snappedLonLat).not.toBeNull();
    // an isochrone origin beyond the limit is a 400 in French
    const iso = await post('/api/routing/isochrones', { origin: IN_THE_HARBOUR_BAY, breaksMin: [5] });
    expect(iso.status).toBe(400);
    expect(iso.body.error.message).toMatch(/aucune route du réseau actif à moins de 500 m/);
  });

  it('says "pas de liaison routière (île)" between an island and the mainland, not one-way roads', async () => {
    const islandsApp = appFor(t.database, { routing: RoutingService.load(t.database, islandsGraphFile) }).app;
    const body = (await (await islandsApp.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${GUSTAVIA.join(',')}`)).json()) as Json;
    expect(body.durationSec).toBeNull();
    expect(body.from.snappedLonLat).not.toBeNull();
    expect(body.to.snappedLonLat).not.toBeNull();
    expect(body.reason).toMatch(/^pas de liaison routière \(île\)/);
    expect(body.reason).not.toMatch(/sens interdits|one-way/);
    const local = (await (await islandsApp.request(`/api/routing/route?from=${CAP_D_AIL.join(',')}&to=${BEAUSOLEIL.join(',')}`)).json()) as Json;
    expect(local.durationSec).toBeGreaterThan(0);
  });

  it('counts each commune in the band of its stated time, the list agrees with the counts and the drawn bands cover the commune', async () => {
    const breaksMin = [3, 6, 10];
    const { body } = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin });
    expect(body.communeTimeRule).toMatch(/Temps d’une commune : temps en voiture depuis l’origine jusqu’à la route la plus proche/);
    expect(body.communes.length).toBeGreaterThan(2);
    breaksMin.forEach((min, k) => {
      const listed = body.communes.filter((c: Json) => c.bandBreakSec <= min * 60);
      for (const c of listed) expect(c.durationSec, c.name).toBeLessThanOrEqual(min * 60);
      expect(body.bands[k].communeCount).toBe(listed.length);
      expect(body.bands[k].populationCount).toBe(listed.reduce((s: number, c: Json) => s + c.populationCount, 0));
    });
    for (const c of body.communes) {
      expect(c.bandBreakSec).toBe(breaksMin.map((m) => m * 60).find((b) => c.durationSec <= b));
      // the drawn band of its break covers the road point the commune is timed at (half a minute of raster tolerance)
      const band = body.polygons.features.find((f: Json) => f.properties.breakSec === c.bandBreakSec);
      if (c.durationSec <= c.bandBreakSec - 30) expect(booleanPointInPolygon(turfPoint(c.roadLonLat), band), c.name).toBe(true);
    }
  });

  it('rejects absurd isochrone breaks', async () => {
    for (const breaksMin of [[0], [-5], [500], [10, 10], [1, 2, 3, 4, 5, 6, 7]]) {
      const { status, body } = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin });
      expect(status, JSON.stringify(breaksMin)).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
