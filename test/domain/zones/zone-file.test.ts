import { describe, expect, it } from 'vitest';
import { parseZoneFile } from '../../../api/src/domain/zones/zone-file.js';

describe('parseZoneFile', () => {
  it('reads a CSV with a flexible header, `;` or `,`, grouping rows by zone', () => {
    const r = parseZoneFile('\ufeffCode INSEE;Secteur\r\n48095;Lozère\r\n48061;Lozère\r\n35238;Rennes\r\n', 'secteurs.csv');
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { row: 2, zone: 'Lozère', inputs: ['48095', '48061'], inputRows: [2, 3] },
      { row: 4, zone: 'Rennes', inputs: ['35238'], inputRows: [4] },
    ]);
    const comma = parseZoneFile('zone,code_commune\nA,48095\n', 'x.csv');
    expect(comma.entries).toEqual([{ row: 2, zone: 'A', inputs: ['48095'], inputRows: [2] }]);
    const headless = parseZoneFile('48095;A\n35238;B\n', 'x.csv');
    expect(headless.entries.map((e) => e.zone)).toEqual(['A', 'B']);
  });

  it('reports each bad row with its line number and field, in French', () => {
    const r = parseZoneFile('code_commune;zone\n48095;\n;Nord\n35238;Rennes\n', 'x.csv');
    expect(r.errors).toEqual([
      { row: 2, field: 'zone', reason: 'Nom de zone manquant.' },
      { row: 3, field: 'code_commune', reason: 'Code commune manquant.' },
    ]);
  });

  it('reads a GeoJSON FeatureCollection: polygons named by a property, commune lists from our exports', () => {
    const square = { type: 'Polygon', coordinates: [[[3, 44], [3.1, 44], [3.1, 44.1], [3, 44]]] };
    const r = parseZoneFile(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { nom: 'Carré' }, geometry: square },
        { type: 'Feature', properties: { name: 'Export', communeCodes: ['48095'] }, geometry: square },
        { type: 'Feature', properties: { name: 'Point' }, geometry: { type: 'Point', coordinates: [3, 44] } },
        { type: 'Feature', properties: {}, geometry: square },
      ],
    }), 'zones.geojson');
    expect(r.format).toBe('geojson');
    expect(r.entries).toEqual([
      { row: 1, zone: 'Carré', polygon: square },
      { row: 2, zone: 'Export', inputs: ['48095'], weights: undefined },
    ]);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, 'geometry'], [4, 'name']]);
  });
});
