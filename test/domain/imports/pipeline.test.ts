import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReference, type CommuneRef } from '../../../api/src/domain/imports/geocode.js';
import { parseTable } from '../../../api/src/domain/imports/parse.js';
import { checkMapping, ColumnMappingSchema, runPipeline, suggestMapping } from '../../../api/src/domain/imports/pipeline.js';

const read = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/imports', name));
const fixture = JSON.parse(read('communes-ref.json').toString('utf8')) as { communes: CommuneRef[]; history: { oldCode: string; newCode: string }[] };
const ref = buildReference(fixture.communes, fixture.history);
const table = (name: string, sheet?: string) => parseTable(name, new Uint8Array(read(name)), { sheet });

describe('runPipeline on the bad-rows fixture', () => {
  const mapping = ColumnMappingSchema.parse({ key: 'id', name: 'nom', communeCode: 'insee', postcode: 'cp', city: 'ville', lon: 'lon', lat: 'lat', measures: [{ column: 'ca' }] });

  it('accepts 4 rows and rejects 7, each with its row number, field and exact reason', async () => {
    const { rows } = await table('bad-rows.csv');
    const result = runPipeline(rows, mapping, ref);
    expect(rows).toHaveLength(11);
    expect(result.rejected).toEqual([
      { row: 3, key: 'K2', errors: [{ field: 'insee', reason: 'code commune 99999 inconnu (COG 2026 et son historique)' }] },
      { row: 4, key: 'K3', errors: [{ field: 'ville', reason: 'le code postal 35000 ne correspond pas à la ville « Brest » (communes de ce code postal : Rennes)' }] },
      { row: 5, key: 'K4', errors: [{ field: 'lat', reason: 'latitude et longitude semblent inversées (-1.6778, 48.1173 tomberait en France) : échangez les deux colonnes' }] },
      { row: 6, key: 'K5', errors: [{ field: 'lon', reason: '351000, 6789000 ressemblent à des mètres Lambert-93, pas à des degrés : associez ces colonnes à X/Y Lambert-93' }] },
      { row: 7, key: null, errors: [{ field: 'id', reason: 'clé vide : chaque ligne doit avoir un identifiant' }] },
      { row: 8, key: 'K1', errors: [{ field: 'id', reason: 'clé K1 en double (déjà vue ligne 2 ; cette ligne-là est gardée)' }] },
      { row: 9, key: 'K8', errors: [{ field: 'ca', reason: "« abc » n'est pas un nombre" }] },
    ]);
    expect(result.duplicateKeys).toEqual([{ key: 'K1', rows: [2, 8] }]);
    expect(result.accepted.map((r) => [r.row, r.key, r.communeCode, r.precision, r.via])).toEqual([
      [2, 'K1', '35238', 'commune', 'commune_code'],
      [10, 'K9', null, 'coordinates', 'coordinates'], // at sea: only the database's commune polygons can tell (rejected there)
      [11, 'K10', '74010', 'commune', 'old_commune_code'],
      [12, 'K11', '01004', 'commune', 'commune_code'],
    ]);
    expect(result.accepted[0]).toMatchObject({ name: 'Bon', measures: { ca: 100 }, lon: -1.681447, lat: 48.115855 });
  });

  it('reports every error of a row, not only the first', () => {
    const result = runPipeline([{ __row: 2, id: '', nom: 'x', insee: '99999', cp: '', ville: '', lon: '', lat: '', ca: 'douze' }], mapping, ref);
    expect(result.rejected[0].errors.map((e) => e.field)).toEqual(['id', 'ca', 'insee']);
  });
});

