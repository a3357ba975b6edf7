import { beforeAll, afterAll, expect, it, describe } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { importLayer } from '../../api/src/services/imports.js';
import { StoreTimesEngine } from '../../api/src/engine/store-times.js';
import { createRoutingNetwork, isochroneMembership, type LonLat } from '../../api/src/domain/routing/index.js';
import { huff, PARAM_BOUNDS } from '../../api/src/domain/areas/index.js';
import type { Database } from '../../api/src/db/database.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Monaco and the adjacent communes of the Alpes-Maritimes (real OSM fixture): Beausoleil, Cap-d'Ail, Èze,
// Roquebrune-Cap-Martin and La Turbie lie within 500 m of its roads; the other communes are off this network.
const STORES = [
  { id: 'MAG-1', nom: 'Magasin Beausoleil', reseau: 'propre', lonLat: [7.4232, 43.7473], surface: 800 },
  { id: 'MAG-2', nom: 'Magasin Cap-d’Ail', reseau: 'propre', lonLat: [7.4027, 43.7257], surface: 400 },
  { id: 'CONC-1', nom: 'Concurrent Roquebrune', reseau: 'concurrent', lonLat: [7.4614, 43.7636], surface: 1200 },
  { id: 'CONC-2', nom: 'Concurrent Èze', reseau: 'concurrent', lonLat: [7.3612, 43.7294], surface: 300 },
  { id: 'OFF-1', nom: 'Concurrent à Paris', reseau: 'concurrent', lonLat: [2.35, 48.85], surface: 500 },
];
const csv = (rows: string[]) => Buffer.from(rows.join('\n') + '\n');
const storeCsv = (surface = (s: (typeof STORES)[number]) => String(s.surface)) =>
  csv(['id;nom;reseau;longitude;latitude;surface_m2', ...STORES.map((s) => [s.id, s.nom, s.reseau, s.lonLat[0], s.lonLat[1], surface(s)].join(';'))]);
const storeMapping = { key: 'id', name: 'nom', lon: 'longitude', lat: 'latitude', measures: [{ column: 'surface_m2', name: 'surface_m2', unit: 'm2', type: 'number' as const }, { column: 'reseau', name: 'reseau', type: 'category' as const }] };
const customerMapping = { key: 'id', lon: 'longitude', lat: 'latitude', measures: [{ column: 'magasin', name: 'magasin', type: 'category' as const }, { column: 'ca', name: 'ca_eur', unit: 'EUR', type: 'number' as const }] };
const COMMUNE_POINTS: Record<string, LonLat> = {}; // filled from the database (code → point on surface)
const PARAMS = { gamma: 1.2, decay: { kind: 'power' as const, lambda: 1.8 } };

async function layerFrom(database: Database, name: string, bytes: Buffer, mapping: typeof storeMapping | typeof customerMapping, synthetic = false) {
  const result = await importLayer(database, { fileName: `${name}.csv`, bytes, mapping, layer: { name, kind: 'internal', description: '', sourceNote: 'test', synthetic } });
  return result.layerId as string;
}

