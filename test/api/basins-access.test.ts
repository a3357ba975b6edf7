import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { writeFixtureGraph } from '../helpers/road-graphs.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { importLayer } from '../../api/src/services/imports.js';
import type { Database } from '../../api/src/db/database.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// The Monaco OSM fixture network: Beausoleil (06012), Cap-d'Ail (06032), Èze (06059), Roquebrune-Cap-Martin (06104)
// and La Turbie (06150) lie within 500 m of its roads; every other commune (and its GPs) is off this network.
const ON_NETWORK = ['06012', '06032', '06059', '06104', '06150'];
const csv = (rows: string[]) => Buffer.from(rows.join('\n') + '\n');
const mapping = { key: 'id', name: 'nom', lon: 'longitude', lat: 'latitude', measures: [{ column: 'lits', name: 'lits', unit: 'lits', type: 'number' as const }] };
async function layerFrom(database: Database, name: string, rows: string[]) {
  const result = await importLayer(database, { fileName: `${name}.csv`, bytes: csv(['id;nom;longitude;latitude;lits', ...rows]), mapping, layer: { name, kind: 'internal', description: '', sourceNote: 'test', synthetic: false } });
  return result.layerId as string;
}

const dir = mkdtempSync(join(tmpdir(), 'maillage-basins-api-'));
let graphFile = '';
beforeAll(() => { graphFile = writeFixtureGraph(dir, 'monaco'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('accessibility and drive-time basins API', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  let inactive: ReturnType<typeof appFor>['app'];
  let clinicsId = '', negativeId = '', seaId = '';
  const population = new Map<string, number>();
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database, { routing: RoutingService.load(t.database, graphFile) }).app;
    inactive = appFor(t.database).app;
    const rows = await sql<{ code: string; p: number }>`SELECT code, population_count AS p FROM communes`.execute(t.database.db);
    for (const r of rows.rows) population.set(r.code, Number(r.p));
    clinicsId = await layerFrom(t.database, 'Cliniques test', ['C1;Clinique Beausoleil;7.4232;43.7473;40', 'C2;Clinique Èze;7.3612;43.7294;10']);
    negativeId = await layerFrom(t.database, 'Cliniques lits négatifs', ['N1;Clinique A;7.4232;43.7473;40', 'N2;Clinique B;7.3612;43.7294;-5']);
    // Points in the sea are refused by the import (outside every commune): points far from this network's roads instead.
    seaId = await layerFrom(t.database, 'Points hors réseau', ['S1;Paris;2.3522;48.8566;1', 'S2;Lyon;4.8357;45.7640;1']);
  }, 120_000);
  afterAll(async () => t?.close());

  const call = async (method: string, path: string, body?: unknown, target = app) => {
    const res = await target.request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
    const text = await res.text();
    return { status: res.status, text, body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as Json };
  };
  const post = (path: string, body: unknown, target = app) => call('POST', path, body, target);
  const GP = { supply: { source: 'gp' }, catchmentMin: 30, decay: { kind: 'steps' } };

  it('lists sources: BPE GPs, point layers with their measures, FINESS categories, actor sets, flow datasets, defaults', async () => {
    const { status, body } = await call('GET', '/api/basins/sources');
    expect(status).toBe(200);
    expect(body.supplies[0]).toMatchObject({ source: 'gp', label: 'Médecins généralistes (BPE 2017)', year: '2017', pointCount: 9486, total: 58034 });
    expect(body.supplies.find((s: Json) => s.layerId === clinicsId)).toMatchObject({ source: 'layer', label: 'Cliniques test', measures: [{ name: 'lits', unit: 'lits' }], synthetic: false });
    expect(body.supplies.at(-1).categories.find((c: Json) => c.code === 'Centre Hospitalier (C.H.)').count).toBeGreaterThan(1000);
    expect(body.actorSets.slice(0, 2).map((a: Json) => [a.id, a.label, a.pointCount])).toEqual([['maternity', 'Maternités', 421], ['gp', 'Médecins généralistes', 9486]]);
    expect(body.actorSets[0].source).toMatch(/FINESS chargé n’a pas d’activité « maternité »/);
    expect(body.flowDatasets.length).toBeGreaterThan(0);
    expect(body.flowDatasets[0]).toMatchObject({ hasCaseMix: false, quality: expect.stringMatching(/modelled|observed/) });
    expect(body.defaults).toMatchObject({ catchmentMin: 30, decay: { kind: 'steps', upperMin: [10, 15, 20], weights: [1, 0.6667, 0.3333] } });
  });

  it('GP accessibility: null off the network, conservation Σ pop·A = Σ supply in reach, the 4 × 3 sensitivity table, age weighting said absent', async () => {
    const { status, body } = await post('/api/basins/accessibility', { ...GP, demand: { ageWeighted: true } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ quality: 'computed', unit: 'médecins généralistes pour 100 000 habitants' });
    expect(body.label).toBe('Accessibilité aux médecins généralistes (2SFCA paliers, 30 min) — calculé');
    expect(body.demand).toMatchObject({ ageWeighted: false, ageWeightedAsked: true, note: expect.stringMatching(/âge non disponible/) });
    const value = (code: string) => body.values.value[body.values.codes.indexOf(code)];
    // Off the network: no value (never 0). On it: the fixture's five communes, each with a GP in reach.
    expect(value('75056')).toBeNull();
    const valued = body.values.codes.filter((_: string, i: number) => body.values.value[i] !== null);
    expect(valued.sort()).toEqual(ON_NETWORK);
    for (const c of ON_NETWORK) expect(value(c)).toBeGreaterThan(0);
    expect(body.summary.communeCount).toBe(5);
    expect(body.summary.communesWithoutAccess).toBe(0);
    // GPs of the rest of France are off this network: listed with the reason, not counted.
    expect(body.supply.offNetworkCount).toBeGreaterThan(9000);
    expect(body.supply.offNetwork).toHaveLength(200); // the first 200 listed
    expect(body.supply.offNetwork[0].reason).toMatch(/500 m/);
    // Conservation: Σ population × accessibility (per inhabitant) = the supply that reaches some demand.
    let sum = 0;
    body.values.codes.forEach((c: string, i: number) => { if (body.values.value[i] !== null) sum += (population.get(c)! * body.values.value[i]) / 100_000; });
    expect(body.supply.inReach).toBeGreaterThan(0);
    expect(Math.abs(sum - body.supply.inReach) / body.supply.inReach).toBeLessThan(1e-6);
    // Population-weighted mean over the valued communes.
    const pop = ON_NETWORK.reduce((a, c) => a + population.get(c)!, 0);
    expect(body.summary.meanPopulationWeighted).toBeCloseTo(ON_NETWORK.reduce((a, c) => a + population.get(c)! * value(c), 0) / pop, 6);
    expect(body.sensitivity).toHaveLength(12);
    expect(body.sensitivity.map((r: Json) => `${r.catchmentMin}:${r.decay}`)).toEqual([10, 15, 20, 30].flatMap((m) => ['binary', 'steps', 'gaussian'].map((d) => `${m}:${d}`)));
    // Binary 2SFCA conserves the supply whatever the catchment: its mean is Σ supply in reach / Σ population.
    const binary30 = body.sensitivity.find((r: Json) => r.catchmentMin === 30 && r.decay === 'binary');
    expect(binary30.meanPopulationWeighted).toBeCloseTo((body.supply.inReach / pop) * 100_000, 6);
    expect(body.underServed).toMatchObject({ threshold: expect.any(Number), rule: expect.stringMatching(/2,5 \/ 3,93/) });
    expect(body.timing).toMatchObject({ timesMs: expect.any(Number), computeMs: expect.any(Number) });
    // A second call reuses the drive times (cache per network, supply set and reach).
    const again = await post('/api/basins/accessibility', { ...GP, decay: { kind: 'gaussian' }, sensitivity: false });
    expect(again.body.timing.timesCached).toBe(true);
    expect(again.body.sensitivity).toEqual([]);
  });

  it('consultations per inhabitant with a stated activity per GP, the DREES 2.5 threshold; a layer measure as supply', async () => {
    const base = await post('/api/basins/accessibility', GP);
    const { body } = await post('/api/basins/accessibility', { ...GP, activityPerSupply: 5000 });
    expect(body.unit).toBe('consultations par habitant et par an');
    body.values.value.forEach((v: number | null, i: number) => (v === null ? expect(base.body.values.value[i]).toBeNull() : expect(v).toBeCloseTo((base.body.values.value[i] * 5000) / 100_000, 9)));
    expect(body.underServed.threshold).toBe(2.5);
    const layer = await post('/api/basins/accessibility', { supply: { source: 'layer', layerId: clinicsId, measure: 'lits' }, catchmentMin: 20, decay: { kind: 'binary' } });
    expect(layer.status).toBe(200);
    expect(layer.body.unit).toBe('lits (lits) pour 100 000 habitants');
    expect(layer.body.supply).toMatchObject({ pointCount: 2, total: 50, offNetwork: [], offNetworkCount: 0 });
    let sum = 0;
    layer.body.values.codes.forEach((c: string, i: number) => { if (layer.body.values.value[i] !== null) sum += (population.get(c)! * layer.body.values.value[i]) / 100_000; });
    expect(sum).toBeCloseTo(layer.body.supply.inReach, 6);
  });

  it('saves a computed indicator: listed, mapped, in a zone profile (population-weighted mean of 2 communes), in a CSV export; deleted', async () => {
    const { body } = await post('/api/basins/accessibility', { ...GP, activityPerSupply: 5000, sensitivity: false, save: {} });
    const id = body.saved.indicatorId;
    expect(id).toMatch(/^computed:[0-9a-f-]{36}$/);
    const list = (await call('GET', '/api/indicators')).body.indicators;
    expect(list.find((i: Json) => i.id === id)).toMatchObject({ label: body.label, quality: 'computed', computed: true, mappable: true, unit: 'consultations par habitant et par an', provider: 'computed' });
    const values = await call('GET', `/api/indicators/${encodeURIComponent(id)}/values`);
    expect(values.status).toBe(200);
    const mapValue = (c: string) => values.body.values[values.body.codes.indexOf(c)];
    expect(mapValue('06012')).toBeCloseTo(body.values.value[body.values.codes.indexOf('06012')], 9);
    expect(mapValue('75056')).toBeNull();
    // A zone of Beausoleil and Paris: Paris has no value (off this network), the figure is Beausoleil's, coverage < 1.
    const v = (c: string) => body.values.value[body.values.codes.indexOf(c)];
    const zone = (await post('/api/zones', { name: 'Deux communes', codes: ['06012', '06104'] })).body.zone.id;
    const profile = await call('GET', `/api/zones/${zone}/profile?indicators=population,${encodeURIComponent(id)}`);
    expect(profile.status).toBe(200);
    const fig = profile.body.indicators.find((i: Json) => i.id === id);
    const [p1, p2] = [population.get('06012')!, population.get('06104')!];
    expect(fig.value).toBeCloseTo((p1 * v('06012') + p2 * v('06104')) / (p1 + p2), 9);
    expect(fig).toMatchObject({ quality: 'computed', coverageRatio: 1 });
    const mixed = (await post('/api/zones', { name: 'Beausoleil et Paris', codes: ['06012', '75056'] })).body.zone.id;
    const mixedFig = (await call('GET', `/api/zones/${mixed}/profile?indicators=${encodeURIComponent(id)}`)).body.indicators[0];
    expect(mixedFig.value).toBeCloseTo(v('06012'), 9);
    expect(mixedFig.coverageRatio).toBeCloseTo(p1 / (p1 + population.get('75056')!), 9);
    const exported = await call('GET', `/api/zones/${zone}/export?format=csv&indicators=population,${encodeURIComponent(id)}`);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain(body.label);
    const del = await call('DELETE', `/api/basins/indicators/${encodeURIComponent(id)}`);
    expect(del).toMatchObject({ status: 200, body: { deleted: id } });
    expect((await call('GET', '/api/indicators')).body.indicators.some((i: Json) => i.id === id)).toBe(false);
    expect((await call('GET', `/api/indicators/${encodeURIComponent(id)}/values`)).status).toBe(404);
    expect((await call('DELETE', `/api/basins/indicators/${encodeURIComponent(id)}`)).status).toBe(404);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM computed_indicator_values WHERE indicator_id = ${id.slice('computed:'.length)}::uuid`.execute(t.database.db);
    expect(left.rows[0].n).toBe(0);
  });

  it('nearest actor: every on-network commune to its nearest GP commune (0 min at its own), shares beyond 30/45 min; saved as indicator + basin zones', async () => {
    const { status, body } = await post('/api/basins/nearest', { actors: { set: 'gp' }, save: { name: 'Généralistes', zones: true } });
    expect(status).toBe(200);
    expect(body.quality).toBe('computed');
    const at = (c: string) => body.values.codes.indexOf(c);
    const gpCodes = new Set((await sql<{ c: string }>`SELECT commune_code AS c FROM commune_indicator_values WHERE indicator_id = 'health_gp_count' AND value > 0`.execute(t.database.db)).rows.map((r) => r.c));
    for (const c of ON_NETWORK) {
      const a = body.values.actorIndex[at(c)];
      expect(a).toBeGreaterThanOrEqual(0);
      if (gpCodes.has(c)) expect([body.actors[a].key, body.values.timeSec[at(c)]]).toEqual([c, 0]);
      else expect(body.values.timeSec[at(c)]).toBeGreaterThan(0);
    }
    expect(body.values.timeSec[at('75056')]).toBeNull();
    expect(body.values.actorIndex[at('75056')]).toBe(-1);
    expect(body.offNetworkCommunes.communeCount).toBe(body.values.codes.length - 5);
    expect(body.unreached.communeCount).toBe(0);
    expect(body.beyond.map((b: Json) => [b.thresholdMin, b.communeCount])).toEqual([[30, 0], [45, 0]]);
    expect(body.offNetwork.length).toBe(body.actors.length - body.actors.filter((a: Json) => a.offNetworkReason === null).length);
    const zones = body.saved.zones;
    expect(zones.length).toBe(new Set(ON_NETWORK.map((c) => body.values.actorIndex[at(c)])).size);
    expect(zones.reduce((a: number, z: Json) => a + z.communeCount, 0)).toBe(5);
    const zone = (await call('GET', `/api/zones/${zones[0].id}`)).body;
    expect(zone.zone ?? zone).toMatchObject({ kind: 'basin' });
    const ind = (await call('GET', '/api/indicators')).body.indicators.find((i: Json) => i.id === body.saved.indicatorId);
    expect(ind).toMatchObject({ quality: 'computed', unit: 'min', label: expect.stringContaining('Temps d’accès au plus proche') });
    const values = (await call('GET', `/api/indicators/${encodeURIComponent(body.saved.indicatorId)}/values`)).body;
    expect(values.values[values.codes.indexOf('06012')]).toBeCloseTo(body.values.timeSec[at('06012')] / 60, 2);
    expect(values.values[values.codes.indexOf('75056')]).toBeNull();
    expect(body.timing.engine).toBe('multi-source-dijkstra'); // 9,486 GP communes: one search from all of them
    // A small set (two clinics), the same search; Beausoleil's nearest is its own clinic.
    const clinics = await post('/api/basins/nearest', { actors: { source: 'layer', layerId: clinicsId }, cutoffMin: 60 });
    expect(clinics.status).toBe(200);
    expect(clinics.body.actors.map((a: Json) => a.key)).toEqual(['C1', 'C2']);
    const ci = (c: string) => clinics.body.values.codes.indexOf(c);
    expect(clinics.body.values.actorIndex[ci('06012')]).toBe(0);
    expect(clinics.body.values.actorIndex[ci('06059')]).toBe(1);
    expect(clinics.body.actors.reduce((a: number, x: Json) => a + x.communeCount, 0)).toBe(5);
    expect(clinics.body.actors.reduce((a: number, x: Json) => a + x.populationCount, 0)).toBe(ON_NETWORK.reduce((a, c) => a + population.get(c)!, 0));
  });

  it('refuses bad input naming the field: catchment 0 / 181, negative supply, unknown layer or decay, no actor on the network, no network', async () => {
    for (const catchmentMin of [0, 181]) {
      const r = await post('/api/basins/accessibility', { ...GP, catchmentMin });
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'CATCHMENT_OUT_OF_RANGE', details: { field: 'catchmentMin' } } } });
      expect(r.body.error.message).toMatch(/180 minutes/);
      const n = await post('/api/basins/nearest', { actors: { set: 'gp' }, cutoffMin: catchmentMin });
      expect(n).toMatchObject({ status: 400, body: { error: { code: 'CATCHMENT_OUT_OF_RANGE', details: { field: 'cutoffMin' } } } });
    }
    const negative = await post('/api/basins/accessibility', { ...GP, supply: { source: 'layer', layerId: negativeId, measure: 'lits' } });
    expect(negative).toMatchObject({ status: 422, body: { error: { code: 'NEGATIVE_SUPPLY', details: { field: 'supply.measure', rows: [{ key: 'N2', value: '-5' }] } } } });
    expect(negative.body.error.message).toMatch(/« N2 »/);
    const unknownLayer = '00000000-0000-4000-8000-000000000000';
    expect((await post('/api/basins/accessibility', { ...GP, supply: { source: 'layer', layerId: unknownLayer } })).status).toBe(404);
    expect((await post('/api/basins/nearest', { actors: { source: 'layer', layerId: unknownLayer } })).status).toBe(404);
    const decay = await post('/api/basins/accessibility', { ...GP, decay: { kind: 'exponential' } });
    expect(decay.status).toBe(400);
    expect(decay.body.error.message).toMatch(/decay/);
    const steps = await post('/api/basins/accessibility', { ...GP, decay: { kind: 'steps', upperMin: [10, 5], weights: [1, 0.5] } });
    expect(steps).toMatchObject({ status: 400, body: { error: { code: 'BAD_INPUT', details: { field: 'decay' } } } });
    const sea = await post('/api/basins/nearest', { actors: { source: 'layer', layerId: seaId } });
    expect(sea).toMatchObject({ status: 422, body: { error: { code: 'NO_ACTOR_ON_NETWORK', details: { field: 'actors' } } } });
    expect(sea.body.error.details.offNetwork.map((o: Json) => o.key)).toEqual(['S1', 'S2']);
    const seaSupply = await post('/api/basins/accessibility', { ...GP, supply: { source: 'layer', layerId: seaId } });
    expect(seaSupply).toMatchObject({ status: 422, body: { error: { code: 'NO_SUPPLY_ON_NETWORK' } } });
    const thresholds = await post('/api/basins/nearest', { actors: { set: 'gp' }, cutoffMin: 20, thresholdsMin: [30] });
    expect(thresholds).toMatchObject({ status: 400, body: { error: { details: { field: 'thresholdsMin' } } } });
    expect((await post('/api/basins/accessibility', GP, inactive)).status).toBe(503);
    expect((await post('/api/basins/nearest', { actors: { set: 'maternity' } }, inactive)).status).toBe(503);
  });
});