describe('runPipeline on the other fixtures', () => {
  it('locates the Windows-1252 file by postcode + city, with French decimals and dates', async () => {
    const { rows } = await table('windows1252-semicolon.csv');
    const mapping = ColumnMappingSchema.parse({ key: 'code client', name: 'raison sociale', postcode: 'code postal', city: 'ville', date: 'date', measures: [{ column: 'CA annuel', name: 'ca', unit: 'EUR' }] });
    const result = runPipeline(rows, mapping, ref);
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((r) => [r.key, r.communeCode, r.via, r.measures.ca, r.date])).toEqual([
      ['W1', '42218', 'postcode_city', 12500.75, '2024-03-01'],
      ['W2', '35238', 'postcode_city', 8000.5, '2024-02-15'],
      ['W3', '75056', 'postcode_city', 1234.5, '2024-02-15'],
      ['W4', '01015', 'postcode_city', 100, '2023-12-31'],
    ]);
    expect(result.accepted[1].name).toBe('Cabinet "Les Tilleuls"\nBâtiment B');
  });

  it('projects the XLSX Lambert-93 columns and keeps a category measure as text', async () => {
    const { rows } = await table('two-sheets.xlsx', 'Clients');
    const mapping = ColumnMappingSchema.parse({ key: 'ID', x: 'X_L93', y: 'Y_L93', date: 'Date', measures: [{ column: 'Segment', type: 'category' }] });
    const result = runPipeline(rows, mapping, ref);
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((r) => [r.key, r.via, r.precision, r.measures.Segment, r.date])).toEqual([
      ['X1', 'lambert93', 'coordinates', 'A', '2024-01-15'],
      ['X2', 'lambert93', 'coordinates', 'B', '2024-02-01'],
      ['X3', 'lambert93', 'coordinates', 'A', '2024-03-01'],
    ]);
    // X1 is 351,900 / 6,789,300 m: about 100 m from Rennes' point (351,827 / 6,789,822 m by PostGIS) → same neighbourhood.
    expect(result.accepted[0].lon).toBeCloseTo(-1.6805, 3);
    expect(result.accepted[0].lat).toBeCloseTo(48.1111, 3);
  });

  it('rejects the GeoJSON polygon and keeps the two points', async () => {
    const { rows } = await table('points.geojson');
    const result = runPipeline(rows, ColumnMappingSchema.parse({ key: 'ref', lon: 'longitude', lat: 'latitude', measures: [{ column: 'visits' }] }), ref);
    expect(result.accepted.map((r) => r.key)).toEqual(['G1', 'G2']);
    expect(result.rejected).toEqual([{ row: 3, key: 'G3', errors: [{ field: 'géométrie', reason: 'géométrie Polygon : seuls les points sont importés' }, { field: 'longitude', reason: 'aucune localisation : indiquez des coordonnées, un code commune ou un code postal' }] }]);
  });
});

describe('mapping', () => {
  it('names missing columns and incomplete coordinate pairs', () => {
    const columns = ['id', 'lon', 'code_insee'];
    expect(checkMapping(ColumnMappingSchema.parse({ key: 'ident', lon: 'lon', communeCode: 'code_insee' }), columns)).toEqual([
      'identifiant (clé) : pas de colonne « ident » dans le fichier (colonnes : id, lon, code_insee)',
      'associez la longitude et la latitude, ou aucune des deux',
    ]);
    expect(checkMapping(ColumnMappingSchema.parse({ key: 'id' }), columns)).toEqual(['associez une localisation : longitude/latitude, X/Y Lambert-93, un code commune ou un code postal']);
    expect(() => ColumnMappingSchema.parse({ key: '' })).toThrow(/identifiant/);
  });

  it('suggests a mapping from French CRM headers', async () => {
    const { columns } = await table('windows1252-semicolon.csv');
    expect(suggestMapping(columns)).toMatchObject({ key: 'code client', name: 'raison sociale', postcode: 'code postal', city: 'ville', date: 'date' });
    expect(suggestMapping(['ID', 'Nom', 'X_L93', 'Y_L93', 'Segment'])).toMatchObject({ key: 'ID', name: 'Nom', x: 'X_L93', y: 'Y_L93', category: 'Segment' });
  });
});
