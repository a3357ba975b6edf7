import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('zones export and import', (kind) => {
  const ctx = useTestApp(kind);
  let zoneId: string;
  beforeAll(async () => {
    const res = await ctx.app.request('/api/zones', { method: 'POST', body: JSON.stringify({ name: 'Trois communes', codes: ['48095', '48080', '48007'] }), headers: { 'content-type': 'application/json' } });
    zoneId = ((await res.json()) as Json).zone.id;
  });

  const upload = async (name: string, text: string) => {
    const form = new FormData();
    form.append('file', new File([text], name));
    const res = await ctx.app.request('/api/zones/import', { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const zoneCount = async () => ((await (await ctx.app.request('/api/zones')).json()) as Json).zones.length;
  const logCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM export_log`.execute(ctx.t.database.db)).rows[0].n;

  it('exports XLSX: one sheet per table + Provenance, read back cell by cell', async () => {
    const before = await logCount();
    const res = await ctx.app.request(`/api/zones/${zoneId}/export?format=xlsx&indicators=population,health_gp_per_10k,filosofi_median_income`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/zone_Trois_communes_v1\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Profil', 'Pyramide des âges', 'Communes', 'Provenance']);
    const profil = wb.getWorksheet('Profil')!;
    expect(profil.getRow(1).values).toEqual([undefined, 'Indicateur', 'Valeur', 'Unité', 'Couverture (part de la population)', 'Référence', 'Indice (base 100)', 'Part de la référence (%)', 'Source', 'Année', 'Qualité', 'Note']);
    expect(profil.getCell('A2').value).toBe('Population municipale');
    expect(profil.getCell('B2').value).toBe(15352);
    expect(profil.getCell('C2').value).toBe('habitants');
    expect(profil.getCell('D2').value).toBe(1);
    // A count: no index, its share of Lozère's 76,486 inhabitants in % (15,352 / 76,486 × 100 = 20.07).
    expect(profil.getCell('E2').value).toBe(76486);
    expect(profil.getCell('F2').value).toBeNull();
    expect(profil.getCell('G2').value as number).toBeCloseTo((100 * 15352) / 76486, 9);
    expect(profil.getCell('I2').value).toBe('2023');
    expect(profil.getCell('A3').value).toBe('Médecins généralistes pour 10 000 habitants');
    expect(profil.getCell('B3').value as number).toBeCloseTo((17 / 15352) * 10000, 9);
    expect(profil.getCell('A4').value).toBe('Revenu disponible médian par unité de consommation');
    expect(profil.getCell('B4').value as number).toBeCloseTo((22980 * 11043 + 21170 * 2510) / 13553, 6);
    expect(profil.getCell('D4').value as number).toBeCloseTo(15300 / 15352, 9);
    // An intensity: index base 100 against Lozère's median, no share.
    expect(profil.getCell('F4').value as number).toBeCloseTo((100 * (profil.getCell('B4').value as number)) / (profil.getCell('E4').value as number), 9);
    expect(profil.getCell('G4').value).toBeNull();
    expect(profil.getCell('J4').value).toBe('approché');
    expect(profil.rowCount).toBe(4);
    const communes = wb.getWorksheet('Communes')!;
    expect(communes.getRow(1).values).toEqual([undefined, 'Code commune', 'Commune', 'Poids']);
    expect([2, 3, 4].map((r) => [communes.getCell(r, 1).value, communes.getCell(r, 2).value, communes.getCell(r, 3).value])).toEqual([
      ['48007', "Arzenc-d'Apcher", 1], ['48080', 'Langogne', 1], ['48095', 'Mende', 1],
    ]);
    const ages = wb.getWorksheet('Pyramide des âges')!;
    expect(ages.getCell('A2').value).toBe('0-14');
    expect(ages.rowCount).toBe(8);
    const provenance = wb.getWorksheet('Provenance')!.getColumn(1).values.filter(Boolean).join('\n');
    expect(provenance).toMatch(/Zone : Trois communes — version 1 — type list/);
    expect(provenance).toMatch(/Référence : Lozère/);
    expect(provenance).toMatch(/Filosofi 2021/);
    expect(provenance).toMatch(/Exporté le \d{4}-\d\d-\d\dT.* par utilisateur local/);
    expect(await logCount()).toBe(before + 1);
    const log = await sql<Json>`SELECT * FROM export_log ORDER BY created_at DESC LIMIT 1`.execute(ctx.t.database.db);
    expect(log.rows[0]).toMatchObject({ workspaceId: 'default', userName: 'utilisateur local', kind: 'zone_profile', target: zoneId, format: 'xlsx' });
  });

  it('exports CSV for French Excel (BOM, `;`, decimal comma) with provenance lines', async () => {
    const res = await ctx.app.request(`/api/zones/${zoneId}/export?format=csv&indicators=population,health_gp_per_10k`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toMatch(/^\ufeff# Maillage — profil de zone\r\n/);
    expect(text).toContain('Indicateur;Valeur;Unité;');
    expect(text).toContain('\r\nPopulation municipale;15352;habitants;1;');
    expect(text).toMatch(/Médecins généralistes pour 10 000 habitants;11,07/);
    expect(text).toContain('Tranche d’âge;Population;Part;Part (référence)');
  });

  it('exports GeoJSON that round-trips through the zone import (commune list, and polygon alone)', async () => {
    const res = await ctx.app.request(`/api/zones/${zoneId}/export?format=geojson&indicators=population`);
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const fc = (await res.json()) as Json;
    expect(fc.type).toBe('FeatureCollection');
    const f = fc.features[0];
    expect(f.geometry.type).toMatch(/^(Multi)?Polygon$/);
    expect(f.properties).toMatchObject({ name: 'Trois communes', version: 1, population: 15352, communeCodes: ['48007', '48080', '48095'] });
    const back = await upload('trois.geojson', JSON.stringify(fc));
    expect(back.status).toBe(201);
    expect(back.body.zones[0]).toMatchObject({ name: 'Trois communes', kind: 'import', communeCount: 3, populationCount: 15352 });
    // Without the commune list, the outline alone gives the same communes (≥ 10 % of their area inside).
    delete f.properties.communeCodes;
    f.properties.name = 'Contour seul';
    const byPolygon = await upload('contour.geojson', JSON.stringify(fc));
    expect(byPolygon.status).toBe(201);
    const detail = (await (await ctx.app.request(`/api/zones/${byPolygon.body.zones[0].id}`)).json()) as Json;
    expect(detail.zone.members.filter((m: Json) => m.weight >= 0.9).map((m: Json) => m.communeCode)).toEqual(['48007', '48080', '48095']);
    expect(detail.zone.method).toMatchObject({ type: 'import', format: 'geojson', membership: 'polygon' });
  });

  it('imports a CSV of sectors; a file with bad rows → 422 row report and nothing stored', async () => {
    const before = await zoneCount();
    const bad = await upload('secteurs.csv', 'code_commune;zone\n48095;Nord\n99999;Nord\n48080;\n74011;Sud\n');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('ZONE_IMPORT_INVALID_ROWS');
    expect(bad.body.error.message).toMatch(/rien n’a été enregistré/);
    expect(bad.body.error.details).toEqual([
      { row: 3, field: 'code_commune', reason: 'Code commune inconnu : « 99999 ».' },
      { row: 4, field: 'zone', reason: 'Nom de zone manquant.' },
    ]);
    expect(await zoneCount()).toBe(before);
    const good = await upload('secteurs.csv', 'code_commune;zone\n48095;Nord\n48080;Nord\n74011;Sud\n');
    expect(good.status).toBe(201);
    expect(good.body.zones.map((z: Json) => [z.name, z.communeCount]).sort()).toEqual([['Nord', 2], ['Sud', 1]]);
    expect(good.body.report.formerCodes).toEqual([{ from: '74011', to: ['74010'] }]);
    expect(await zoneCount()).toBe(before + 2);
  });

  it('exports a comparison (CSV and XLSX) and logs client-side PNG exports', async () => {
    const other = await ctx.app.request('/api/zones', { method: 'POST', body: JSON.stringify({ name: 'Lozère', admin: { level: 'departement', code: '48' } }), headers: { 'content-type': 'application/json' } });
    const otherId = ((await other.json()) as Json).zone.id;
    const before = await logCount();
    const body = JSON.stringify({ zoneIds: [zoneId, otherId], indicators: ['population'] });
    const csv = await ctx.app.request('/api/zones/compare/export?format=csv', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const text = await csv.text();
    expect(text).toContain('Indicateur;Unité;Trois communes — Valeur;Trois communes — Couverture (part de la population);Trois communes — Indice (base 100);Trois communes — Part de la référence (%);Lozère — Valeur');
    // Each zone against its département (France by default for a comparison: 15,352 of France's population).
    expect(text).toMatch(/\r\nPopulation municipale;habitants;15352;1;;0,02\d*;76486;1;;0,1\d*;/);
    const xlsx = await ctx.app.request('/api/zones/compare/export?format=xlsx', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Comparaison', 'Pyramide des âges', 'Provenance']);
    expect(wb.getWorksheet('Comparaison')!.getCell('C2').value).toBe(15352);
    const png = await ctx.app.request('/api/exports/log', { method: 'POST', body: JSON.stringify({ kind: 'map_png', target: 'carte', parameters: { zoom: 8 } }), headers: { 'content-type': 'application/json' } });
    expect(png.status).toBe(201);
    const rows = await sql<Json>`SELECT kind, format, workspace_id FROM export_log ORDER BY created_at`.execute(ctx.t.database.db);
    expect(rows.rows.slice(before).map((r: Json) => `${r.kind}/${r.format}/${r.workspaceId}`)).toEqual(['zone_comparison/csv/default', 'zone_comparison/xlsx/default', 'map_png/png/default']);
  });

  it('handles a zone of all 34,969 communes', async () => {
    const all = ((await (await ctx.app.request('/api/indicators/population/values')).json()) as Json).codes as string[];
    expect(all).toHaveLength(34969);
    const res = await ctx.app.request('/api/zones', { method: 'POST', body: JSON.stringify({ name: 'France', codes: all }), headers: { 'content-type': 'application/json' } });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(201);
    expect(body.zone.communeCount).toBe(34969);
    expect(body.zone.geometry.type).toMatch(/Polygon/);
    const profile = (await (await ctx.app.request(`/api/zones/${body.zone.id}/profile?indicators=population,filosofi_median_income&reference=france`)).json()) as Json;
    expect(profile.indicators[0].index).toBeNull();
    expect(profile.indicators[0].shareOfReferenceRatio).toBeCloseTo(1, 9);
    expect(profile.indicators[1].index).toBeCloseTo(100, 9);
    expect(profile.indicators[1].coverageRatio).toBeGreaterThan(0.95);
    expect(profile.indicators[1].coverageRatio).toBeLessThan(1);
  }, 600_000);
});
