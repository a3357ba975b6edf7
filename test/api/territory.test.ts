import { expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('territory API', (kind) => {
  const ctx = useTestApp(kind);

  const get = async (path: string) => {
    const res = await ctx.app.request(path);
    return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as Json) : new Uint8Array(await res.arrayBuffer()) };
  };

  it('reports health with the engine and the commune count', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: kind, communeCount: 34969 });
  });

  it('answers a commune sheet by code (Mende)', async () => {
    const { status, body } = await get('/api/communes/48095');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: '48095', name: 'Mende', departement: { code: '48', name: 'Lozère' }, region: { code: '76', name: 'Occitanie' }, zone: 'metro', populationCount: 12464, postcodes: ['48000'] });
    expect(body.epci.name).toMatch(/Lozère/);
    expect(body.areaKm2).toBeGreaterThan(36);
    expect(body.areaKm2).toBeLessThan(38);
    expect(body.densityPerKm2).toBeCloseTo(body.populationCount / body.areaKm2, 6);
  });

  it('handles Corsican codes (2A004 Ajaccio) and DROM codes (97411 Saint-Denis)', async () => {
    const ajaccio = await get('/api/communes/2a004');
    expect(ajaccio.status).toBe(200);
    expect(ajaccio.body).toMatchObject({ code: '2A004', name: 'Ajaccio', departement: { code: '2A' }, region: { code: '94' } });
    const reunion = await get('/api/communes/97411');
    expect(reunion.body).toMatchObject({ code: '97411', name: 'Saint-Denis', zone: 'drom', departement: { code: '974' } });
    expect(reunion.body.point[1]).toBeLessThan(-20);
  });

  it("answers a merged commune's former code with a 301 naming the new commune", async () => {
    // Annecy-le-Vieux (74011) merged into Annecy (74010) on 2017-01-01.
    const { status, headers, body } = await get('/api/communes/74011');
    expect(status).toBe(301);
    expect(headers.get('location')).toBe('/api/communes/74010');
    expect(body).toMatchObject({ replaced: true, oldCode: '74011', replacedBy: [{ code: '74010', name: 'Annecy' }] });
  });

  it('gives a commune merged after 2018 the union of its former polygons', async () => {
    // Oullins-Pierre-Bénite (69149) = Oullins (69149, ≈4.4 km²) + Pierre-Bénite (69152, ≈4.3 km²), merged on 2024-01-01.
    const { body } = await get('/api/communes/69149');
    expect(body.geometryStatus).toBe('merged');
    expect(body.areaKm2).toBeGreaterThan(8);
    expect(body.areaKm2).toBeLessThan(9.5);
    expect(body.formerCodes.map((f: Json) => f.code)).toContain('69152');
    const old = await get('/api/communes/69152');
    expect(old.status).toBe(301);
    expect(old.body.replacedBy).toEqual([{ code: '69149', name: 'Oullins-Pierre-Bénite' }]);
  });

  it('rejects bad codes and unknown codes with the error shape', async () => {
    const bad = await get('/api/communes/ABCDE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_COMMUNE_CODE');
    const unknown = await get('/api/communes/99999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'COMMUNE_NOT_FOUND' } });
    expect(typeof unknown.body.error.message).toBe('string');
  });

  it('lists communes in a bbox, biggest first', async () => {
    const { status, body } = await get('/api/communes?bbox=3.40,44.50,3.50,44.55');
    expect(status).toBe(200);
    expect(body.communes[0]).toMatchObject({ code: '48095', name: 'Mende' });
    expect(body.communes.length).toBeGreaterThan(3);
    const pops = body.communes.map((c: Json) => c.populationCount);
    expect([...pops].sort((a, b) => b - a)).toEqual(pops);
  });

  it('rejects malformed and swapped bboxes', async () => {
    for (const bbox of ['1,2,3', '3.5,44.5,3.4,44.55', 'a,b,c,d', '700000,6600000,710000,6610000']) {
      const { status, body } = await get(`/api/communes?bbox=${bbox}`);
      expect(status, bbox).toBe(400);
      expect(body.error.code).toBe('INVALID_BBOX');
    }
    const missing = await get('/api/communes');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('searches by name without accents, by INSEE code and by postcode', async () => {
    const byName = await get(`/api/communes/search?q=${encodeURIComponent('lozere')}`);
    expect(byName.body.results[0]).toMatchObject({ kind: 'departement', code: '48', name: 'Lozère' });
    const byCode = await get('/api/communes/search?q=48095');
    expect(byCode.body.results[0]).toMatchObject({ kind: 'commune', code: '48095', name: 'Mende' });
    const byPostcode = await get('/api/communes/search?q=75011');
    expect(byPostcode.body.results[0]).toMatchObject({ code: '75056', name: 'Paris' });
    const saint = await get(`/api/communes/search?q=${encodeURIComponent('st etienne')}&limit=3`);
    expect(saint.body.results[0]).toMatchObject({ code: '42218', name: 'Saint-Étienne' });
  });

  it('finds hospital sites by FINESS name and accounts of shown layers by name, each with a point', async () => {
    const site = await get(`/api/communes/search?q=${encodeURIComponent('hosp intercommunal poissy saint germain')}&limit=8`);
    expect(site.status).toBe(200);
    const chi = site.body.results.find((r: Json) => r.kind === 'site');
    expect(chi).toMatchObject({ kind: 'site', code: '780000337', name: 'CTRE HOSP INTERCOMMUNAL POISSY ST GERMAIN SITE ST GERMAIN' });
    expect(chi.point[0]).toBeCloseTo(2.08608, 4);
    expect(chi.point[1]).toBeCloseTo(48.89812, 4);

    // "Poissy": the commune first, then its hospital sites, not hidden behind a long commune list
    const poissy = await get('/api/communes/search?q=poissy&limit=8');
    expect(poissy.body.results[0]).toMatchObject({ kind: 'commune', name: 'Poissy' });
    expect(poissy.body.results.filter((r: Json) => r.kind === 'site').length).toBeGreaterThanOrEqual(1);

    const q = `/api/communes/search?q=${encodeURIComponent('compte synthetique 19999')}`;
    const account = (await get(q)).body.results.find((r: Json) => r.kind === 'account');
    expect(account).toMatchObject({ kind: 'account', name: 'Compte synthétique 19999 (pharmacie)' });
    expect(account.code).toMatch(/:SYN-19999$/);
    expect(account.detail).toMatch(/Démo CRM/);
    expect(account.point).toEqual([7.12045, 43.54517]);

    // a hidden layer's accounts are not offered
    const layerId = account.code.split(':')[0];
    const hide = await ctx.app.request(`/api/layers/${layerId}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hidden: true }) });
    expect(hide.status, await hide.clone().text()).toBe(200);
    expect((await get(q)).body.results.filter((r: Json) => r.kind === 'account')).toEqual([]);
    await ctx.app.request(`/api/layers/${layerId}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hidden: false }) });
  });

  it('answers an empty list when nothing matches (the web says "Aucun résultat")', async () => {
    const none = await get(`/api/communes/search?q=${encodeURIComponent('zzqxw introuvable')}`);
    expect(none.status).toBe(200);
    expect(none.body.results).toEqual([]);
  });

  it('lists indicators with unit and source, and their values for every commune', async () => {
    const { body } = await get('/api/indicators');
    const ids = body.indicators.map((i: Json) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['population', 'density', 'population_change_2016_2023']));
    for (const i of body.indicators) expect(i.unit && i.source && i.label).toBeTruthy();
    const values = await get('/api/indicators/population/values');
    expect(values.body.codes).toHaveLength(34969);
    expect(values.body.values[values.body.codes.indexOf('48095')]).toBe(12464);
    const unknown = await get('/api/indicators/nope/values');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_INDICATOR');
  });

  it('serves a valid MVT tile with the expected communes', async () => {
    // z10 tile containing Mende (lon 3.46, lat 44.53).
    const z = 10;
    const x = Math.floor(((3.46 + 180) / 360) * 2 ** z);
    const latRad = (44.53 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** z);
    const res = await ctx.app.request(`/api/tiles/communes/${z}/${x}/${y}.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
    const layer = tile.layers.communes;
    expect(layer).toBeDefined();
    const codes = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.code);
    expect(codes).toContain('48095');
    const mende = layer.feature(codes.indexOf('48095'));
    expect(mende.properties.name).toBe('Mende');
    expect(mende.type).toBe(3); // polygon
    const dep = new VectorTile(new PbfReader(new Uint8Array(await (await ctx.app.request(`/api/tiles/departements/${z}/${x}/${y}.pbf`)).arrayBuffer())));
    expect(Array.from({ length: dep.layers.departements.length }, (_, i) => dep.layers.departements.feature(i).properties.code)).toContain('48');
  });

  it('gzips tiles for clients that accept it', async () => {
    const res = await ctx.app.request('/api/tiles/regions/5/16/11.pbf', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('rejects bad tile coordinates and unknown layers', async () => {
    const zoom = await get('/api/tiles/communes/30/0/0.pbf');
    expect(zoom.status).toBe(400);
    expect(zoom.body.error.code).toBe('INVALID_TILE');
    const xy = await get('/api/tiles/communes/3/8/1.pbf');
    expect(xy.status).toBe(400);
    const layer = await get('/api/tiles/nope/3/1/1.pbf');
    expect(layer.status).toBe(404);
    expect(layer.body.error.code).toBe('UNKNOWN_LAYER');
    const unknownRoute = await get('/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('NOT_FOUND');
  });
});
