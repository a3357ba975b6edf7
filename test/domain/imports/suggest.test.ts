import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suggestMeasures } from '../../../api/src/domain/imports/suggest.js';
import { parseTable } from '../../../api/src/domain/imports/parse.js';
import { suggestMapping } from '../../../api/src/domain/imports/pipeline.js';

describe('suggestMeasures', () => {
  it('proposes the obvious numeric columns, typed, with a unit guessed from the name', () => {
    const rows = [
      { __row: 2, id: 'A1', insee: '35238', cp: '35000', ca_2025: '12 500,50', visites: '12', taux_remise: '3,5', segment: 'or', tel: '0299000000' },
      { __row: 3, id: 'A2', insee: '29019', cp: '29200', ca_2025: '8000', visites: '7', taux_remise: '', segment: 'argent', tel: '0298000000' },
      { __row: 4, id: 'A3', insee: '01004', cp: '01500', ca_2025: 'n.c.', visites: '0', taux_remise: '1', segment: 'or', tel: '0474000000' },
      { __row: 5, id: 'A4', insee: '48095', cp: '48000', ca_2025: '450', visites: '3', taux_remise: '2', segment: 'or', tel: '0466000000' },
      { __row: 6, id: 'A5', insee: '75056', cp: '75011', ca_2025: '99,9', visites: '1', taux_remise: '0', segment: 'or', tel: '0144000000' },
    ];
    const columns = Object.keys(rows[0]).filter((c) => c !== '__row');
    expect(suggestMeasures(columns, rows, ['id', 'insee'])).toEqual([
      { column: 'ca_2025', name: 'ca_2025', type: 'number', numberKind: 'decimal', unit: '€' }, // 4 of 5 numbers: "n.c." is one bad row, reported at import
      { column: 'visites', name: 'visites', type: 'number', numberKind: 'integer', unit: '' },
      { column: 'taux_remise', name: 'taux_remise', type: 'number', numberKind: 'decimal', unit: '%' },
    ]);
  });

  it('suggests ca_eur (€, decimal) and visites (integer) for the clean fixture, never its codes', async () => {
    const table = await parseTable('clean.csv', new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/imports/clean.csv'))));
    const mapped = Object.values(suggestMapping(table.columns)).filter((v): v is string => typeof v === 'string');
    expect(suggestMeasures(table.columns, table.rows, mapped)).toEqual([
      { column: 'ca_eur', name: 'ca_eur', type: 'number', numberKind: 'decimal', unit: '€' },
      { column: 'visites', name: 'visites', type: 'number', numberKind: 'integer', unit: '' },
    ]);
  });
});
