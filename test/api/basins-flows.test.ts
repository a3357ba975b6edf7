import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';
import type { AdjacencyArtifact } from '../../api/src/domain/basins/index.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const artifact = JSON.parse(gunzipSync(readFileSync(new URL('../../data/health/pmsi-adjacency-2017.json.gz', import.meta.url))).toString()) as AdjacencyArtifact;
const neighbours = new Map<string, string[]>(artifact.codes.map((c, i) => [c, artifact.neighbours.slice(artifact.offsets[i], artifact.offsets[i + 1]).map((j) => artifact.codes[j])]));

/**
 * Real-data invariants of a flow-basins answer: every code géo with stays in exactly one basin, stays conserved,
 * thresholds met or the log says why not, each basin contiguous (a part apart from the rest of its basin only where
 * no other basin touches it: islands), communes consistent with the basins.
 */
function checkInvariants(body: Json, stays: Map<string, number>, communeCount: number) {
  const basinOf = new Map<string, number>();
  for (const b of body.basins) for (const z of b.codesGeo) {
    expect(basinOf.has(z), `code géo ${z} in two basins`).toBe(false);
    basinOf.set(z, b.id);
  }
  expect([...basinOf.keys()].sort()).toEqual([...stays.keys()].sort());
  const total = [...stays.values()].reduce((s, x) => s + x, 0);
  expect(body.basins.reduce((s: number, b: Json) => s + b.stays, 0)).toBeCloseTo(total, 3);
  for (const b of body.basins) expect(b.stays).toBeCloseTo(b.codesGeo.reduce((s: number, z: string) => s + stays.get(z)!, 0), 3);
  const unmergeable = new Set(body.log.unmergeable.map((u: Json) => u.key));
  const p = body.params;
  for (const b of body.basins) {
    if (!(b.localizationRatio >= p.minLocalizationRatio - 1e-4 && b.stays >= p.minStays)) expect(unmergeable.has(b.key), `basin ${b.label} below the thresholds, not in the log`).toBe(true);
    expect(b.leakageRatio).toBeCloseTo(1 - b.localizationRatio, 3);
    expect(b.mainUnitShareRatio).toBeLessThanOrEqual(b.localizationRatio + 1e-4);
  }
  if (p.contiguity) {
    expect(body.log.contiguityStable).toBe(true);
    for (const b of body.basins) {
      const members = new Set<string>(b.codesGeo);
      const seen = new Set<string>();
      let touchingParts = 0;
      for (const s of b.codesGeo) {
        if (seen.has(s)) continue;
        const part = [s];
        seen.add(s);
        for (let q = 0; q < part.length; q++) for (const n of neighbours.get(part[q]) ?? []) if (members.has(n) && !seen.has(n)) { seen.add(n); part.push(n); }
        if (part.some((z) => (neighbours.get(z) ?? []).some((n) => basinOf.has(n) && basinOf.get(n) !== b.id))) touchingParts++;
      }
      expect(touchingParts, `basin ${b.label}: parts touching other basins`).toBeLessThanOrEqual(1);
    }
  }
  expect(body.communes.codes).toHaveLength(communeCount);
  const perBasin = new Map<number, number>();
  for (const x of body.communes.basin) perBasin.set(x, (perBasin.get(x) ?? 0) + 1);
  expect(perBasin.get(-1) ?? 0).toBe(body.unassigned.communeCount);
  for (const b of body.basins) expect(perBasin.get(b.id) ?? 0).toBe(b.communeCount);
}