const dir = mkdtempSync(join(tmpdir(), 'maillage-areas-api-'));
let graphFile = '';
beforeAll(() => { graphFile = writeFixtureGraph(dir, 'monaco'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store × commune drive times (engine)', () => {
  it('agree with the isochrone membership to each store (reverse PHAST, the commune rule), NaN off network or beyond the cut-off', async () => {
    const { graph, ch } = fixtureNetwork('monaco');
    const network = createRoutingNetwork(graph, ch, { maxSnapDistanceM: 500 });
    // Commune points 100–200 m from the stores (a commune's point is never exactly a store's).
    const communes = [
      { code: '06012', lon: 7.4242, lat: 43.7465 }, { code: '06032', lon: 7.4017, lat: 43.7262 }, { code: '06059', lon: 7.3622, lat: 43.7284 },
      { code: '06104', lon: 7.4604, lat: 43.7646 }, { code: '06150', lon: 7.3968, lat: 43.7456 }, { code: '06083', lon: 7.4899, lat: 43.7956 },
    ];
    const engine = new StoreTimesEngine(network, communes, 2);
    const stores = STORES.map((s) => s.lonLat as LonLat);
    const run = await engine.times(network, stores, 3600);
    expect(run.storeSnaps.map((s) => s !== null)).toEqual([true, true, true, true, false]);
    expect(run.communeSnapped).toEqual([true, true, true, true, true, false]); // Menton's point is > 500 m from this extract's roads
    for (const [s, store] of stores.slice(0, 4).entries()) {
      const m = isochroneMembership(network, store, communes.map((c) => [c.lon, c.lat] as LonLat), [3600], { direction: 'to' })!;
      communes.forEach((_, c) => {
        const expected = m.roadDurationSec[c];
        const got = run.times.sec[s * communes.length + c];
        if (expected === null) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(expected, 1);
      });
    }
    expect(Array.from(run.times.sec.subarray(4 * communes.length))).toEqual(communes.map(() => NaN));
    // Beausoleil → its own store is a short trip; the time to the farthest store is several minutes.
    expect(run.times.sec[0]).toBeLessThan(120);
    expect(run.times.sec[3 * communes.length]).toBeGreaterThan(300);
    // A cut-off below that trip leaves it out; the rows come from the cache (nothing recomputed).
    const cut = await engine.times(network, stores, 300);
    expect(cut.computedRowCount).toBe(0);
    expect(cut.times.sec[3 * communes.length]).toBeNaN();
    // One store moved: only its row is computed.
    const moved = await engine.times(network, [...stores.slice(0, 3), [7.3968, 43.7456]], 3600);
    expect(moved.computedRowCount).toBe(1);
    // The sparse table holds exactly the dense table's times (communes ascending per store).
    const { sparse } = run;
    expect(sparse.offsets[stores.length]).toBe(Array.from(run.times.sec).filter((x) => x === x).length);
    for (let s = 0; s < stores.length; s++) for (let k = sparse.offsets[s]; k < sparse.offsets[s + 1]; k++) expect(sparse.sec[k]).toBe(run.times.sec[s * communes.length + sparse.commune[k]]);
    await engine.close();
    // The WebAssembly SIMD sweep and the plain JavaScript loop give the same times, bit for bit.
    const plain = new StoreTimesEngine(network, communes, 1, 10, false);
    const js = await plain.times(network, stores, 3600);
    await plain.close();
    expect(Array.from(js.times.sec)).toEqual(Array.from(run.times.sec));
  });
});

describeEachDatabase('trade areas API', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let inactive: ReturnType<typeof appFor>['app'];
  let storesId = '', customersId = '', badCustomersId = '', fewCustomersId = '', negativeId = '', emptyId = '';
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const routing = RoutingService.load(t.database, graphFile);
    app = appFor(t.database, { routing }).app;
    inactive = appFor(t.database).app;
    const points = await sql<{ code: string; lon: number; lat: number }>`SELECT code, ST_X(point) AS lon, ST_Y(point) AS lat FROM communes WHERE code IN ('06012', '06032', '06059', '06104', '06150')`.execute(t.database.db);
    for (const p of points.rows) COMMUNE_POINTS[p.code] = [Number(p.lon), Number(p.lat)];
    storesId = await layerFrom(t.database, 'Magasins test', storeCsv(), storeMapping, true);
    negativeId = await layerFrom(t.database, 'Magasins surface négative', storeCsv((s) => (s.id === 'MAG-2' ? '-40' : s.id === 'CONC-2' ? '' : String(s.surface))), storeMapping);
    // Customers drawn from the Huff model itself (expected counts, rounded) on the engine's own times: calibration must find γ, λ back.
    const communeCodes = Object.keys(COMMUNE_POINTS).sort();
    const engine = new StoreTimesEngine(routing.host.snapView(500), communeCodes.map((code) => ({ code, lon: COMMUNE_POINTS[code][0], lat: COMMUNE_POINTS[code][1] })), 1);
    const run = await engine.times(routing.host.snapView(500), STORES.map((s) => s.lonLat as LonLat), 90 * 60);
    await engine.close();
    const A = Float64Array.from(STORES, (s) => s.surface);
    const demand = Float64Array.from(communeCodes, () => 1);
    const model = huff(run.times, A, demand, Uint8Array.from(STORES, (s) => (s.reseau === 'propre' ? 1 : 0)), PARAMS);
    const rows = ['id;magasin;longitude;latitude;ca'];
    let n = 0;
    STORES.forEach((s, i) => communeCodes.forEach((code, c) => {
      const count = Math.round(model.prob[i * communeCodes.length + c] * 2000);
      for (let k = 0; k < count; k++) rows.push([`CLI-${++n}`, s.id, ...COMMUNE_POINTS[code], 100].join(';'));
    }));
    customersId = await layerFrom(t.database, 'Clients test', csv(rows), customerMapping, true);
    badCustomersId = await layerFrom(t.database, 'Clients clé inconnue', csv([rows[0], rows[1], [`CLI-X1`, 'MAG-9', ...COMMUNE_POINTS['06012'], 50].join(';'), [`CLI-X2`, 'MAG-9', ...COMMUNE_POINTS['06032'], 50].join(';')]), customerMapping);
    fewCustomersId = await layerFrom(t.database, 'Clients trop peu', csv([rows[0], ['C1', 'MAG-1', ...COMMUNE_POINTS['06012'], 1].join(';'), ['C2', 'MAG-2', ...COMMUNE_POINTS['06032'], 1].join(';')]), customerMapping);
    // A layer with no points (its rows deleted), as a user's emptied layer.
    emptyId = await layerFrom(t.database, 'Couche vide', storeCsv(), storeMapping);
    await sql`DELETE FROM layer_features WHERE layer_id = ${emptyId}::uuid`.execute(t.database.db);
  }, 120_000);
  afterAll(async () => t?.close());

  const post = async (path: string, body: unknown, target = app) => {
    const res = await target.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const stores = (layerId = storesId, extra: Json = {}) => ({ sources: [{ layerId, role: { field: 'reseau', ownValues: ['propre'] }, attractivenessMeasure: 'surface_m2', ...extra }] });

  it('lists the points of sale of a request before any computation (POST /api/areas/stores), FINESS sites included', async () => {
    const { status, body } = await post('/api/areas/stores', { stores: { ...stores(), roles: { 'CONC-2': 'own' } } });
    expect(status).toBe(200);
    expect(body.count).toBe(STORES.length);
    expect(body.synthetic).toBe(true);
    expect(body.stores.map((s: Json) => [s.key, s.role, s.attractiveness])).toEqual(STORES.map((s) => [s.id, s.id === 'CONC-2' || s.reseau === 'propre' ? 'own' : 'competitor', s.surface]));
    const finessCount = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_sites WHERE departement_code = '06' AND geom IS NOT NULL`.execute(t.database.db)).rows[0].n;
    const finess = await post('/api/areas/stores', { stores: { sources: [{ finess: { departements: ['06'] }, role: 'competitor' }] } });
    expect(finess.status).toBe(200);
    expect(finess.body.count).toBe(finessCount);
    expect(finess.body.stores.every((s: Json) => s.role === 'competitor' && typeof s.name === 'string')).toBe(true);
    expect((await post('/api/areas/stores', { stores: stores('00000000-0000-0000-0000-000000000000') })).status).toBe(404);
    expect((await post('/api/areas/stores', { stores: { sources: [] } })).status).toBe(400);
  });

  it('has the seeded synthetic demo network: 120 own stores, 200 competitors, 30,000 customers all keyed to an own store', async () => {
    const layers = (await sql<{ id: string; name: string; synthetic: boolean; featureCount: number }>`
      SELECT id, name, synthetic, feature_count AS "featureCount" FROM layers WHERE name LIKE 'Démo %magasin%' OR name LIKE 'Démo points de vente%' ORDER BY name`.execute(t.database.db)).rows;
    expect(layers.map((l) => [l.name, l.synthetic, l.featureCount])).toEqual([
      ['Démo clients des magasins — données synthétiques', true, 30_000],
      ['Démo points de vente — données synthétiques', true, 320],
    ]);
    const [customers, storesLayer] = layers;
    const roles = (await sql<{ reseau: string; n: number }>`SELECT measures->>'reseau' AS reseau, count(*)::int AS n FROM layer_features WHERE layer_id = ${storesLayer.id}::uuid GROUP BY 1 ORDER BY 1`.execute(t.database.db)).rows;
    expect(roles).toEqual([{ reseau: 'concurrent', n: 200 }, { reseau: 'propre', n: 120 }]);
    const orphans = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM layer_features c WHERE c.layer_id = ${customers.id}::uuid AND c.commune_code IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM layer_features s WHERE s.layer_id = ${storesLayer.id}::uuid AND s.key = c.measures->>'magasin' AND s.measures->>'reseau' = 'propre')`.execute(t.database.db);
    expect(orphans.rows[0].n).toBe(0);
  });

  it('Huff: probabilities per store, own share per commune, the off-network store reported and left out, labels', async () => {
    const { status, body } = await post('/api/areas/huff', { stores: stores(), params: PARAMS });
    expect(status).toBe(200);
    expect(body.synthetic).toBe(true);
    expect(body.labels.join(' ')).toMatch(/synthétiques/);
    expect(body.labels.join(' ')).toMatch(/modélisé/);
    expect(body.stores.map((s: Json) => [s.key, s.role])).toEqual([['MAG-1', 'own'], ['MAG-2', 'own'], ['CONC-1', 'competitor'], ['CONC-2', 'competitor'], ['OFF-1', 'competitor']]);
    expect(body.offNetwork.stores).toEqual([{ key: 'OFF-1', reason: expect.stringMatching(/route/) }]);
    expect(body.stores[4]).toMatchObject({ expectedDemand: 0, marketShareRatio: 0 });
    expect(body.offNetwork.communeCount).toBeGreaterThan(30_000); // every commune far from this small extract
    const share = (code: string) => body.communes.ownShareRatio[body.communes.codes.indexOf(code)];
    // Beausoleil's own store is nearest: the own network holds most of it; Roquebrune goes mostly to its competitor.
    expect(share('06012')).toBeGreaterThan(0.5);
    expect(share('06104')).toBeLessThan(0.5);
    expect(share('75056')).toBeNull();
    // Market shares over the reachable demand sum to 1; expected demand sums to the reachable population.
    expect(body.stores.reduce((a: number, s: Json) => a + s.marketShareRatio, 0)).toBeCloseTo(1, 4);
    const reachable = body.demand.totalDemand - body.demand.unreachedDemand;
    expect(body.stores.reduce((a: number, s: Json) => a + s.expectedDemand, 0)).toBeCloseTo(reachable, 0);
    expect(body.network.source).toMatch(/monaco/);
    // A spending potential: population × € per inhabitant (estimated, said); the shares do not change.
    const spend = await post('/api/areas/huff', { stores: stores(), params: PARAMS, demand: { kind: 'spending', perInhabitantEur: 250 } });
    expect(spend.body.demand).toMatchObject({ unit: 'EUR', estimated: true, label: expect.stringContaining('250 €') });
    expect(spend.body.demand.totalDemand).toBeCloseTo(body.demand.totalDemand * 250, -1);
    spend.body.stores.forEach((s: Json, i: number) => expect(s.marketShareRatio).toBeCloseTo(body.stores[i].marketShareRatio, 5));
    const weighted = await post('/api/areas/huff', { stores: stores(), params: PARAMS, demand: { kind: 'spending', perInhabitantEur: 250, incomeWeighted: true } });
    expect(weighted.body.demand.label).toMatch(/revenu médian/);
    // Weights are the commune's median income over the national (population-weighted) one: demand moves between
    // communes, the national total stays; here the five communes differ in income, so the stores' demand moves.
    expect(weighted.body.stores.some((s: Json, i: number) => Math.abs(s.expectedDemand - spend.body.stores[i].expectedDemand) > 1000)).toBe(true);
  });

  it('takes FINESS health sites as points of sale too (here competitors), off-network ones reported', async () => {
    const sites = (await sql<{ finess: string; lon: number; lat: number }>`
      SELECT finess, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM health_sites WHERE departement_code = '06' AND geom IS NOT NULL`.execute(t.database.db)).rows;
    expect(sites.length).toBeGreaterThan(10);
    const { status, body } = await post('/api/areas/huff', { stores: { sources: [...stores().sources, { finess: { departements: ['06'] }, role: 'competitor' }] }, params: PARAMS });
    expect(status).toBe(200);
    expect(body.stores).toHaveLength(STORES.length + sites.length);
    expect(body.stores.slice(STORES.length).every((s: Json) => s.role === 'competitor' && s.layerId === 'finess' && s.attractiveness === 1)).toBe(true);
    // Sites far outside this small extract (Nice, Cannes, Grasse…) have no drive time: listed, never invented.
    const off = new Set(body.offNetwork.stores.map((s: Json) => s.key));
    for (const s of sites) if (Number(s.lon) < 7.3 || Number(s.lat) > 43.9) expect(off.has(s.finess)).toBe(true);
  });

  it('answers 503 without a road network and 400 for bad inputs, naming what is wrong', async () => {
    expect((await post('/api/areas/huff', { stores: stores(), params: PARAMS }, inactive)).status).toBe(503);
    const none = await post('/api/areas/huff', { stores: stores(emptyId), params: PARAMS });
    expect(none).toMatchObject({ status: 400, body: { error: { code: 'AREAS_NO_POINTS', message: expect.stringContaining('aucun point') } } });
    const negative = await post('/api/areas/huff', { stores: stores(negativeId), params: PARAMS });
    expect(negative.status).toBe(400);
    expect(negative.body.error.code).toBe('AREAS_BAD_MEASURE');
    expect(negative.body.error.details.rows.map((r: Json) => [r.key, r.value])).toEqual([['MAG-2', '-40'], ['CONC-2', null]]);
    expect(negative.body.error.message).toMatch(/lignes 3, 5/);
    const gamma = await post('/api/areas/huff', { stores: stores(), params: { gamma: 9, decay: { kind: 'power', lambda: 2 } } });
    expect(gamma).toMatchObject({ status: 400, body: { error: { code: 'PARAM_OUT_OF_BOUNDS', details: { field: 'params.gamma', bounds: [...PARAM_BOUNDS.gamma] } } } });
    expect(gamma.body.error.message).toMatch(/0,05.*5/);
    const lambda = await post('/api/areas/huff', { stores: stores(), params: { gamma: 1, decay: { kind: 'exponential', lambda: 3 } } });
    expect(lambda.body.error).toMatchObject({ code: 'PARAM_OUT_OF_BOUNDS', details: { bounds: [...PARAM_BOUNDS.expLambda] } });
    const field = await post('/api/areas/huff', { stores: stores(storesId, { attractivenessMeasure: 'surface' }), params: PARAMS });
    expect(field.body.error).toMatchObject({ code: 'AREAS_UNKNOWN_FIELD', message: expect.stringContaining('surface_m2') });
    const missing = await post('/api/areas/huff', { stores: { sources: [] }, params: PARAMS });
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const unknownLayer = await post('/api/areas/huff', { stores: stores('00000000-0000-0000-0000-000000000000'), params: PARAMS });
    expect(unknownLayer.status).toBe(404);
  });

  it('calibration recovers γ and λ (MCI and ML) from customers drawn from the model; unknown store keys and too few pairs are 400s', async () => {
    const { status, body } = await post('/api/areas/calibrate', { stores: stores(), customers: { layerId: customersId, storeKeyField: 'magasin' }, decayKind: 'power' });
    expect(status).toBe(200);
    for (const fit of [body.fits.mci, body.fits.ml]) {
      expect(fit.gamma).toBeGreaterThan(PARAMS.gamma * 0.9);
      expect(fit.gamma).toBeLessThan(PARAMS.gamma * 1.1);
      expect(fit.lambda).toBeGreaterThan(PARAMS.decay.lambda * 0.9);
      expect(fit.lambda).toBeLessThan(PARAMS.decay.lambda * 1.1);
      expect(fit.params).toEqual({ gamma: fit.gamma, decay: { kind: 'power', lambda: fit.lambda } });
    }
    expect(body.fits.mci.r2).toBeGreaterThan(0.95);
    expect(body.customers).toMatchObject({ assignment: 'storeKey', withoutCommuneValue: 0 });
    const unknown = await post('/api/areas/calibrate', { stores: stores(), customers: { layerId: badCustomersId, storeKeyField: 'magasin' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'AREAS_UNKNOWN_STORE_KEYS', details: { keys: [{ key: 'MAG-9', rows: [3, 4], count: 2 }] } });
    expect(unknown.body.error.message).toMatch(/« MAG-9 » \(lignes 3, 4\)/);
    const few = await post('/api/areas/calibrate', { stores: stores(), customers: { layerId: fewCustomersId, storeKeyField: 'magasin' } });
    expect(few).toMatchObject({ status: 400, body: { error: { code: 'TOO_FEW_PAIRS', message: expect.stringContaining('Calage impossible') } } });
  });

  it('drive-time areas: exclusive areas hold each reachable commune once; overlapping bands grow with time', async () => {
    const ex = await post('/api/areas/drive-time', { stores: stores(), mode: 'exclusive', cutoffMin: 30 });
    expect(ex.status).toBe(200);
    const assigned = ex.body.communes.storeKey.filter((k: string | null) => k !== null);
    expect(assigned).toHaveLength(5);
    expect(ex.body.stores.reduce((a: number, s: Json) => a + s.communeCount, 0)).toBe(5);
    expect(ex.body.communes.storeKey[ex.body.communes.codes.indexOf('06012')]).toBe('MAG-1');
    const ov = await post('/api/areas/drive-time', { stores: stores(), mode: 'overlapping', breaksMin: [20, 5, 10] });
    expect(ov.body.breaksMin).toEqual([5, 10, 20]);
    for (const s of ov.body.stores.slice(0, 4)) {
      const counts = s.bands.map((b: Json) => b.communeCount);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    expect(ov.body.stores[4].bands.every((b: Json) => b.communeCount === 0)).toBe(true);
  });

  it('customer-derived areas: communes ranked until 50 / 80 % of each store’s customers', async () => {
    const { status, body } = await post('/api/areas/customer', { stores: stores(), customers: { layerId: customersId, storeKeyField: 'magasin' }, thresholdsRatio: [0.8, 0.5] });
    expect(status).toBe(200);
    const mag1 = body.stores[0];
    expect(mag1.tiers.map((x: Json) => x.thresholdRatio)).toEqual([0.5, 0.8]);
    expect(mag1.tiers[0].communeCodes[0]).toBe('06012'); // most of its customers live in Beausoleil
    expect(mag1.tiers[0].valueShareRatio).toBeGreaterThanOrEqual(0.5);
    expect(mag1.tiers[1].communeCodes.length).toBeGreaterThanOrEqual(mag1.tiers[0].communeCodes.length);
    expect(body.communes.tier[body.communes.codes.indexOf('06012')]).toBe(0);
    // Without a store key: each customer goes to the store its commune reaches fastest; areas saved as zones.
    const nearest = await post('/api/areas/customer', { stores: stores(), customers: { layerId: customersId }, thresholdsRatio: [0.8], save: { name: 'Clientèle', storeKeys: ['MAG-1'] } });
    expect(nearest.status).toBe(200);
    expect(nearest.body.customers.assignment).toBe('nearestStore');
    expect(nearest.body.stores[0].tiers[0].communeCodes).toContain('06012');
    expect(nearest.body.saved.zones[0]).toMatchObject({ name: expect.stringContaining('primaire'), method: { type: 'customer', assignment: 'nearestStore', store: 'MAG-1', thresholdRatio: 0.8 } });
  });

  it('what-if: a candidate site takes its demand from competitors and own stores; total demand unchanged; scenarios saved and listed', async () => {
    const { status, body } = await post('/api/areas/what-if', {
      stores: stores(), params: PARAMS, changes: [{ action: 'add', name: 'Site La Turbie', at: [7.3968, 43.7456], attractiveness: 600 }], save: { name: 'Ouverture La Turbie' },
    });
    expect(status).toBe(200);
    const candidate = body.stores.find((s: Json) => s.change === 'add');
    expect(candidate).toMatchObject({ key: 'candidat-1', name: 'Site La Turbie', role: 'own', baseDemand: 0 });
    expect(candidate.newDemand).toBeGreaterThan(0);
    expect(candidate.capturedFromCompetitors + candidate.cannibalisedFromOwn).toBeCloseTo(candidate.newDemand, 0);
    expect(candidate.cannibalisedFromOwn).toBeGreaterThan(0);
    const sum = (k: string) => body.stores.reduce((a: number, s: Json) => a + s[k], 0);
    expect(sum('newDemand')).toBeCloseTo(sum('baseDemand'), 0);
    expect(body.ownNetworkNew).toBeGreaterThan(body.ownNetworkBase);
    expect(body.timing.computedRowCount).toBe(1); // only the candidate's drive times were computed
    expect(body.scenario).toMatchObject({ name: 'Ouverture La Turbie' });
    const list = (await (await app.request('/api/areas/scenarios')).json()) as Json;
    expect(list.scenarios[0]).toMatchObject({ id: body.scenario.id, name: 'Ouverture La Turbie', summary: { ownNetworkDelta: expect.any(Number) } });
    const closed = await post('/api/areas/what-if', { stores: stores(), params: PARAMS, changes: [{ action: 'close', key: 'MAG-2' }] });
    expect(closed.body.stores.find((s: Json) => s.key === 'MAG-2')).toMatchObject({ change: 'close', newDemand: 0 });
    const bad = await post('/api/areas/what-if', { stores: stores(), params: PARAMS, changes: [{ action: 'close', key: 'NOPE' }] });
    expect(bad.body.error).toMatchObject({ code: 'AREAS_UNKNOWN_STORE_KEYS', details: { field: 'changes[0].key' } });
    const saved = await post('/api/areas/scenarios', { name: 'À comparer', request: { stores: stores(), params: PARAMS, changes: [{ action: 'close', key: 'MAG-2' }] } });
    expect(saved.status).toBe(201);
  });

  it('saves Huff contours as trade-area zones with their method and parameters, whose profile works', async () => {
    const { status, body } = await post('/api/areas/huff', { stores: stores(), params: PARAMS, contoursRatio: [0.5], save: { name: 'Huff test', storeKeys: ['MAG-1'] } });
    expect(status).toBe(200);
    expect(body.saved.zones).toHaveLength(1);
    const { zone } = (await (await app.request(`/api/zones/${body.saved.zones[0].id}`)).json()) as Json;
    expect(zone).toMatchObject({ kind: 'trade_area', name: expect.stringContaining('Magasin Beausoleil'), method: { type: 'huff', params: PARAMS, store: 'MAG-1', minProbabilityRatio: 0.5, synthetic: true } });
    const beausoleil = zone.members.find((m: Json) => m.communeCode === '06012');
    expect(beausoleil.weight).toBeGreaterThan(0.5);
    expect(beausoleil.weight).toBeLessThanOrEqual(1);
    const profile = await app.request(`/api/zones/${zone.id}/profile`);
    expect(profile.status).toBe(200);
    const network = await post('/api/areas/huff', { stores: stores(), params: PARAMS, contoursRatio: [0.5, 0.25], save: { name: 'Réseau' } });
    expect(network.body.saved.zones.map((z: Json) => z.method.store)).toEqual(['own-network', 'own-network']);
    // … and the own share per commune as a computed layer (5 reachable communes), labelled modelled and synthetic.
    expect(network.body.saved.layer).toMatchObject({ name: 'Réseau — part du réseau propre (Huff, modélisé)', featureCount: 5 });
    const layer = (await (await app.request(`/api/layers/${network.body.saved.layer.layerId}`)).json()) as Json;
    expect(layer).toMatchObject({ kind: 'computed', synthetic: true, sourceNote: expect.stringContaining('"gamma":1.2') });
    const values = await sql<{ code: string; v: number }>`SELECT commune_code AS code, (measures->>'part_reseau_propre')::float8 AS v FROM layer_features WHERE layer_id = ${layer.id}::uuid ORDER BY 1`.execute(t.database.db);
    expect(values.rows.find((r) => r.code === '06012')!.v).toBeCloseTo(network.body.communes.ownShareRatio[network.body.communes.codes.indexOf('06012')], 4);
    const drive = await post('/api/areas/drive-time', { stores: stores(), mode: 'overlapping', breaksMin: [5, 10], save: { name: 'Isochrones', storeKeys: ['MAG-2'] } });
    expect(drive.body.saved.zones.map((z: Json) => z.method.maxDurationMin)).toEqual([5, 10]);
  });
});
