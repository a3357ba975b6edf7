import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Lozère: Mende (48095, 12,464 hab. in 2023), Langogne (48080, 2,836) and Arzenc-d'Apcher (48007, 52; Filosofi secret).
const ZONE = ['48095', '48080', '48007'];

describeEachDatabase('zones API', (kind) => {
  const ctx = useTestApp(kind);

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await ctx.app.request(path, body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const create = (body: unknown) => call('POST', '/api/zones', body);
  const byId = (list: Json[], id: string) => list.find((i: Json) => i.id === id);

  let zoneId: string;

  it('creates a zone from codes, with workspace_id on every row', async () => {
    const { status, body } = await create({ name: 'Trois communes', codes: ZONE });
    expect(status).toBe(201);
    zoneId = body.zone.id;
    expect(body.zone).toMatchObject({ name: 'Trois communes', kind: 'list', version: 1, communeCount: 3, populationCount: 15352 });
    expect(body.zone.members.map((m: Json) => m.communeCode)).toEqual(['48007', '48080', '48095']);
    expect(body.zone.geometry.type).toMatch(/Polygon/);
    expect(body.zone.bbox[0]).toBeGreaterThan(3);
    const rows = await sql<{ t: string; n: number; missing: number }>`
      SELECT 'zones' AS t, count(*)::int AS n, count(*) FILTER (WHERE workspace_id IS DISTINCT FROM 'default')::int AS missing FROM zones
      UNION ALL SELECT 'zone_versions', count(*)::int, count(*) FILTER (WHERE workspace_id IS DISTINCT FROM 'default')::int FROM zone_versions
      UNION ALL SELECT 'zone_members', count(*)::int, count(*) FILTER (WHERE workspace_id IS DISTINCT FROM 'default')::int FROM zone_members`.execute(ctx.t.database.db);
    for (const r of rows.rows) expect(r.n > 0 && r.missing === 0).toBe(true);
    const list = await call('GET', '/api/zones');
    expect(byId(list.body.zones, zoneId)).toMatchObject({ communeCount: 3, populationCount: 15352, method: { type: 'list' } });
  });

  it('profiles the zone: sum, ratio of sums, population-weighted mean, secret Filosofi cell (hand-computed)', async () => {
    const { status, body } = await call('GET', `/api/zones/${zoneId}/profile`);
    expect(status).toBe(200);
    expect(body.reference).toMatchObject({ level: 'departement', code: '48', name: 'Lozère' });
    const ind = (id: string) => byId(body.indicators, id);
    // Sum: 12,464 + 2,836 + 52.
    expect(ind('population')).toMatchObject({ value: 15352, coverageRatio: 1, unit: 'habitants' });
    // Ratio of sums: (13 + 4 + 0) GPs / 15,352 hab. × 10,000 = 11.0735.
    expect(ind('health_gp_per_10k').value).toBeCloseTo((17 / 15352) * 10000, 6);
    // Unemployment 2021: (539 + 95 + 2) / (5,793 + 1,108 + 24) = 9.184 %.
    expect(ind('insee_unemployment_rate').value).toBeCloseTo((636 / 6925) * 100, 6);
    expect(ind('insee_unemployment_rate').coverageRatio).toBe(1);
    // Median income: (22,980 × 11,043 + 21,170 × 2,510) / 13,553 fiscal persons; 48007 is secret → coverage 15,300 / 15,352.
    const median = ind('filosofi_median_income');
    expect(median.value).toBeCloseTo((22980 * 11043 + 21170 * 2510) / 13553, 6);
    expect(median.coverageRatio).toBeCloseTo(15300 / 15352, 10);
    expect(median.quality).toBe('approximate');
    expect(median.note).toMatch(/médiane approchée : moyenne des médianes communales pondérée par la population/i);
    // Poverty rate: (13 % × 11,043 + 17 % × 2,510) / 13,553.
    expect(ind('filosofi_poverty_rate').value).toBeCloseTo(((0.13 * 11043 + 0.17 * 2510) / 13553) * 100, 6);
    // A count against the département's total is a share, not an index: Lozère has 76,486 inhabitants (2023)
    // → 15,352 / 76,486 = 20.07 % of it.
    expect(ind('population').referenceValue).toBe(76486);
    expect(ind('population').index).toBeNull();
    expect(ind('population').shareOfReferenceRatio).toBeCloseTo(15352 / 76486, 10);
    // An intensity gets a base-100 index: the zone's median income against Lozère's (value / reference × 100).
    expect(median.shareOfReferenceRatio).toBeNull();
    expect(median.index).toBeCloseTo((100 * median.value) / median.referenceValue, 9);
    expect(median.index).toBeGreaterThan(100); // Mende and Langogne above the rural département's level
    expect(body.ageBands.bands).toHaveLength(7);
    expect(body.ageBands.bands.reduce((s: number, b: Json) => s + b.shareRatio, 0)).toBeCloseTo(1, 6);
    expect(body.ageBands.estimated).toBe(true);
    expect(body.ageBands.note).toMatch(/estimée/);
  });

  it('profiles health supply: hospital sites and PMSI stays of the residents (modelled flows, by code géo)', async () => {
    const { body } = await call('GET', `/api/zones/${zoneId}/profile?indicators=health_site_count,health_pmsi_stays,health_pmsi_stays_per_1000`);
    const ind = (id: string) => byId(body.indicators, id);
    // FINESS sites: 6 in Mende, 1 in Langogne.
    expect(ind('health_site_count')).toMatchObject({ value: 7, coverageRatio: 1, index: null });
    // Stays of each code géo shared by the 2017 population of its communes: Mende 4,940 × 11,860 / 17,322 (48000),
    // Langogne 1,175 × 2,886 / 4,455 (48C05), Arzenc-d'Apcher 316 × 50 / 2,442 (48C01).
    const stays = (4940 * 11860) / 17322 + (1175 * 2886) / 4455 + (316 * 50) / 2442;
    expect(ind('health_pmsi_stays').value).toBeCloseTo(stays, 6);
    expect(ind('health_pmsi_stays')).toMatchObject({ coverageRatio: 1, quality: 'modelled', aggregation: { kind: 'sum' }, index: null });
    expect(ind('health_pmsi_stays').note).toMatch(/modélisés, non observés/);
    expect(ind('health_pmsi_stays_per_1000').value).toBeCloseTo((stays / 15352) * 1000, 6);
  });

  it('gives null with coverage 0 when every member is secret', async () => {
    const z = await create({ name: 'Secret', codes: ['48007'] });
    const { body } = await call('GET', `/api/zones/${z.body.zone.id}/profile?indicators=filosofi_median_income,filosofi_poverty_rate,population`);
    expect(body.indicators.map((i: Json) => i.id)).toEqual(['filosofi_median_income', 'filosofi_poverty_rate', 'population']);
    expect(body.indicators[0]).toMatchObject({ value: null, coverageRatio: 0, index: null });
    expect(body.indicators[0].note).toMatch(/Aucune donnée/);
    expect(body.indicators[2].value).toBe(52);
    const bad = await call('GET', `/api/zones/${z.body.zone.id}/profile?indicators=population,nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'UNKNOWN_INDICATOR', details: { unknown: ['nope'] } });
  });

  it('resolves a former code and lists it; names each unknown code; refuses an empty zone', async () => {
    const ok = await create({ name: 'Annecy', codes: ['74011', 'Mende (48)'] });
    expect(ok.status).toBe(201);
    expect(ok.body.resolution.formerCodes).toEqual([{ from: '74011', to: ['74010'] }]);
    expect(ok.body.resolution.notes[0]).toMatch(/74011/);
    expect(ok.body.zone.members.map((m: Json) => m.communeCode)).toEqual(['48095', '74010']);
    // Mende has one postcode and Rennes three: the candidates are read even when their postcode lists differ in length.
    const bad = await create({ name: 'X', codes: ['48095', '35238', '99999', 'Nulle-Part-Sur-Mer'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ZONE_UNKNOWN_CODES');
    expect(bad.body.error.details.unknown).toEqual(['99999', 'Nulle-Part-Sur-Mer']);
    expect(bad.body.error.message).toMatch(/99999.*Nulle-Part-Sur-Mer/);
    for (const body of [{ name: 'Vide', codes: [] }, { name: 'Vide' }]) {
      const empty = await create(body);
      expect(empty.status).toBe(400);
      expect(empty.body.error.code).toBe('ZONE_EMPTY');
    }
  });

  it('versions membership edits: v2 on edit, v1 unchanged and readable', async () => {
    const patched = await call('PATCH', `/api/zones/${zoneId}`, { add: ['48061'], name: 'Quatre communes' });
    expect(patched.status).toBe(200);
    expect(patched.body.zone).toMatchObject({ version: 2, communeCount: 4, name: 'Quatre communes' });
    expect(patched.body.zone.versions.map((v: Json) => v.version)).toEqual([1, 2]);
    expect(patched.body.zone.versions[1].note).toBe('1 commune ajoutée');
    const v1 = await call('GET', `/api/zones/${zoneId}?version=1`);
    expect(v1.body.zone).toMatchObject({ version: 1, communeCount: 3, populationCount: 15352 });
    expect(v1.body.zone.members.map((m: Json) => m.communeCode)).toEqual(['48007', '48080', '48095']);
    const p1 = await call('GET', `/api/zones/${zoneId}/profile?version=1&indicators=population`);
    expect(p1.body.zone.version).toBe(1);
    expect(p1.body.indicators[0].value).toBe(15352);
    const rename = await call('PATCH', `/api/zones/${zoneId}`, { description: 'sans changement de communes' });
    expect(rename.body.zone.version).toBe(2);
    const missing = await call('GET', `/api/zones/${zoneId}?version=9`);
    expect(missing.status).toBe(404);
    // back to the three communes for the exports below (v3)
    const back = await call('PATCH', `/api/zones/${zoneId}`, { remove: ['48061'] });
    expect(back.body.zone).toMatchObject({ version: 3, communeCount: 3 });
  });

  it('draws a polygon: self-intersection repaired and said; a flat polygon is refused', async () => {
    // A bow-tie (edges cross) around Mende (3.50 E, 44.52 N).
    const bowtie = { type: 'Polygon', coordinates: [[[3.44, 44.49], [3.56, 44.55], [3.56, 44.49], [3.44, 44.55], [3.44, 44.49]]] };
    const { status, body } = await create({ name: 'Dessin', polygon: bowtie });
    expect(status).toBe(201);
    expect(body.zone.kind).toBe('drawn');
    expect(body.resolution.repaired).toBe(true);
    expect(body.resolution.notes.join(' ')).toMatch(/ST_MakeValid/);
    expect(body.zone.method).toMatchObject({ type: 'polygon', repaired: true, minShareRatio: 0.1 });
    const mende = byId(body.zone.members.map((m: Json) => ({ ...m, id: m.communeCode })), '48095');
    expect(mende.weight).toBeGreaterThan(0);
    expect(mende.weight).toBeLessThanOrEqual(1);
    const flat = await create({ name: 'Plat', polygon: { type: 'Polygon', coordinates: [[[3.4, 44.5], [3.5, 44.5], [3.6, 44.5], [3.4, 44.5]]] } });
    expect(flat.status).toBe(400);
    expect(flat.body.error.code).toBe('ZONE_INVALID_POLYGON');
    const sea = await create({ name: 'Mer', polygon: { type: 'Polygon', coordinates: [[[-10, 45], [-9.9, 45], [-9.9, 45.1], [-10, 45]]] } });
    expect(sea.status).toBe(400);
    expect(sea.body.error.code).toBe('ZONE_EMPTY');
  });

  it('creates a zone from a département and compares it with the 3-commune zone', async () => {
    const dep = await create({ name: 'Lozère', admin: { level: 'departement', code: '48' } });
    expect(dep.status).toBe(201);
    expect(dep.body.zone).toMatchObject({ kind: 'admin', method: { type: 'admin', level: 'departement', code: '48', name: 'Lozère' } });
    const cmp = await call('POST', '/api/zones/compare', { zoneIds: [zoneId, dep.body.zone.id], indicators: ['population', 'filosofi_median_income'] });
    expect(cmp.status).toBe(200);
    expect(cmp.body.zones.map((z: Json) => z.version)).toEqual([3, 1]);
    const pop = cmp.body.indicators[0];
    expect(pop.values[0]).toBe(15352);
    expect(pop.values[1]).toBe(dep.body.zone.populationCount);
    expect(pop.coverageRatios).toEqual([1, 1]);
    expect(cmp.body.ageBands).toHaveLength(2);
    const one = await call('POST', '/api/zones/compare', { zoneIds: [zoneId] });
    expect(one.status).toBe(400);
  });

  it('deletes (restorable), restores and duplicates', async () => {
    const dup = await call('POST', `/api/zones/${zoneId}/duplicate`);
    expect(dup.status).toBe(201);
    expect(dup.body.zone).toMatchObject({ name: 'Quatre communes (copie)', version: 1, communeCount: 3 });
    const del = await call('DELETE', `/api/zones/${dup.body.zone.id}`);
    expect(del.body).toEqual({ deleted: true, restorable: true });
    expect(byId((await call('GET', '/api/zones')).body.zones, dup.body.zone.id)).toBeUndefined();
    expect((await call('GET', `/api/zones/${dup.body.zone.id}`)).status).toBe(404);
    const restored = await call('POST', `/api/zones/${dup.body.zone.id}/restore`);
    expect(restored.body.zone.id).toBe(dup.body.zone.id);
  });

  it('lists the registry in GET /api/indicators and serves a registry indicator for every commune', async () => {
    const { body } = await call('GET', '/api/indicators');
    const median = byId(body.indicators, 'filosofi_median_income');
    expect(median).toMatchObject({ provider: 'filosofi', quality: 'approximate', aggregation: { kind: 'weightedMean', weight: 'fiscalPersons2021' }, year: 2021 });
    expect(byId(body.indicators, 'population')).toMatchObject({ aggregation: { kind: 'sum' }, provider: 'territory', scope: 'commune' });
    expect(body.indicators.some((i: Json) => i.provider === 'layers' && i.quality === 'synthetic')).toBe(true);
    const values = await call('GET', '/api/indicators/insee_unemployment_rate/values');
    expect(values.body.codes).toHaveLength(34969);
    expect(values.body.values[values.body.codes.indexOf('48095')]).toBeCloseTo((539 / 5793) * 100, 6);
  });

  it('says which indicators can be mapped per commune and labels estimated, approximate and synthetic ones', async () => {
    const { body } = await call('GET', '/api/indicators');
    const ind = (id: string) => byId(body.indicators, id);
    expect(ind('population')).toMatchObject({ mappable: true, estimated: false, approximate: false, synthetic: false, id: 'population', label: 'Population municipale', unit: 'habitants', year: 2023, scope: 'commune' });
    expect(ind('filosofi_median_income')).toMatchObject({ mappable: true, approximate: true, estimated: false });
    expect(ind('age_share_0_14')).toMatchObject({ mappable: true, estimated: true });
    expect(ind('health_pmsi_stays')).toMatchObject({ mappable: true, modelled: true, quality: 'modelled' });
    const layer = body.indicators.find((i: Json) => i.provider === 'layers' && i.id.endsWith(':count'));
    expect(layer).toMatchObject({ mappable: false, synthetic: true });
    for (const i of body.indicators) expect(typeof i.mappable).toBe('boolean');
  });

  it('serves a registry indicator for every commune: secret stays null (never 0), the cached answer is the computed one', async () => {
    const first = await call('GET', '/api/indicators/filosofi_median_income/values');
    expect(first.status).toBe(200);
    const at = (code: string) => first.body.values[first.body.codes.indexOf(code)];
    expect(at('48095')).toBe(22980); // Mende's median, Filosofi 2021
    expect(at('48007')).toBeNull(); // Arzenc-d'Apcher: statistical secret
    expect(first.body.values.filter((v: number | null) => v === 0)).toHaveLength(0);
    expect(first.body.indicator).toMatchObject({ id: 'filosofi_median_income', quality: 'approximate' });
    const again = await call('GET', '/api/indicators/filosofi_median_income/values');
    expect(again.body).toEqual(first.body);
    // Computed with the median (same read): Mende's poverty rate is its own, 13 %; the secret commune has none.
    const poverty = await call('GET', '/api/indicators/filosofi_poverty_rate/values');
    expect(poverty.body.values[poverty.body.codes.indexOf('48095')]).toBeCloseTo(13, 9);
    expect(poverty.body.values[poverty.body.codes.indexOf('48007')]).toBeNull();
    expect(poverty.body.codes).toEqual(first.body.codes);
  });

  it('profiles one commune like a one-commune zone: GET /api/communes/:code/profile', async () => {
    const { status, body } = await call('GET', '/api/communes/48095/profile?indicators=population,filosofi_median_income,insee_unemployment_rate');
    expect(status).toBe(200);
    expect(body.commune).toEqual({ code: '48095', name: 'Mende' });
    expect(body.zone).toBeUndefined();
    expect(body.reference).toMatchObject({ level: 'departement', code: '48', name: 'Lozère' });
    const ind = (id: string) => byId(body.indicators, id);
    expect(ind('population')).toMatchObject({ value: 12464, coverageRatio: 1, index: null });
    expect(ind('population').shareOfReferenceRatio).toBeCloseTo(12464 / 76486, 10);
    expect(ind('filosofi_median_income').value).toBe(22980);
    expect(ind('insee_unemployment_rate').value).toBeCloseTo((539 / 5793) * 100, 9);
    expect(body.ageBands.bands).toHaveLength(7);
    // The same figures as a saved zone holding only Mende.
    const z = await create({ name: 'Mende seule', codes: ['48095'] });
    const zone = await call('GET', `/api/zones/${z.body.zone.id}/profile?indicators=population,filosofi_median_income,insee_unemployment_rate`);
    const valuesOf = (list: Json[]) => list.map((i) => [i.id, i.value, i.coverageRatio, i.referenceValue, i.index, i.shareOfReferenceRatio]);
    expect(valuesOf(body.indicators)).toEqual(valuesOf(zone.body.indicators));
    expect(body.ageBands).toEqual(zone.body.ageBands);
    // Over several communes a median is approximate (a weighted mean, first test); for Mende alone — its sheet or a
    // saved zone holding only it — it is the published figure, exact.
    expect(byId(zone.body.indicators, 'filosofi_median_income').quality).toBeNull();
    expect(byId(zone.body.indicators, 'filosofi_median_income').note).toMatch(/publiée par l’INSEE pour cette commune \(exacte\)/);
    expect(ind('filosofi_median_income').quality).toBeNull();
    expect(ind('filosofi_median_income').note).toMatch(/publiée par l’INSEE pour cette commune \(exacte\)/);
    // 01187 absorbed 01330 after 2021 (COG mapping): its median stays approximate, with the former code said.
    const merged = await call('GET', '/api/communes/01187/profile?indicators=filosofi_median_income');
    expect(byId(merged.body.indicators, 'filosofi_median_income')).toMatchObject({ value: 22680, quality: 'approximate' });
    expect(byId(merged.body.indicators, 'filosofi_median_income').note).toMatch(/Commune fusionnée depuis 2021 \(01330\)/);
    const region = await call('GET', '/api/communes/48095/profile?indicators=population&reference=region');
    expect(region.body.reference).toMatchObject({ level: 'region', code: '76' });
  });

  it('commune profile: a former code is resolved and said, an unknown code is a French 404', async () => {
    const former = await call('GET', '/api/communes/74011/profile?indicators=population');
    expect(former.status).toBe(200);
    expect(former.body.commune.code).toBe('74010');
    expect(former.body.resolution).toMatchObject({ oldCode: '74011', replacedBy: [{ code: '74010', name: 'Annecy' }] });
    expect(former.body.resolution.note).toMatch(/74011 .* ancien code : profil de la commune actuelle 74010 Annecy/);
    const unknown = await call('GET', '/api/communes/99999/profile');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('COMMUNE_NOT_FOUND');
    expect(unknown.body.error.message).toMatch(/Aucune commune 99999/);
    const malformed = await call('GET', '/api/communes/abc/profile');
    expect(malformed.status).toBe(400);
    const badRef = await call('GET', '/api/communes/48095/profile?reference=monde');
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.code).toBe('VALIDATION_FAILED');
  });
});