describeEachDatabase('patient-flow basins API', (kind) => {
  const ctx = useTestApp(kind);
  const post = async (path: string, body: unknown) => {
    const res = await ctx.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const upload = async (name: string, text: string) => {
    const form = new FormData();
    form.set('file', new File([text], name));
    const res = await ctx.app.request('/api/health/flows/import', { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const staysByCodeGeo = async (dataset: string) => {
    const r = await sql<{ z: string; s: number }>`SELECT zone_code AS z, sum(stays)::float8 AS s FROM health_flows WHERE dataset_id = ${dataset} AND stays > 0 GROUP BY 1`.execute(ctx.t.database.db);
    return new Map(r.rows.map((x) => [x.z, Number(x.s)]));
  };
  const communeCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM communes`.execute(ctx.t.database.db)).rows[0].n;

  it('draws basins by establishment on the modelled 2024 flows (defaults: LI 0.5, 1,000 stays, contiguity): invariants, labels, log, timing', async () => {
    const { status, body } = await post('/api/basins/flows', { unit: 'establishment' });
    expect(status).toBe(200);
    expect(body.dataset).toMatchObject({ id: 'modelled-2024', year: 2024, synthetic: true, quality: 'modelled' });
    expect(body.quality).toBe('modelled');
    expect(body.label).toContain('flux modélisés');
    expect(body.notes[0]).toContain('Flux modélisés');
    expect(body.params).toEqual({ minLocalizationRatio: 0.5, minStays: 1000, contiguity: true });
    checkInvariants(body, await staysByCodeGeo('modelled-2024'), await communeCount());
    expect(body.basins.length).toBeGreaterThan(100);
    expect(body.log.merges.length).toBeGreaterThan(0);
    for (const m of body.log.merges) expect(['trop peu de séjours', 'indice de localisation trop faible']).toContain(m.reasonLabel);
    expect(body.log.contiguityMoves.length).toBeGreaterThan(0);
    expect(body.log.contiguityMoves[0]).toMatchObject({ reasonLabel: 'non contigu au reste de son bassin' });
    // 14 communes have no code géo in the correspondence table; the others without a basin have no stay: said, counted
    expect(body.unassigned.communesWithoutCodeGeoCount).toBe(14);
    expect(body.unassigned.communeCount).toBe(body.unassigned.communesWithoutCodeGeoCount + body.unassigned.communesWithoutStaysCount);
    expect(body.unassigned.reason).toMatch(/communes sans bassin/);
    expect(body.timing.totalMs).toBeGreaterThan(0);
    console.log(`[${kind}] flow basins (establishment, 91,136 rows): ${JSON.stringify(body.timing)}, ${body.basins.length} basins`);
  }, 60_000);

  it('groups by hospital town and by legal entity (AP-HP one unit), and without contiguity', async () => {
    const stays = await staysByCodeGeo('modelled-2024');
    const n = await communeCount();
    const town = await post('/api/basins/flows', { unit: 'town' });
    expect(town.status).toBe(200);
    checkInvariants(town.body, stays, n);
    expect(town.body.basins.map((b: Json) => b.label)).toEqual(expect.arrayContaining(['Lille', 'Marseille']));
    expect(town.body.notes.join(' ')).toContain('Commune d’un établissement');
    const ej = await post('/api/basins/flows', { unit: 'legal_entity', minLocalizationRatio: 0.4, minStays: 5000 });
    expect(ej.status).toBe(200);
    checkInvariants(ej.body, stays, n);
    expect(ej.body.basins.find((b: Json) => b.key === '750712184')).toMatchObject({ label: 'AP-HP' });
    for (const b of ej.body.basins) expect(b.stays >= 5000 || ej.body.log.unmergeable.some((u: Json) => u.key === b.key)).toBe(true);
    const loose = await post('/api/basins/flows', { unit: 'establishment', contiguity: false });
    expect(loose.status).toBe(200);
    expect(loose.body.log.contiguityMoves).toEqual([]);
    checkInvariants(loose.body, stays, n);
  }, 120_000);

  it('refuses bad input, naming the field: unknown dataset 404, thresholds and unit 400, case mix 422, no stays 422', async () => {
    const unknown = await post('/api/basins/flows', { unit: 'establishment', dataset: 'nope-2020' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_FLOW_DATASET');
    expect(unknown.body.error.message).toContain('modelled-2024');
    const li = await post('/api/basins/flows', { unit: 'establishment', minLocalizationRatio: 1.5 });
    expect(li.status).toBe(400);
    expect(JSON.stringify(li.body.error.details)).toContain('minLocalizationRatio');
    expect(li.body.error.message).toContain('minLocalizationRatio');
    const unit = await post('/api/basins/flows', { unit: 'x' });
    expect(unit.status).toBe(400);
    expect(JSON.stringify(unit.body.error.details)).toContain('unit');
    const stays = await post('/api/basins/flows', { unit: 'town', minStays: -1 });
    expect(stays.status).toBe(400);
    const caseMix = await post('/api/basins/flows', { unit: 'establishment', caseMix: 'CMD 14' });
    expect(caseMix.status).toBe(422);
    expect(caseMix.body.error).toMatchObject({ code: 'CASE_MIX_UNAVAILABLE', details: { field: 'caseMix' } });
    expect(caseMix.body.error.message).toContain('pas de colonne d’activité');
    // a flow file naming an unknown code géo or establishment: row report, nothing stored
    const datasetsBefore = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_flow_datasets`.execute(ctx.t.database.db)).rows[0].n;
    const unknownRefs = await upload('inconnus.csv', 'finess;annee;code_geo;sejours\n010780054;2022;01000;40\n010780054;2022;01ZZZ;5\n019999999;2022;01500;7\n');
    expect(unknownRefs.status).toBe(422);
    expect(unknownRefs.body.error.code).toBe('IMPORT_INVALID_ROWS');
    expect(unknownRefs.body.error.details.map((d: Json) => [d.row, d.field])).toEqual([[3, 'zoneCode'], [4, 'finess']]);
    expect(unknownRefs.body.error.details[0].reason).toContain('01ZZZ');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_flow_datasets`.execute(ctx.t.database.db)).rows[0].n).toBe(datasetsBefore);
    // an imported file whose rows all have 0 stays: a dataset with no flows
    const zero = await upload('zero.csv', 'finess;annee;code_geo;sejours\n010780054;2022;01000;0\n010780054;2022;01500;0\n');
    expect(zero.status).toBe(201);
    const none = await post('/api/basins/flows', { unit: 'establishment', dataset: zero.body.datasets[0].id });
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({ code: 'NO_FLOWS', details: { field: 'dataset' } });
    // no threshold and no contiguity: as many basins as plurality units, more than a save takes (400, nothing stored)
    const zonesBefore = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(ctx.t.database.db)).rows[0].n;
    const many = await post('/api/basins/flows', { unit: 'establishment', minStays: 0, minLocalizationRatio: 0, contiguity: false, save: { name: 'Trop' } });
    expect(many.status).toBe(400);
    expect(many.body.error).toMatchObject({ code: 'ZONES_TOO_MANY', details: { field: 'save', max: 400 } });
    expect(many.body.error.details.count).toBeGreaterThan(400);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM zones`.execute(ctx.t.database.db)).rows[0].n).toBe(zonesBefore);
    const same = await post('/api/basins/flows/compare', { unit: 'establishment', datasets: ['modelled-2024', 'modelled-2024'] });
    expect(same.status).toBe(400);
    const cmpUnknown = await post('/api/basins/flows/compare', { unit: 'establishment', datasets: ['modelled-2024', 'nope'] });
    expect(cmpUnknown.status).toBe(404);
  });

  it('compares two years: a second dataset imported through the flow import, changed codes géo and population', async () => {
    // 2023: the modelled flows of the Lozère and the Aveyron, with the residents of Mende (code géo 48000) sent to the establishment treating most residents of the Aveyron
    const db = ctx.t.database.db;
    const rows = await sql<{ f: string; z: string; s: number }>`
      SELECT finess AS f, zone_code AS z, stays::float8 AS s FROM health_flows WHERE dataset_id = 'modelled-2024' AND (zone_code LIKE '48%' OR zone_code LIKE '12%') AND stays > 0 ORDER BY 1, 2`.execute(db);
    const rodez = await sql<{ f: string }>`
      SELECT f.finess AS f FROM health_flows f WHERE f.dataset_id = 'modelled-2024' AND f.zone_code LIKE '12%' GROUP BY 1 ORDER BY sum(f.stays) DESC LIMIT 1`.execute(db);
    const csv = ['finess;annee;code_geo;sejours', ...rows.rows.map((r) => `${r.f};2023;${r.z};${r.z === '48000' ? 0 : r.s}`), `${rodez.rows[0].f};2023;48000;50000`].join('\n');
    const imported = await upload('lozere-aveyron.csv', csv);
    expect(imported.status).toBe(201);
    const b = imported.body.datasets[0].id;
    const { status, body } = await post('/api/basins/flows/compare', { unit: 'establishment', datasets: ['modelled-2024', b] });
    expect(status).toBe(200);
    const a = await post('/api/basins/flows', { unit: 'establishment' });
    const bb = await post('/api/basins/flows', { unit: 'establishment', dataset: b });
    expect(bb.body.quality).toBe('observed');
    expect(body.a).toMatchObject({ basinCount: a.body.basins.length, dataset: { id: 'modelled-2024' } });
    expect(body.b).toMatchObject({ basinCount: bb.body.basins.length, dataset: { id: b } });
    expect(body.quality).toBe('modelled');
    const changed = body.rows.filter((r: Json) => r.changed);
    expect(body.changedCodeGeoCount).toBe(changed.length);
    expect(changed.length).toBeGreaterThan(4000); // every code outside the two départements has no basin in 2023
    const mende = body.rows.find((r: Json) => r.codeGeo === '48000');
    expect(mende.basinB).toBe(bb.body.basins.find((x: Json) => x.codesGeo.includes('48000')).key);
    // every row is what each dataset's own basins say
    const keyIn = (r: Json) => new Map<string, string>(r.basins.flatMap((x: Json) => x.codesGeo.map((z: string) => [z, x.key])));
    const ka = keyIn(a.body);
    const kb = keyIn(bb.body);
    for (const r of body.rows) {
      expect(r.basinA).toBe(ka.get(r.codeGeo) ?? null);
      expect(r.basinB).toBe(kb.get(r.codeGeo) ?? null);
      expect(r.changed).toBe(r.basinA !== r.basinB);
    }
    const pop = await sql<{ z: string; p: number }>`SELECT z.zone_code AS z, sum(c.population_count)::float8 AS p FROM commune_pmsi_zones z JOIN communes c ON c.code = z.commune_code GROUP BY 1`.execute(db);
    const popOf = new Map(pop.rows.map((r) => [r.z, Number(r.p)]));
    expect(body.changedPopulationCount).toBe(changed.reduce((s: number, r: Json) => s + Math.round(popOf.get(r.codeGeo) ?? 0), 0));
    for (const r of body.rows.filter((x: Json) => !x.codeGeo.startsWith('48') && !x.codeGeo.startsWith('12'))) expect(r.basinB).toBeNull();
  }, 120_000);

  it('saves the basins as zones (kind basin, method stored) whose profile answers', async () => {
    const { status, body } = await post('/api/basins/flows', { unit: 'legal_entity', minStays: 20000, save: { name: 'Bassins test' } });
    expect(status).toBe(200);
    console.log(`[${kind}] saved ${body.saved.zones.length} flow basins as zones in ${body.saved.saveMs} ms`);
    expect(body.saved.zones.length).toBe(body.basins.filter((b: Json) => b.communeCount > 0).length);
    // every zone with its basin's population (a union that failed inside PGlite once left some at 0, silently)
    const kept = body.basins.filter((b: Json) => b.communeCount > 0);
    expect(body.saved.zones.map((z: Json) => z.populationCount)).toEqual(kept.map((b: Json) => b.populationCount));
    const withoutOutline: string[] = [];
    for (const z of body.saved.zones) if (!((await (await ctx.app.request(`/api/zones/${z.id}`)).json()) as Json).zone.geometry) withoutOutline.push(z.name);
    expect(withoutOutline).toEqual([]);
    const first = body.saved.zones[0];
    expect(first.name).toBe(`Bassins test — ${body.basins[0].label}`);
    expect(first).toMatchObject({ communeCount: body.basins[0].communeCount, populationCount: body.basins[0].populationCount });
    const zone = (await (await ctx.app.request(`/api/zones/${first.id}`)).json()) as Json;
    expect(zone.zone ?? zone).toMatchObject({ kind: 'basin', method: { type: 'flow_basin', dataset: 'modelled-2024', unit: 'legal_entity', quality: 'modelled', params: { minStays: 20000 } } });
    const profile = await ctx.app.request(`/api/zones/${first.id}/profile?indicators=population`);
    expect(profile.status).toBe(200);
    expect(JSON.stringify(await profile.json())).toContain(String(body.basins[0].populationCount).slice(0, 4));
  }, 300_000);
});
