import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';
import { importLayer, readImportFile } from '../../api/src/services/imports.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/imports', name));

describeEachDatabase('customer data imports', (kind) => {
  const ctx = useTestApp(kind);

  const upload = async (file: string, fields: Record<string, string>) => {
    const form = new FormData();
    form.set('file', new File([fixture(file)], file));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await ctx.app.request('/api/layers/imports', { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const cleanMapping = JSON.stringify({ key: 'id', name: 'nom', category: 'categorie', communeCode: 'code_insee', measures: [{ column: 'ca_eur', name: 'ca', unit: 'EUR' }, { column: 'visites', name: 'visites' }] });

  it('has the seeded synthetic demo CRM layer with all 20,000 accounts located and none rejected', async () => {
    const { layers } = (await (await ctx.app.request('/api/layers')).json()) as Json;
    const demo = layers.find((l: Json) => l.synthetic);
    expect(demo).toMatchObject({ kind: 'internal', synthetic: true, featureCount: 20_000 });
    expect(demo.name).toMatch(/synthétiques/);
    const rejects = await ctx.app.request(`/api/layers/${demo.id}/rejects.csv`);
    expect((await rejects.text()).trim().split('\r\n').filter((l) => !l.startsWith('# '))).toEqual(['Ligne;Clé;Champ;Gravité;Motif']); // header only
    const byDep = (await (await ctx.app.request(`/api/layers/${demo.id}/aggregate?by=departement&measure=ca_eur`)).json()) as Json;
    expect(byDep.groups.reduce((s: number, g: Json) => s + g.count, 0)).toBe(20_000);
    expect(byDep.withoutCommuneCount).toBe(0);
  });

  it('previews a Windows-1252 ";" file: encoding, delimiter, columns, suggested mapping', async () => {
    const { status, body } = await upload('windows1252-semicolon.csv', { preview: 'true' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', rowCount: 4 });
    expect(body.columns).toEqual(['code client', 'raison sociale', 'code postal', 'ville', 'CA annuel', 'date']);
    expect(body.rows[0].values['raison sociale']).toBe("Pharmacie de l'Église");
    expect(body.rows[1].values['raison sociale']).toBe('Cabinet "Les Tilleuls"\nBâtiment B');
    expect(body.suggestedMapping).toMatchObject({ key: 'code client', name: 'raison sociale', postcode: 'code postal', city: 'ville', date: 'date' });
  });

  it('imports a clean CSV by commune code, with provenance, and aggregates it', async () => {
    const { status, body } = await upload('clean.csv', { name: 'Clients test', kind: 'internal', sourceNote: 'CRM export', mapping: cleanMapping });
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ rowsRead: 10, imported: 10, rejected: 0, byPrecision: { commune: 10 }, byLocatedVia: { commune_code: 10 } });
    expect(body.layer).toMatchObject({ name: 'Clients test', kind: 'internal', featureCount: 10, synthetic: false });
    expect(body.layer.provenance).toMatchObject({ fileName: 'clean.csv', encoding: 'utf-8', delimiter: ',', rowsRead: 10 });
    expect(body.layer.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
    const agg = (await (await ctx.app.request(`/api/layers/${body.layer.id}/aggregate?by=departement&measure=ca`)).json()) as Json;
    const lozere = agg.groups.find((g: Json) => g.code === '48');
    expect(lozere).toEqual({ code: '48', name: 'Lozère', count: 2, sum: 224000.5, mean: 112000.25 });
    expect(agg.layer.provenance.fileName).toBe('clean.csv');
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features?bbox=3.3,44.4,3.6,44.7`)).json()) as Json;
    expect(feats.features.map((f: Json) => f.key).sort()).toEqual(['C001', 'C006']);
  });

  it('aggregates per zone (communes with a former code, départements, drawn polygon) and exports CSV with provenance', async () => {
    const { body } = await upload('clean.csv', { name: 'Clients zones', mapping: cleanMapping });
    // A former (merged) code of a commune with no row in the file: it must be accepted, resolved, and add nothing.
    const former = await ctx.t.database.db.selectFrom('communeHistory').select(['oldCode', 'newCode'])
      .where('newCode', 'not in', ['2A004', '97411', '75056', '29019', '69123', '13055', '59350']).orderBy('oldCode').executeTakeFirstOrThrow();
    const zones = [
      { id: 'z1', name: 'Mende + Rennes', communeCodes: ['48095', '35238', former.oldCode] },
      { id: 'z2', departementCodes: ['48', '2A'] },
      { id: 'z3', name: 'Autour de Mende', geometry: { type: 'Polygon', coordinates: [[[3.3, 44.4], [3.6, 44.4], [3.6, 44.7], [3.3, 44.7], [3.3, 44.4]]] } },
    ];
    const res = await ctx.app.request(`/api/layers/${body.layer.id}/aggregate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ measure: 'ca', zones }) });
    expect(res.status).toBe(200);
    const agg = (await res.json()) as Json;
    expect(agg.zones).toEqual([
      { id: 'z1', name: 'Mende + Rennes', count: 3, sum: 269000.5, mean: 89666.83333333333 },
      { id: 'z2', name: 'z2', count: 3, sum: 312000.5, mean: 104000.16666666667 },
      { id: 'z3', name: 'Autour de Mende', count: 2, sum: 224000.5, mean: 112000.25 },
    ]);
    expect(agg.replacedCodes).toEqual([{ zone: 'z1', from: former.oldCode, to: former.newCode }]);

    const bad = await ctx.app.request(`/api/layers/${body.layer.id}/aggregate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zones: [{ id: 'x', communeCodes: ['48095', '99999'] }] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error).toMatchObject({ code: 'UNKNOWN_COMMUNE_CODE', message: expect.stringMatching(/zones\.0\.communeCodes : 99999 n’est pas un code de commune/) });
    const both = await ctx.app.request(`/api/layers/${body.layer.id}/aggregate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zones: [{ id: 'x', communeCodes: ['48095'], departementCodes: ['48'] }] }) });
    expect(both.status).toBe(400);
    expect(((await both.json()) as Json).error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'zones[0] : donnez une seule source de communes par zone : communeCodes, departementCodes ou geometry' });

    const csv = await (await ctx.app.request(`/api/layers/${body.layer.id}/aggregate?by=departement&measure=ca&format=csv`)).text();
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toMatch(/^# Maillage — couche « Clients zones »$/);
    expect(lines[1]).toMatch(/fichier : clean\.csv ; sha256 : [0-9a-f]{64}/);
    expect(lines[3]).toBe('Code département;Nom;Nombre;Somme de ca (EUR);Moyenne de ca (EUR)');
    expect(lines).toContain('48;Lozère;2;224000,5;112000,25');
  });

  it('re-imports the same file idempotently: same layer, rows replaced, never duplicated', async () => {
    const first = await upload('clean.csv', { name: 'Clients idem', mapping: cleanMapping });
    const second = await upload('clean.csv', { name: 'Clients idem', mapping: cleanMapping });
    expect(second.body.layer.id).toBe(first.body.layer.id);
    expect(second.body.layer.featureCount).toBe(10);
    const list = (await (await ctx.app.request('/api/layers')).json()) as Json;
    expect(list.layers.filter((l: Json) => l.name === 'Clients idem')).toHaveLength(1);
    const feats = (await (await ctx.app.request(`/api/layers/${first.body.layer.id}/features`)).json()) as Json;
    expect(feats.features).toHaveLength(10);
  });

  it('locates by postcode + city (accents, case) with French decimals and dates', async () => {
    const mapping = JSON.stringify({ key: 'code client', name: 'raison sociale', postcode: 'code postal', city: 'ville', date: 'date', measures: [{ column: 'CA annuel', name: 'ca' }] });
    const { status, body } = await upload('windows1252-semicolon.csv', { name: 'Win1252', mapping });
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ imported: 4, rejected: 0, byLocatedVia: { postcode_city: 4 } });
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features`)).json()) as Json;
    const w1 = feats.features.find((f: Json) => f.key === 'W1');
    expect(w1).toMatchObject({ communeCode: '42218', measures: { ca: 12500.75 } });
    expect(feats.features.find((f: Json) => f.key === 'W3').communeCode).toBe('75056');
  });

  it('reports every bad row with its row number, field and reason, and imports the rest', async () => {
    const mapping = JSON.stringify({ key: 'id', name: 'nom', communeCode: 'insee', postcode: 'cp', city: 'ville', lon: 'lon', lat: 'lat', measures: [{ column: 'ca' }] });
    const { status, body } = await upload('bad-rows.csv', { name: 'Mauvaises lignes', mapping });
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ rowsRead: 11, imported: 3, rejected: 8 });
    expect(body.report.byLocatedVia).toEqual({ commune_code: 2, old_commune_code: 1 });
    const reasons = Object.fromEntries(body.report.rejects.map((r: Json) => [r.row, r.errors.map((e: Json) => `${e.field}: ${e.reason}`).join(' | ')]));
    expect(Object.keys(reasons).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons[3]).toMatch(/^insee: code commune 99999 inconnu/);
    expect(reasons[4]).toMatch(/^ville: le code postal 35000 ne correspond pas à la ville « Brest »/);
    expect(reasons[5]).toMatch(/^lat: latitude et longitude semblent inversées/);
    expect(reasons[6]).toMatch(/^lon: .*Lambert-93/);
    expect(reasons[7]).toMatch(/^id: clé vide/);
    expect(reasons[8]).toMatch(/^id: clé K1 en double \(déjà vue ligne 2/);
    expect(reasons[9]).toMatch(/^ca: « abc » n'est pas un nombre/);
    expect(reasons[10]).toMatch(/^localisation: le point n'est dans aucune commune française/);
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features`)).json()) as Json;
    const byKey = Object.fromEntries(feats.features.map((f: Json) => [f.key, f]));
    expect(byKey.K1).toMatchObject({ communeCode: '35238', locatedVia: 'commune_code' });
    expect(byKey.K10).toMatchObject({ communeCode: '74010', locatedVia: 'old_commune_code' });
    expect(byKey.K11).toMatchObject({ communeCode: '01004' });
    const bytes = new Uint8Array(await (await ctx.app.request(`/api/layers/${body.layer.id}/rejects.csv`)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel opens accents right
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n').filter((l) => !l.startsWith('# '));
    expect(lines[0]).toBe('Ligne;Clé;Champ;Gravité;Motif');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe('3;K2;insee;rejetée;code commune 99999 inconnu (COG 2026 et son historique)');
  });

  it('imports the chosen sheet of an XLSX with Lambert-93 coordinates', async () => {
    const preview = await upload('two-sheets.xlsx', { preview: 'true', sheet: 'Clients' });
    expect(preview.body).toMatchObject({ format: 'xlsx', sheet: 'Clients', sheets: ['Notes', 'Clients'], rowCount: 3 });
    const mapping = JSON.stringify({ key: 'ID', name: 'Nom', x: 'X_L93', y: 'Y_L93', date: 'Date', measures: [{ column: 'Segment', type: 'category' }] });
    const { body } = await upload('two-sheets.xlsx', { name: 'Excel', sheet: 'Clients', mapping });
    expect(body.report).toMatchObject({ imported: 3, rejected: 0, byLocatedVia: { lambert93: 3 } });
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features`)).json()) as Json;
    expect(Object.fromEntries(feats.features.map((f: Json) => [f.key, f.communeCode]))).toEqual({ X1: '35238', X2: '31555', X3: '59350' });
  });

  it('imports GeoJSON points and rejects non-point features', async () => {
    const { body } = await upload('points.geojson', { name: 'GeoJSON', mapping: JSON.stringify({ key: 'ref', name: 'label', lon: 'longitude', lat: 'latitude', measures: [{ column: 'visits' }] }) });
    expect(body.report).toMatchObject({ imported: 2, rejected: 1 });
    expect(body.report.rejects[0].errors[0]).toMatchObject({ field: 'géométrie', reason: 'géométrie Polygon : seuls les points sont importés' });
  });

  it('answers clear errors for a bad mapping, a missing file and unknown layers', async () => {
    const bad = await upload('clean.csv', { name: 'X', mapping: JSON.stringify({ key: 'nope', communeCode: 'code_insee' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/identifiant \(clé\) : pas de colonne « nope »/);
    const noLoc = await upload('clean.csv', { name: 'X', mapping: JSON.stringify({ key: 'id' }) });
    expect(noLoc.body.error.message).toMatch(/associez une localisation/);
    const form = new FormData();
    form.set('name', 'X');
    const noFile = await ctx.app.request('/api/layers/imports', { method: 'POST', body: form });
    expect(noFile.status).toBe(400);
    const unknown = await ctx.app.request('/api/layers/00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('rejects files over the row or size limits with a 413 naming the limit', async () => {
    await expect(readImportFile({ fileName: 'clean.csv', bytes: fixture('clean.csv') }, { maxBytes: 100, maxRows: 1000 })).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await expect(readImportFile({ fileName: 'clean.csv', bytes: fixture('clean.csv') }, { maxBytes: 1e6, maxRows: 5 })).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/la limite est de 5 lignes par import/) });
  });

  it('rolls back a failed import: nothing half-stored, the previous rows intact', async () => {
    const rows = ['id,code_insee,ca_eur', ...Array.from({ length: 2500 }, (_, i) => `R${i},35238,${i}`)].join('\n');
    const request = (name: string) => ({ fileName: 'big.csv', bytes: new TextEncoder().encode(rows), mapping: { key: 'id', communeCode: 'code_insee', measures: [{ column: 'ca_eur', type: 'number' as const }] }, layer: { name, kind: 'internal' as const, description: '', sourceNote: '', synthetic: false } });
    const ok = await importLayer(ctx.t.database, request('Rollback'));
    expect(ok.report.imported).toBe(2500);
    await expect(importLayer(ctx.t.database, request('Rollback'), (n) => { if (n >= 2000) throw new Error('disk full (simulated mid-file failure)'); })).rejects.toThrow(/disk full/);
    const count = await ctx.t.database.db.selectFrom('layerFeatures').select((eb) => eb.fn.countAll<number>().as('n')).where('layerId', '=', ok.layerId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2500);
    await expect(importLayer(ctx.t.database, request('Never stored'), () => { throw new Error('fail at first batch'); })).rejects.toThrow();
    const none = await ctx.t.database.db.selectFrom('layers').select('id').where('name', '=', 'Never stored').execute();
    expect(none).toEqual([]);
  });

  it('renames, hides and deletes a layer; a delete can be undone (restore), and an import may take a deleted layer’s name', async () => {
    const { body } = await upload('clean.csv', { name: 'À renommer', mapping: cleanMapping });
    const patch = await ctx.app.request(`/api/layers/${body.layer.id}`, { method: 'PATCH', body: JSON.stringify({ name: 'Renommée', hidden: true }), headers: { 'Content-Type': 'application/json' } });
    expect((await patch.json()) as Json).toMatchObject({ name: 'Renommée', hidden: true });
    const conflict = await ctx.app.request(`/api/layers/${body.layer.id}`, { method: 'PATCH', body: JSON.stringify({ name: 'Clients test' }), headers: { 'Content-Type': 'application/json' } });
    expect(conflict.status).toBe(409);
    const del = await ctx.app.request(`/api/layers/${body.layer.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: true, restorable: true });
    expect((await ctx.app.request(`/api/layers/${body.layer.id}`)).status).toBe(404);
    const names = async () => ((await (await ctx.app.request('/api/layers')).json()) as Json).layers.map((l: Json) => l.name);
    expect(await names()).not.toContain('Renommée');
    expect((await ctx.app.request(`/api/layers/${body.layer.id}/features`)).status).toBe(404);

    // "Annuler": the layer comes back with its rows, name and provenance.
    const restore = await ctx.app.request(`/api/layers/${body.layer.id}/restore`, { method: 'POST' });
    expect(restore.status).toBe(200);
    expect((await restore.json()) as Json).toMatchObject({ id: body.layer.id, name: 'Renommée', featureCount: 10, provenance: { fileName: 'clean.csv' } });
    expect(await names()).toContain('Renommée');
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features`)).json()) as Json;
    expect(feats.features).toHaveLength(10);
    const twice = await ctx.app.request(`/api/layers/${body.layer.id}/restore`, { method: 'POST' });
    expect(twice.status).toBe(404);
    expect(((await twice.json()) as Json).error.message).toMatch(/^Aucune couche supprimée/);

    // Deleted again, then a new import takes the name: the deleted layer is purged, restore says so.
    await ctx.app.request(`/api/layers/${body.layer.id}`, { method: 'DELETE' });
    const reused = await upload('clean.csv', { name: 'Renommée', mapping: cleanMapping });
    expect(reused.status).toBe(200);
    expect(reused.body.layer.id).not.toBe(body.layer.id);
    expect((await ctx.app.request(`/api/layers/${body.layer.id}/restore`, { method: 'POST' })).status).toBe(404);
  });
});
