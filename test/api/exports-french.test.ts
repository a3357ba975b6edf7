import { beforeAll, afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, openTestDatabase, appFor, type TestDatabase } from '../helpers/db.js';
import { writeGraphFile } from '../../api/src/domain/routing/index.js';
import { RoutingService } from '../../api/src/services/routing.js';
import { fixtureNetwork } from '../domain/routing/fixtures.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Issue 12: isochrone exports (GeoJSON bands, CSV of communes), communes by name, validation errors in French.
const dir = mkdtempSync(join(tmpdir(), 'maillage-exports-'));
const graphFile = join(dir, 'saint-germain-en-laye.graph');
beforeAll(() => {
  const { graph, ch } = fixtureNetwork('saint-germain-en-laye');
  writeGraphFile(graphFile, graph, ch, { source: 'OpenStreetMap saint-germain-en-laye (test fixture)', sourceDate: '2021', licence: 'ODbL', attribution: '© OpenStreetMap contributors', profile: 'car' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvText = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
const num = (cell: string) => Number(cell.replace(',', '.'));

describeEachDatabase('exports and messages in French', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof appFor>['app'];
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = appFor(t.database, { routing: RoutingService.load(t.database, graphFile) }).app;
  });
  afterAll(async () => t?.close());

  const post = (path: string, body: unknown) => app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const isochrone = { origin: { communeCode: '78551' }, breaksMin: [3, 6] };

  it('exports the isochrone bands as GeoJSON with French properties and provenance', async () => {
    const json = (await (await post('/api/routing/isochrones', isochrone)).json()) as Json;
    const res = await post('/api/routing/isochrones/export?format=geojson', isochrone);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="isochrone-Saint-Germain-en-Laye-78-6min.geojson"');
    const geo = (await res.json()) as Json;
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.provenance[0]).toMatch(/^Maillage — zone de temps de trajet en voiture depuis Saint-Germain-en-Laye \(78\)/);
    expect(geo.provenance.join('\n')).toMatch(/réseau routier : OpenStreetMap saint-germain-en-laye \(test fixture\) ; date : 2021 ; licence : ODbL/);
    expect(geo.provenance.join('\n')).toMatch(/Temps d’une commune : /);
    expect(geo.features.map((f: Json) => f.properties.bande)).toEqual(['≤ 6 min', '≤ 3 min']);
    const six = geo.features[0].properties;
    const band6 = json.bands.find((b: Json) => b.breakSec === 360);
    expect(six).toMatchObject({ duree_max_min: 6, nombre_communes: band6.communeCount, population: band6.populationCount, origine: 'Saint-Germain-en-Laye (78)' });
    expect(six.source).toMatch(/^Maillage — zone de temps de trajet/);
    expect(geo.features[0].geometry.type).toMatch(/Polygon/);
  });

  it('exports the communes inside as CSV: `;`, BOM, French headings, decimal comma, each commune in its band', async () => {
    const json = (await (await post('/api/routing/isochrones', isochrone)).json()) as Json;
    expect(json.communes.length).toBeGreaterThan(0);
    const res = await post('/api/routing/isochrones/export?format=csv', isochrone);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const text = await csvText(res);
    expect(text.startsWith('\ufeff# Maillage — zone de temps de trajet en voiture depuis Saint-Germain-en-Laye (78)')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((l) => l && !l.startsWith('# '));
    expect(lines[0]).toBe('Code commune;Nom;Code département;Département;Durée (min);Bande;Population');
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows).toHaveLength(json.communes.length);
    const sg = rows.find((r) => r[0] === '78551')!;
    expect(sg.slice(1, 4)).toEqual(['Saint-Germain-en-Laye', '78', 'Yvelines']);
    for (const r of rows) {
      const minutes = num(r[4]);
      expect(r[5]).toBe(minutes <= 3 ? '≤ 3 min' : '≤ 6 min');
      expect(r[6]).toMatch(/^\d+$/);
      const c = json.communes.find((x: Json) => x.code === r[0]);
      expect(minutes).toBe(Math.max(0, Math.ceil(c.durationSec / 6 - 1e-9)) / 10); // rounded up, like the panel
    }
    // the band counts and the CSV agree
    expect(rows.filter((r) => r[5] === '≤ 3 min')).toHaveLength(json.bands[0].communeCount);
    const point = await csvText(await post('/api/routing/isochrones/export?format=csv&decimal=point&machineNames=1', isochrone));
    const pointLines = point.slice(1).split('\r\n').filter((l) => l && !l.startsWith('# '));
    expect(pointLines[1]).toBe('commune_code;commune_name;departement_code;departement_name;duration_min;band;population_count');
    expect(pointLines.slice(2).every((l) => !/;\d+,\d;/.test(l))).toBe(true);
    expect((await post('/api/routing/isochrones/export?format=xlsx', isochrone)).status).toBe(400);
  });

  it('resolves commune names with their département; an ambiguous name lists the candidates', async () => {
    const res = await post('/api/communes/resolve', { names: ['Le Pecq', 'Saint-Denis (974)', 'saint denis', 'Saint-Denis (Seine-Saint-Denis)', '35238', 'Nulle-Part-sur-Mer'] });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as Json;
    expect(results[0]).toMatchObject({ status: 'found', commune: { code: '78481', name: 'Le Pecq', departement: { code: '78', name: 'Yvelines' } } });
    expect(results[1]).toMatchObject({ status: 'found', commune: { code: '97411', departement: { code: '974' } } });
    expect(results[2].status).toBe('ambiguous');
    expect(results[2].candidates.map((c: Json) => c.departement.code)).toEqual(expect.arrayContaining(['93', '974']));
    expect(results[2].message).toMatch(/« saint denis » désigne \d+ communes : .*Saint-Denis \(93\) — Seine-Saint-Denis/);
    expect(results[3]).toMatchObject({ status: 'found', commune: { code: '93066' } });
    expect(results[4]).toMatchObject({ status: 'found', commune: { code: '35238', name: 'Rennes' } });
    expect(results[5]).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^Aucune commune nommée « Nulle-Part-sur-Mer »/) });
  });

  it('says validation errors in French, naming the field, never zod\'s English', async () => {
    const bad = await post('/api/routing/isochrones', { origin: { communeCode: '78551' }, breaksMin: ['abc', null] });
    expect(bad.status).toBe(400);
    const error = ((await bad.json()) as Json).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('breaksMin[0] : « abc » n’est pas une durée en minutes ; breaksMin[1] : une durée en minutes est attendue');
    expect(error.details).toEqual([
      { field: 'breaksMin.0', message: 'breaksMin[0] : « abc » n’est pas une durée en minutes' },
      { field: 'breaksMin.1', message: 'breaksMin[1] : une durée en minutes est attendue' },
    ]);
    const range = ((await (await post('/api/routing/isochrones', { origin: { communeCode: '78551' }, breaksMin: [0, 500] })).json()) as Json).error.message;
    expect(range).toBe('breaksMin[0] : 0 est trop petit (doit être plus grand que 0) ; breaksMin[1] : 500 est trop grand (maximum 240)');
    const many = ((await (await post('/api/routing/isochrones', { origin: { communeCode: '78551' }, breaksMin: [1, 2, 3, 4, 5, 6, 7] })).json()) as Json).error.message;
    expect(many).toBe('breaksMin : 6 valeurs au plus (7 reçues)');
    const dup = ((await (await post('/api/routing/isochrones', { origin: { communeCode: '78551' }, breaksMin: [5, 5] })).json()) as Json).error.message;
    expect(dup).toBe('breaksMin : chaque durée ne doit figurer qu’une fois');
    const code = ((await (await post('/api/routing/isochrones', { origin: { communeCode: 'abc' } })).json()) as Json).error.message;
    expect(code).toBe('origin.communeCode : « abc » n’est pas un code commune INSEE (5 caractères, ex. 35238 ou 2A004)');
    const format = ((await (await post('/api/routing/matrix?format=xlsx', { sources: [[2.1, 48.9]] })).json()) as Json).error.message;
    expect(format).toBe('format : « xlsx » n’est pas une valeur possible (valeurs possibles : json ou csv)');
    const dep = ((await (await app.request('/api/communes?departement=7')).json()) as Json).error.message;
    expect(dep).toBe('departement : « 7 » n’est pas un code de département (ex. 35, 2A, 974)');
    for (const m of [error.message, range, many, dup, code, format, dep]) expect(m).not.toMatch(/Invalid|expected|received|Too (big|small)/);
  });

  it('answers the other territory errors in French', async () => {
    const notCode = ((await (await app.request('/api/communes/4809')).json()) as Json).error;
    expect(notCode).toMatchObject({ code: 'INVALID_COMMUNE_CODE', message: '« 4809 » n’est pas un code commune INSEE : 5 caractères, des chiffres, avec 2A/2B pour la Corse (ex. 48095, 2A004).' });
    const missing = ((await (await app.request('/api/communes/48999')).json()) as Json).error;
    expect(missing).toMatchObject({ code: 'COMMUNE_NOT_FOUND', message: expect.stringMatching(/^Aucune commune 48999 dans le COG 2026/) });
    expect(((await (await app.request('/api/communes?departement=99')).json()) as Json).error.message).toMatch(/^Aucun département 99/);
    expect(((await (await app.request('/api/tiles/communes/3/1/x.pbf')).json()) as Json).error).toMatchObject({ code: 'INVALID_TILE', message: expect.stringMatching(/^Tuile invalide/) });
    expect(((await (await app.request('/api/tiles/nope/3/1/1.pbf')).json()) as Json).error).toMatchObject({ code: 'UNKNOWN_LAYER', message: expect.stringMatching(/^Couche de tuiles inconnue « nope »/) });
    expect(((await (await app.request('/api/nope')).json()) as Json).error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^Aucune route d’API GET \/api\/nope/) });
    const malformed = await post('/api/routing/isochrones', '{"origin": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Json).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/n’est pas du JSON valide/) });
  });
});
