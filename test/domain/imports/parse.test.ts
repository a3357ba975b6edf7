import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeText } from '../../../api/src/domain/imports/decode.js';
import { detectFormat, openRows, parseCsv, parseTable, FileFormatError } from '../../../api/src/domain/imports/parse.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/imports', name)));
const values = (rows: Record<string, unknown>[]) => rows.map(({ __row, ...rest }) => rest);

describe('decodeText', () => {
  it('detects Windows-1252 when the bytes are not valid UTF-8 (Excel’s French default)', () => {
    const { text, encoding, hadBom } = decodeText(fixture('windows1252-semicolon.csv'));
    expect(encoding).toBe('windows-1252');
    expect(hadBom).toBe(false);
    expect(text).toContain(`W1;"Pharmacie de l'Église";42000;Saint-Étienne`);
    expect(text).toContain('Œuf'); // 0x8C: only in Windows-1252, not in ISO-8859-1
  });

  it('strips a UTF-8 BOM and keeps UTF-8 text as is', () => {
    const { text, encoding, hadBom } = decodeText(fixture('utf8-bom.csv'));
    expect({ encoding, hadBom }).toEqual({ encoding: 'utf-8', hadBom: true });
    expect(text.startsWith('id,lon,lat,nom')).toBe(true);
    expect(text).toContain('Hôtel');
  });

  it('refuses a forced UTF-8 on Windows-1252 bytes with a message saying what to do', () => {
    expect(() => decodeText(iconv.encode('Église', 'win1252'), 'utf-8')).toThrow(/réenregistrez-le en « CSV UTF-8 » ou choisissez l'encodage Windows-1252/);
  });
});

describe('parseTable', () => {
  it('reads a clean comma CSV: columns, 10 rows, row numbers as a spreadsheet shows them', async () => {
    const t = await parseTable('clean.csv', fixture('clean.csv'));
    expect(t).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(t.columns).toEqual(['id', 'nom', 'categorie', 'code_insee', 'ca_eur', 'visites']);
    expect(t.rows).toHaveLength(10);
    expect(t.rows[0]).toEqual({ __row: 2, id: 'C001', nom: 'Pharmacie du Centre', categorie: 'pharmacie', code_insee: '48095', ca_eur: '125000.5', visites: '12' });
    expect(t.rows[9].__row).toBe(11);
  });

  it('reads a Windows-1252 ";" CSV with CRLF, doubled quotes and a quoted newline', async () => {
    const t = await parseTable('w.csv', fixture('windows1252-semicolon.csv'));
    expect(t).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(t.columns).toEqual(['code client', 'raison sociale', 'code postal', 'ville', 'CA annuel', 'date']);
    expect(values(t.rows)).toEqual([
      { 'code client': 'W1', 'raison sociale': "Pharmacie de l'Église", 'code postal': '42000', ville: 'Saint-Étienne', 'CA annuel': '12 500,75', date: '01/03/2024' },
      { 'code client': 'W2', 'raison sociale': 'Cabinet "Les Tilleuls"\nBâtiment B', 'code postal': '35000', ville: 'Rennes', 'CA annuel': '8 000,5', date: '2024-02-15' },
      { 'code client': 'W3', 'raison sociale': 'Officine Élysée', 'code postal': '75008', ville: 'Paris', 'CA annuel': '1 234,5', date: '15/02/2024' },
      { 'code client': 'W4', 'raison sociale': 'Pharmacie Œuf', 'code postal': '01300', ville: 'Arboys en Bugey', 'CA annuel': '100', date: '31/12/2023' },
    ]);
    expect(t.rows.map((r) => r.__row)).toEqual([2, 3, 4, 5]); // the quoted newline does not shift the next rows
  });

  it('reads a BOM CSV whose quoted cell holds the delimiter', async () => {
    const t = await parseTable('b.csv', fixture('utf8-bom.csv'));
    expect(t.columns).toEqual(['id', 'lon', 'lat', 'nom']); // no "\ufeffid"
    expect(t.rows[0].nom).toBe('Rennes, place de la Mairie');
  });

  it('sniffs the delimiter from the header (";" wins over "," inside values)', () => {
    const t = parseCsv(new TextEncoder().encode('a;b;c\n"1,5";2,5;x\n'));
    expect(t.delimiter).toBe(';');
    expect(values(t.rows)).toEqual([{ a: '1,5', b: '2,5', c: 'x' }]);
  });

  it('names blank and repeated headers so no column is lost', () => {
    const t = parseCsv(new TextEncoder().encode('id,,id\n1,2,3\n'));
    expect(t.columns).toEqual(['id', 'column_2', 'id_2']);
  });

  it('fails with the row number on an unclosed quote, and on an empty file', () => {
    expect(() => parseCsv(new TextEncoder().encode('a,b\n1,"oops\n2,3\n'))).toThrow(FileFormatError);
    expect(() => parseCsv(new Uint8Array())).toThrow(/vide/);
  });

  it('reads the chosen sheet of an XLSX, the first one by default, and lists the sheets', async () => {
    const clients = await parseTable('two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Clients' });
    expect(clients).toMatchObject({ format: 'xlsx', sheet: 'Clients', sheets: ['Notes', 'Clients'] });
    expect(clients.columns).toEqual(['ID', 'Nom', 'X_L93', 'Y_L93', 'Segment', 'Date']);
    expect(clients.rows).toHaveLength(3);
    expect(clients.rows[0]).toMatchObject({ __row: 2, ID: 'X1', X_L93: 351900, Y_L93: 6789300, Segment: 'A' });
    expect((clients.rows[0].Date as Date).toISOString().slice(0, 10)).toBe('2024-01-15');
    const first = await parseTable('two-sheets.xlsx', fixture('two-sheets.xlsx'));
    expect(first.sheet).toBe('Notes');
    await expect(parseTable('two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Ventes' })).rejects.toThrow(/pas de feuille « Ventes ».*Notes, Clients/);
  });

  it('reads GeoJSON points as longitude/latitude columns and flags other geometries', async () => {
    const t = await parseTable('points.geojson', fixture('points.geojson'));
    expect(t.format).toBe('geojson');
    expect(t.columns).toEqual(['ref', 'label', 'visits', 'longitude', 'latitude']);
    expect(t.rows[0]).toMatchObject({ ref: 'G1', longitude: 3.4993, latitude: 44.5181 });
    expect(t.rows[2].__geometryError).toBe('géométrie Polygon : seuls les points sont importés');
    await expect(parseTable('x.geojson', new TextEncoder().encode('{"type":"Feature"}'))).rejects.toThrow(/FeatureCollection/);
  });

  it('detects the format by extension, then by the zip signature', () => {
    expect(detectFormat('a.XLSX', new Uint8Array())).toBe('xlsx');
    expect(detectFormat('export', fixture('two-sheets.xlsx'))).toBe('xlsx');
    expect(detectFormat('a.json', new Uint8Array())).toBe('geojson');
    expect(detectFormat('a.txt', fixture('clean.csv'))).toBe('csv');
  });
});

