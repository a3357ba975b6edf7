import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDatabase, useTestApp } from '../helpers/db.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/imports', name));
const cleanMapping = JSON.stringify({ key: 'id', name: 'nom', category: 'categorie', communeCode: 'code_insee', measures: [{ column: 'ca_eur', name: 'ca', unit: '€' }, { column: 'visites' }] });
const badRowsMapping = JSON.stringify({ key: 'id', name: 'nom', communeCode: 'insee', postcode: 'cp', city: 'ville', lon: 'lon', lat: 'lat', measures: [{ column: 'ca' }] });

/** Nothing a user reads may be English parser or zod text. */
const ENGLISH = /\b(Invalid input|expected|received|is not a|unknown|does not|should|must be|the file|trailing quote|Quoted field)\b/i;

describeEachDatabase('imports never lose data, and say why in French', (kind) => {
  const ctx = useTestApp(kind);

  const upload = async (file: string | { name: string; bytes: Uint8Array }, fields: Record<string, string>, query = '') => {
    const form = new FormData();
    const name = typeof file === 'string' ? file : file.name;
    form.set('file', new File([new Uint8Array(typeof file === 'string' ? fixture(file) : file.bytes)], name));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await ctx.app.request(`/api/layers/imports${query}`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const layerNamed = async (name: string) => ((await (await ctx.app.request('/api/layers')).json()) as Json).layers.find((l: Json) => l.name === name);
  const keys = async (id: string) => ((await (await ctx.app.request(`/api/layers/${id}/features`)).json()) as Json).features.map((f: Json) => f.key).sort();

  it('a re-import where every row is rejected stores nothing: 422 with the report, the layer exactly as it was', async () => {
    const first = await upload('clean.csv', { name: 'Clients sûrs', sourceNote: 'CRM novembre', mapping: cleanMapping });
    expect(first.status).toBe(200);
    const before = await layerNamed('Clients sûrs');
    const rejectsBefore = await (await ctx.app.request(`/api/layers/${before.id}/rejects.csv`)).text();

    const again = await upload('all-rejected.csv', { name: 'Clients sûrs', sourceNote: 'CRM décembre (cassé)', mapping: cleanMapping });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('IMPORT_NO_VALID_ROW');
    expect(again.body.error.message).toMatch(/^all-rejected\.csv : aucune ligne valide \(4 lignes rejetées\) : rien n'a été importé et la couche existante est inchangée/);
    const report = again.body.error.details.report;
    expect(report).toMatchObject({ stored: false, rowsRead: 4, imported: 0, valid: 0, rejected: 4 });
    expect(report.rejects.map((r: Json) => [r.row, r.errors[0].field])).toEqual([[2, 'code_insee'], [3, 'code_insee'], [4, 'code_insee'], [5, 'code_insee']]);
    expect(report.rejects[0].errors[0].reason).toBe('code commune 99999 inconnu (COG 2026 et son historique)');

    const after = await layerNamed('Clients sûrs');
    expect(after).toEqual(before); // rows count, provenance (file, hash, date), name, source, updatedAt: untouched
    expect(after.provenance.fileName).toBe('clean.csv');
    expect(await keys(after.id)).toHaveLength(10);
    expect(await (await ctx.app.request(`/api/layers/${before.id}/rejects.csv`)).text()).toBe(rejectsBefore);
  });

  it('a new layer with no valid row is not created', async () => {
    const { status, body } = await upload('all-rejected.csv', { name: 'Jamais créée', mapping: cleanMapping });
    expect(status).toBe(422);
    expect(body.error.details.report.rejected).toBe(4);
    expect(await layerNamed('Jamais créée')).toBeUndefined();
  });

  it('partial rejects: keep (default) stores the valid rows and reports the others; abort stores nothing', async () => {
    const kept = await upload('bad-rows.csv', { name: 'Partiel gardé', mapping: badRowsMapping });
    expect(kept.status).toBe(200);
    expect(kept.body.report).toMatchObject({ stored: true, onRowError: 'keep', imported: 3, rejected: 8 });

    const aborted = await upload('bad-rows.csv', { name: 'Partiel annulé', mapping: badRowsMapping, onRowError: 'abort' });
    expect(aborted.status).toBe(422);
    expect(aborted.body.error).toMatchObject({ code: 'IMPORT_INVALID_ROWS', message: expect.stringMatching(/8 lignes rejetées et l'option « tout ou rien » est choisie : rien n'a été importé/) });
    expect(aborted.body.error.details.report).toMatchObject({ stored: false, onRowError: 'abort', imported: 0, valid: 3, rejected: 8 });
    expect(await layerNamed('Partiel annulé')).toBeUndefined();

    // abort over an existing layer leaves it as it was; the choice may also come in the query string.
    const before = await layerNamed('Partiel gardé');
    const again = await upload('bad-rows.csv', { name: 'Partiel gardé', mapping: badRowsMapping }, '?onRowError=abort');
    expect(again.status).toBe(422);
    expect(await layerNamed('Partiel gardé')).toEqual(before);
    // abort with a clean file imports normally.
    const clean = await upload('clean.csv', { name: 'Propre tout ou rien', mapping: cleanMapping, onRowError: 'abort' });
    expect(clean.status).toBe(200);
    expect(clean.body.report).toMatchObject({ imported: 10, rejected: 0, onRowError: 'abort' });
    const wrong = await upload('clean.csv', { name: 'X', mapping: cleanMapping, onRowError: 'jamais' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^onRowError : « jamais » n’est pas une valeur possible \(valeurs possibles : keep ou abort\)/);
  });

  it('flags a commune code whose postcode/city say another commune: kept by the code, warned in the report and its CSV', async () => {
    const mapping = JSON.stringify({ key: 'id', name: 'nom', communeCode: 'code_insee', postcode: 'code_postal', city: 'ville', measures: [{ column: 'ca_2025' }] });
    const { status, body } = await upload('address-mismatch.csv', { name: 'Adresses contradictoires', mapping });
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ imported: 3, rejected: 0, warned: 1 });
    expect(body.report.warnings).toEqual([
      { row: 2, key: 'M1', field: 'code_postal', reason: '« 29200 Brest » ne correspond pas à la commune 35238 Rennes (codes postaux : 35000, 35200, 35700) : ligne gardée et placée par le code commune, vérifiez-la' },
    ]);
    const feats = (await (await ctx.app.request(`/api/layers/${body.layer.id}/features`)).json()) as Json;
    expect(feats.features.find((f: Json) => f.key === 'M1')).toMatchObject({ communeCode: '35238', locatedVia: 'commune_code' });
    const csv = (await (await ctx.app.request(`/api/layers/${body.layer.id}/rejects.csv`)).text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv[0]).toBe("# Maillage — rapport d'import de la couche « Adresses contradictoires »");
    expect(csv[2]).toBe('Ligne;Clé;Champ;Gravité;Motif');
    expect(csv[3]).toMatch(/^2;M1;code_postal;avertissement \(ligne gardée\);« 29200 Brest » ne correspond pas/);
  });

  it('answers 400 "not a CSV/text file" for binary content named .csv, at preview and at import', async () => {
    const png = { name: 'clients.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) };
    const preview = await upload(png, { preview: 'true' });
    expect(preview.status).toBe(400);
    expect(preview.body.error).toMatchObject({ code: 'IMPORT_INVALID_FILE', details: { looksLike: 'une image PNG' } });
    expect(preview.body.error.message).toBe("Ce fichier n'est pas un fichier CSV/texte (il ressemble à une image PNG) : exportez vos données en CSV, XLSX ou GeoJSON.");
    const elf = { name: 'export.csv', bytes: new Uint8Array(readFileSync(process.execPath).subarray(0, 4096)) };
    const imported = await upload(elf, { name: 'Binaire', mapping: cleanMapping });
    expect(imported.status).toBe(400);
    expect(imported.body.error.message).toMatch(/n'est pas un fichier CSV\/texte \(il ressemble à un exécutable/);
    expect(await layerNamed('Binaire')).toBeUndefined();
  });

  it('preview: says when no column is recognised, and suggests typed measures', async () => {
    const none = await upload({ name: 'divers.csv', bytes: new TextEncoder().encode('truc;machin;bidule\na;b;c\n') }, { preview: 'true' });
    expect(none.status).toBe(200);
    expect(none.body.notices).toEqual(['Aucune colonne reconnue — associez au moins une clé et une localisation']);
    const clean = await upload('clean.csv', { preview: 'true' });
    expect(clean.body.notices).toEqual([]);
    expect(clean.body.suggestedMeasures).toEqual([
      { column: 'ca_eur', name: 'ca_eur', type: 'number', numberKind: 'decimal', unit: '€' },
      { column: 'visites', name: 'visites', type: 'number', numberKind: 'integer', unit: '' },
    ]);
  });

  it('an XLSX whose first sheet is notes previews with the sheet list and points at the sheet with the data', async () => {
    const { status, body } = await upload('two-sheets.xlsx', { preview: 'true' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'xlsx', sheet: 'Notes', sheets: ['Notes', 'Clients'], rowCount: 0 });
    expect(body.notices).toEqual(["La feuille « Notes » n'a aucune ligne de données ; la feuille « Clients » en a 3 : choisissez-la ci-dessous."]);
    const chosen = await upload('two-sheets.xlsx', { preview: 'true', sheet: 'Clients' });
    expect(chosen.body).toMatchObject({ sheet: 'Clients', rowCount: 3, notices: [] });
    // A CSV with a header and no row is still an error, in French.
    const headerOnly = await upload({ name: 'vide.csv', bytes: new TextEncoder().encode('id;code_insee\n') }, { preview: 'true' });
    expect(headerOnly).toMatchObject({ status: 400, body: { error: { message: "vide.csv a une ligne d'en-tête mais aucune ligne de données." } } });
  });

  it('speaks French in every import message: mapping, zod, quotes, file errors', async () => {
    const messages: string[] = [];
    const collect = async (r: Promise<{ body: Json }>) => messages.push((await r).body.error.message);
    await collect(upload('clean.csv', { name: 'X', mapping: JSON.stringify({ key: 'nope', communeCode: 'code_insee' }) }));
    await collect(upload('clean.csv', { name: 'X', mapping: JSON.stringify({ key: 12, measures: [{ column: null }] }) }));
    await collect(upload('clean.csv', { name: '', mapping: cleanMapping }));
    await collect(upload('clean.csv', { name: 'X', mapping: 'pas du json' }));
    await collect(upload({ name: 'q.csv', bytes: new TextEncoder().encode('id;code_insee\nA;"35238\nB;35238\n') }, { name: 'X', mapping: JSON.stringify({ key: 'id', communeCode: 'code_insee' }) }));
    await collect(upload({ name: 'x.geojson', bytes: new TextEncoder().encode('{"type":') }, { preview: 'true' }));
    expect(messages[0]).toMatch(/identifiant \(clé\) : pas de colonne « nope »/);
    expect(messages[2]).toMatch(/^name : donnez un nom à la couche/);
    expect(messages[4]).toMatch(/^q\.csv : ligne \d+ du CSV : un guillemet n'est pas refermé/);
    for (const m of messages) expect(m).not.toMatch(ENGLISH);
  });
});
