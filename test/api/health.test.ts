import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';
import { healthSeeder } from '../../api/src/db/seed/health.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/health', name));

describeEachDatabase('health actors, activity, flows and linkage overrides', (kind) => {
  const ctx = useTestApp(kind);
  const get = async (path: string) => {
    const res = await ctx.app.request(path);
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('keeps GET /api/health as the server status', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('lists hospital sites in a bbox with their establishment and 2024 activity', async () => {
    const { status, body } = await get('/api/health/actors?bbox=5.1,46.1,5.3,46.3');
    expect(status).toBe(200);
    const bourg = body.actors.find((a: Json) => a.finess === '010000024');
    expect(bourg).toMatchObject({ name: 'CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT', status: 'public', establishment: { finess: '010780054', sector: 'public' }, stays: { year: 2024, min: 29398, max: 29398 } });
    expect(bourg.point).toEqual([5.20879, 46.2222]);
  });

  it('gives a site sheet: identity, establishment, activity 2015–2024 with trend, no competitors without drive times', async () => {
    const { status, body } = await get('/api/health/actors/010000024');
    expect(status).toBe(200);
    expect(body.site).toMatchObject({ finess: '010000024', city: 'VIRIAT', departementCode: '01', communeCode: '01451' });
    const e = body.establishments[0];
    expect(e.finess).toBe('010780054');
    expect(e.activity.map((a: Json) => a.year)).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(e.activity.at(-1).stays).toEqual({ min: 29398, max: 29398 });
    expect(e.trend).toMatchObject({ fromYear: 2015, toYear: 2024 });
    expect(body.competitors.available).toBe(false);
  });

  it('keeps masked counts as ranges in the series', async () => {
    const { body } = await get('/api/health/establishments/010009132/activity');
    expect(body.activity.find((a: Json) => a.year === 2024).partialHospitalisation).toEqual({ min: 1, max: 10 });
  });

  it('opens a multi-site legal entity (AP-HP) with its sites', async () => {
    const { status, body } = await get('/api/health/actors/750712184');
    expect(status).toBe(200);
    expect(body.establishments[0].sites.length).toBeGreaterThanOrEqual(20);
  });

  it('labels a site of a multi-site legal entity with the entity\'s activity, never as its own', async () => {
    const nantes = (await get('/api/health/actors/440000453')).body; // a site of the CHU de Nantes (EJ 440000289)
    const e = nantes.establishments.find((x: Json) => x.finess === '440000289');
    expect(e.siteCount).toBeGreaterThan(1);
    expect(e).toMatchObject({ activityScope: 'entity', activityLabel: `activité de l’entité juridique (${e.siteCount} sites)` });
    const bourg = (await get('/api/health/actors/010000024')).body.establishments[0]; // one site, one entity
    expect(bourg).toMatchObject({ activityScope: 'establishment', activityLabel: 'activité de l’établissement' });
  });

  it('says when an activity series stops before the 2015–2024 axis', async () => {
    const buech = (await get('/api/health/actors/050000132')).body.establishments[0]; // CH Buëch Durance: ScanSanté rows 2015–2020
    expect(buech.coverage).toMatchObject({ fromYear: 2015, toYear: 2020, axisToYear: 2024, endsEarly: true, note: 'données jusqu’en 2020' });
    expect((await get('/api/health/actors/010000024')).body.establishments[0].coverage).toMatchObject({ endsEarly: false, note: null });
  });

  it('answers in French', async () => {
    expect((await get('/api/health/actors/12')).body.error.message).toMatch(/n’est pas un numéro FINESS/);
    expect((await get('/api/health/actors/010999999')).body.error.message).toMatch(/^Aucun site hospitalier/);
    expect((await get('/api/health/flows?dataset=modelled-2024')).body.error.message).toMatch(/^Indiquez finess=/);
  });

  it('refuses a malformed FINESS and a missing one with the error shape', async () => {
    expect((await get('/api/health/actors/12')).body.error.code).toBe('INVALID_FINESS');
    const r = await get('/api/health/actors/010999999');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('ACTOR_NOT_FOUND');
  });

  it('draws the 80 % attractiveness zone from the modelled flows, labelled as such', async () => {
    const { status, body } = await get('/api/health/establishments/010780054/attractiveness');
    expect(status).toBe(200);
    expect(body.dataset).toMatchObject({ id: 'modelled-2024', synthetic: true });
    // the notice reads in French from end to end (the stored build label is English)
    expect(body.dataset.label).toMatch(/^flux modélisés, non observés : modèle gravitaire sur les temps de trajet/);
    expect(body.dataset.label).not.toMatch(/modelled|observed|gravity|drive|seeded/i);
    const datasets = (await get('/api/health/flows/datasets')).body.datasets;
    expect(datasets.find((d: Json) => d.id === 'modelled-2024').label).toBe(body.dataset.label);
    expect(body.staysCount).toBe(29398); // the real ScanSanté 2024 total, spread by the model
    expect(body.zones.at(-1).cumulativeRatio).toBeGreaterThanOrEqual(0.8);
    expect(body.zones.length > 1 ? body.zones.at(-2).cumulativeRatio : 0).toBeLessThan(0.8);
    expect(body.geojson.features.map((f: Json) => f.id)).toEqual([...body.zones.map((z: Json) => z.zoneCode)].sort());
    for (const z of body.zones) expect(z.marketShareRatio).toBeGreaterThan(0);
  });

  it('computes zone indicators for a département: autarky + leakage = 1, shares sum to 1, CSV export labelled', async () => {
    const { status, body } = await get('/api/health/zone-indicators?departement=01');
    expect(status).toBe(200);
    expect(body.establishmentsInside).toContain('010780054');
    expect(body.autarkyRatio + body.leakageRatio).toBeCloseTo(1, 10);
    expect(body.byEstablishment.reduce((a: number, e: Json) => a + e.shareRatio, 0)).toBeCloseTo(1, 10);
    const res = await ctx.app.request('/api/health/zone-indicators?departement=01&format=csv');
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    // the one CSV writer: `;`, French headings and provenance, decimal comma (issue 12)
    expect(text.split('\r\n')[0]).toMatch(/^# Maillage — indicateurs de zone \(santé\) — flux MODÉLISÉS, NON OBSERVÉS/);
    const lines = text.trim().split('\r\n');
    const pct = (r: number) => `${(Math.round(r * 10000) / 100).toString().replace('.', ',')} %`;
    expect(lines[2]).toContain(`autarcie : ${pct(body.autarkyRatio)} ; fuite : ${pct(body.leakageRatio)}`);
    expect(lines[4]).toBe('FINESS;Établissement;Dans la zone;Séjours des résidents;Part de marché (%);Flux');
    expect(lines).toHaveLength(5 + body.byEstablishment.length);
    for (const row of lines.slice(5)) expect(row).toMatch(/^\w{9};("[^"]*"|[^;]*);(oui|non);\d+;\d+(,\d+)?;modélisés, non observés$/);
  });

  it('computes zone indicators for a drawn polygon (code géo zones whose point lies inside)', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[5.0, 46.0], [5.5, 46.0], [5.5, 46.4], [5.0, 46.4], [5.0, 46.0]]] };
    const res = await ctx.app.request('/api/health/zone-indicators', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ polygon }) });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body.zoneCodes).toContain('01000');
    expect(body.establishmentsInside).toContain('010780054');
    expect(body.autarkyRatio + body.leakageRatio).toBeCloseTo(1, 10);
    expect(body.dataset.synthetic).toBe(true);
  });

  it('stores a link correction that survives re-running the linkage seed', async () => {
    const before = (await get('/api/health/links?ej=010009132')).body.links.map((l: Json) => l.et).sort();
    expect(before).toContain('010000115');
    const put = await ctx.app.request('/api/health/links/overrides', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ej: '010009132', et: '010000115', linked: false, note: 'test' }) });
    expect(put.status).toBe(200);
    await healthSeeder.load(ctx.t.database, () => {});
    const after = (await get('/api/health/links?ej=010009132')).body.links.map((l: Json) => l.et);
    expect(after).not.toContain('010000115');
    expect((await get('/api/health/links/overrides')).body.overrides).toHaveLength(1);
    const del = await ctx.app.request('/api/health/links/overrides/010009132/010000115', { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await get('/api/health/links?ej=010009132')).body.links.map((l: Json) => l.et).sort()).toEqual(before);
  });

  it('imports an "origine des patients" file; a malformed one gives exact row errors and stores nothing', async () => {
    const upload = async (file: string) => {
      const form = new FormData();
      form.set('file', new File([fixture(file)], file));
      const res = await ctx.app.request('/api/health/flows/import', { method: 'POST', body: form });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const bad = await upload('origine-patients-bad.csv');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('IMPORT_INVALID_ROWS');
    expect(bad.body.error.details.map((d: Json) => [d.row, d.field])).toEqual([[4, 'finess'], [5, 'year'], [6, 'zoneCode'], [7, 'stays']]);
    expect((await get('/api/health/flows/datasets')).body.datasets.map((d: Json) => d.id)).toEqual(['modelled-2024']);
    const ok = await upload('origine-patients-ok.csv');
    expect(ok.status).toBe(201);
    expect(ok.body.datasets).toEqual([{ id: 'import-origine-patients-ok.csv-2023', year: 2023, rowCount: 3 }]);
    const flows = await get('/api/health/flows?dataset=import-origine-patients-ok.csv-2023&finess=010780054');
    expect(flows.body.dataset.synthetic).toBe(false);
    expect(flows.body.flows).toEqual([{ finess: '010780054', zoneCode: '01000', stays: 1234 }, { finess: '010780054', zoneCode: '01500', stays: 87 }]);
  });

  it('registers GP density and maternity wards as commune indicators', async () => {
    const list = (await get('/api/indicators')).body.indicators.map((i: Json) => i.id);
    expect(list).toEqual(expect.arrayContaining(['health_gp_per_10k', 'health_gp_count', 'health_maternity_count']));
    const gp = (await get('/api/indicators/health_gp_count/values')).body;
    expect(gp.values[gp.codes.indexOf('01004')]).toBe(24); // BPE D201, Ambérieu-en-Bugey
    const mat = (await get('/api/indicators/health_maternity_count/values')).body;
    expect(mat.values[mat.codes.indexOf('01004')]).toBe(1);
    const per10k = (await get('/api/indicators/health_gp_per_10k/values')).body;
    expect(per10k.values[per10k.codes.indexOf('01004')]).toBeGreaterThan(10);
  });
});
