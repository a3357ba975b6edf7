import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Monaco + the adjacent communes of the Alpes-Maritimes (real OSM 2016 extract, compact committed fixture).
const dir = mkdtempSync(join(tmpdir(), 'maillage-routing-api-'));
const graphFile = join(dir, 'monaco.graph');
// Saint-Germain-en-Laye (OSMnx drive graph): hospital sites of the CHI Poissy–Saint-Germain lie on it.
const sgelGraphFile = join(dir, 'saint-germain-en-laye.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('monaco');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap monaco.osm.pbf (test fixture)', sourceDate: '2016-03-05', licence: 'ODbL', attribution: '© OpenStreetMap contributors', profile: 'car' });
  const sgel = fixtureNetwork('saint-germain-en-laye');
  writeGraphFile(sgelGraphFile, sgel.graph, sgel.ch, { source: 'OpenStreetMap Saint-Germain-en-Laye (test fixture)', licence: 'ODbL', profile: 'car' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BEAUSOLEIL: [number, number] = [7.4232, 43.7473];
const CAP_D_AIL: [number, number] = [7.4027, 43.7257];

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
    expect(body.error.message).toMatch(/2500/);
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

  it('rejects absurd isochrone breaks', async () => {
    for (const breaksMin of [[0], [-5], [500], [10, 10], [1, 2, 3, 4, 5, 6, 7]]) {
      const { status, body } = await post('/api/routing/isochrones', { origin: BEAUSOLEIL, breaksMin });
      expect(status, JSON.stringify(breaksMin)).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
