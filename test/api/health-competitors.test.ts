import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Saint-Germain-en-Laye (real OSM extract, committed fixture): the CHI Poissy–Saint-Germain site, a private
// clinic 400 m away, two other public sites of the town; Poissy, Montesson and Nanterre lie off this small graph.
const dir = mkdtempSync(join(tmpdir(), 'maillage-health-competitors-'));
const graphFile = join(dir, 'saint-germain-en-laye.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('saint-germain-en-laye');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap saint-germain-en-laye (test fixture)', sourceDate: '2021', licence: 'ODbL', profile: 'car' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHI_SAINT_GERMAIN = '780000337';
const CHI_POISSY_EJ = '780001236';
const CHI_POISSY_SITE = '780000311';
const CLINIQUE_SAINT_GERMAIN = '780018727';
const USLD_NIVARD = '780804175';

describeEachDatabase('health competitors within N minutes by drive time', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let noRoads: ReturnType<typeof appFor>['app'];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database, { routing: RoutingService.load(t.database, graphFile) }).app;
    noRoads = appFor(t.database).app;
  });
  afterAll(async () => t?.close());
  const get = async (path: string, target = app) => {
    const res = await target.request(path);
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('lists the other sites within N minutes, fastest first, each by its own drive time', async () => {
    const { status, body } = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5&activity=all`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ maxMinutes: 5, year: 2024, site: { finess: CHI_SAINT_GERMAIN }, network: { name: 'saint-germain-en-laye' } });
    const codes = body.competitors.map((c: Json) => c.finess);
    expect(codes).toEqual(['780007399', CLINIQUE_SAINT_GERMAIN, '780826053', USLD_NIVARD]);
    expect(codes).not.toContain(CHI_SAINT_GERMAIN);
    expect(codes).not.toContain(CHI_POISSY_SITE); // 5 km away, off this graph: never a crow-fly guess
    expect(body.offNetworkCount).toBeGreaterThan(0);
    const durations = body.competitors.map((c: Json) => c.durationSec);
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
    for (const c of body.competitors) {
      expect(c.durationSec).toBeLessThanOrEqual(300);
      // a site at the very same coordinates (same building) is 0 min away, any other is a real trip
      const samePlace = c.point[0] === body.site.point[0] && c.point[1] === body.site.point[1];
      if (samePlace) expect([c.durationSec, c.distanceM]).toEqual([0, 0]);
      else expect(c.distanceM).toBeGreaterThan(0);
    }
    const clinic = body.competitors.find((c: Json) => c.finess === CLINIQUE_SAINT_GERMAIN);
    expect(clinic).toMatchObject({ name: 'CLINIQUE SAINT GERMAIN', category: 'Etablissement de Soins Pluridisciplinaire', sameCategory: false, sameEstablishment: false });
    expect(clinic.stays).toMatchObject({ year: 2024 });
    expect(clinic.stays.min).toBeGreaterThan(1000); // its own ScanSanté activity (OQN clinic, linked exactly)
    expect(body.competitors.find((c: Json) => c.finess === '780826053').sameCategory).toBe(true);
  });

  it('agrees with the route API for each competitor (CH path query vs bucket matrix)', async () => {
    const { body } = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5&activity=all`);
    const from = body.site.point.join(',');
    for (const c of body.competitors) {
      const route = await get(`/api/routing/route?from=${from}&to=${c.point.join(',')}`);
      expect(route.status).toBe(200);
      expect(Math.abs(route.body.durationSec - c.durationSec)).toBeLessThanOrEqual(1);
      expect(Math.abs(route.body.distanceM - c.distanceM)).toBeLessThanOrEqual(1);
    }
  });

  it('grows with N: a shorter time keeps a subset, drive times are directional', async () => {
    const two = (await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=2&activity=all`)).body;
    const five = (await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5&activity=all`)).body;
    expect(two.competitors.map((c: Json) => c.finess)).toEqual(['780007399', CLINIQUE_SAINT_GERMAIN]);
    for (const c of two.competitors) expect(five.competitors.find((d: Json) => d.finess === c.finess)).toEqual(c);
    // from the clinic back to the hospital: other one-way streets, another time (both ≤ 2 min)
    const back = (await get(`/api/health/actors/${CLINIQUE_SAINT_GERMAIN}/competitors?maxMinutes=2&activity=all`)).body;
    const toHospital = back.competitors.find((c: Json) => c.finess === CHI_SAINT_GERMAIN);
    expect(toHospital.durationSec).not.toBe(two.competitors[1].durationSec);
  });

  it('flags sister sites of the same legal entity (user links included) apart from competitors', async () => {
    const put = async (et: string) => app.request('/api/health/links/overrides', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ej: CHI_POISSY_EJ, et, linked: true, note: 'CHI Poissy–Saint-Germain site' }),
    });
    expect((await put(CHI_SAINT_GERMAIN)).status).toBe(200);
    expect((await put(USLD_NIVARD)).status).toBe(200);
    const { body } = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5&activity=all`);
    expect(body.competitors.find((c: Json) => c.finess === USLD_NIVARD)).toMatchObject({ sameEstablishment: true, establishment: { finess: CHI_POISSY_EJ } });
    expect(body.competitors.find((c: Json) => c.finess === CLINIQUE_SAINT_GERMAIN).sameEstablishment).toBe(false);
    expect(body.sameEstablishmentCount).toBe(1);
    expect(body.competitorCount).toBe(3);
    await app.request(`/api/health/links/overrides/${CHI_POISSY_EJ}/${CHI_SAINT_GERMAIN}`, { method: 'DELETE' });
    await app.request(`/api/health/links/overrides/${CHI_POISSY_EJ}/${USLD_NIVARD}`, { method: 'DELETE' });
  });

  it('keeps MCO sites only by default (no outpatient psychiatry, consultation or long-term care) and says so', async () => {
    const { body } = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5`);
    const all = (await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=5&activity=all`)).body;
    expect(body.competitors.map((c: Json) => c.finess)).toEqual([CLINIQUE_SAINT_GERMAIN]);
    for (const c of body.competitors) expect(c.activity).toBe('mco');
    // the psychiatric day hospital, the pre/postnatal consultation and the USLD are set aside, and counted
    expect(all.competitors.find((c: Json) => c.finess === '780826053')).toMatchObject({ activity: 'psychiatrie' });
    expect(all.competitors.find((c: Json) => c.finess === USLD_NIVARD)).toMatchObject({ activity: 'longue-duree' });
    expect(body.activityFilter).toMatchObject({ activity: 'mco', excludedCount: all.competitors.length - body.competitors.length });
    expect(body.activityFilter.label).toMatch(/^Sites MCO \(médecine, chirurgie, obstétrique\) seulement : 3 autres sites/);
    expect(all.activityFilter).toMatchObject({ activity: 'all', excludedCount: 0 });
  });

  it('refuses absurd N with the error shape', async () => {
    for (const n of ['0', '-5', '181', 'abc']) {
      const { status, body } = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=${n}`);
      expect(status, n).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toMatch(/maxMinutes/);
    }
  });

  it('says why when there is no road network, a site off the network, or no such site', async () => {
    const none = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}/competitors?maxMinutes=30`, noRoads);
    expect(none.status).toBe(503);
    expect(none.body.error).toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringMatching(/^Temps de trajet indisponibles/) });
    const sheetWithout = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}`, noRoads);
    expect(sheetWithout.body.competitors).toMatchObject({ available: false, reason: expect.stringMatching(/jamais estimés à vol d’oiseau/) });
    const sheetWith = await get(`/api/health/actors/${CHI_SAINT_GERMAIN}`);
    expect(sheetWith.body.competitors).toMatchObject({ available: true, reason: null });
    const bourg = await get('/api/health/actors/010000024/competitors?maxMinutes=30');
    expect(bourg.status).toBe(409);
    expect(bourg.body.error.code).toBe('SITE_OFF_NETWORK');
    const ej = await get('/api/health/actors/750712184/competitors?maxMinutes=30'); // AP-HP legal entity: not a site
    expect(ej.status).toBe(404);
    expect(ej.body.error.code).toBe('ACTOR_NOT_FOUND');
  });
});