describe('openRows (streaming reads for imports)', () => {
  const all = async (source: Awaited<ReturnType<typeof openRows>>, size: number) => {
    const batches: Record<string, unknown>[][] = [];
    for await (const b of source.batches(size)) batches.push(b);
    return batches;
  };

  it('gives the same rows as the whole-file parse, in batches, for every fixture', async () => {
    for (const [name, sheet] of [['clean.csv'], ['windows1252-semicolon.csv'], ['utf8-bom.csv'], ['two-sheets.xlsx', 'Clients'], ['two-sheets.xlsx'], ['points.geojson']] as const) {
      const whole = await parseTable(name, fixture(name), { sheet });
      const source = await openRows(name, fixture(name), { sheet });
      expect(source.columns, name).toEqual(whole.columns);
      expect(source.sheet, name).toEqual(whole.sheet);
      const batches = await all(source, 3);
      expect(batches.flat(), name).toEqual(whole.rows);
      expect(batches.slice(0, -1).every((b) => b.length === 3), name).toBe(true);
    }
  });

  it('streams a chosen XLSX sheet after skipping the others, and names the sheets when it is missing', async () => {
    const source = await openRows('two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Clients' });
    expect(source).toMatchObject({ format: 'xlsx', sheet: 'Clients', columns: ['ID', 'Nom', 'X_L93', 'Y_L93', 'Segment', 'Date'] });
    await expect(openRows('two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: 'Ventes' })).rejects.toThrow('pas de feuille « Ventes » dans le classeur ; feuilles : Notes, Clients');
  });
});
