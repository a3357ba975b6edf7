import { describe, expect, it } from 'vitest';
import { csvCell, csvDecimalOf, csvDocument, csvLines, csvRow, formatCsvNumber, provenanceCsvLines, type CsvColumn } from '../../../api/src/domain/export/csv.js';

describe('the one CSV writer', () => {
  it('writes numbers with a decimal comma by default, a point on request, no exponent nor thousands separator', () => {
    expect(formatCsvNumber(12.5)).toBe('12,5');
    expect(formatCsvNumber(12.5, { decimal: 'point' })).toBe('12.5');
    expect(formatCsvNumber(1234567.891)).toBe('1234567,891');
    expect(formatCsvNumber(1e-7)).toBe('0');
    expect(formatCsvNumber(-0.0000001)).toBe('0');
    expect(formatCsvNumber(2e21)).toBe('2000000000000000000000');
    expect(formatCsvNumber(1 / 3, { maxDecimals: 2 })).toBe('0,33');
    expect(formatCsvNumber(-4.25)).toBe('-4,25');
    expect(formatCsvNumber(Number.NaN)).toBe('');
    expect(csvDecimalOf('point')).toBe('point');
    expect(csvDecimalOf(undefined)).toBe('comma');
    expect(csvDecimalOf('virgule')).toBe('comma');
  });

  it('separates with `;`, quotes cells holding `;`, quotes or line breaks', () => {
    expect(csvRow(['a', 'b;c', 'd"e', 'f\ng', 1.5, null, undefined, true, false])).toBe('a;"b;c";"d""e";"f\ng";1,5;;;oui;non');
    expect(csvRow([1.5, 'x'], { decimal: 'point' })).toBe('1.5;x');
  });

  it('neutralises cells a spreadsheet would run as a formula (=, +, -, @, tab), never a negative number', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+33 6 12 34 56 78')).toBe("'+33 6 12 34 56 78");
    expect(csvCell('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-12.5)).toBe('-12,5');
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('-12,5')).toBe('-12,5');
    expect(csvCell('-1.55,47.21')).toBe('-1.55,47.21'); // coordinates "lon,lat": only digits and separators
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes provenance first as `# ` lines, the French heading, an optional machine-name row, then rows; BOM and CRLF', () => {
    interface R { code: string; pop: number; share: number | null }
    const columns: CsvColumn<R>[] = [
      { header: 'Code commune', key: 'commune_code', value: (r) => r.code },
      { header: 'Population', key: 'population_count', value: (r) => r.pop },
      { header: 'Part (%)', key: 'share_pct', value: (r) => r.share },
    ];
    const rows: R[] = [{ code: '2A004', pop: 70_000, share: 12.25 }, { code: '35238', pop: 225_081, share: null }];
    const provenance = provenanceCsvLines(['Maillage — couche « CRM »', 'ligne\r\ncoupée']);
    expect(provenance).toEqual(['# Maillage — couche « CRM »', '# ligne coupée']);
    const text = csvDocument(csvLines({ provenance: ['Maillage — essai', 'source : test'], columns, rows, machineNames: true }));
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      '# Maillage — essai',
      '# source : test',
      'Code commune;Population;Part (%)',
      'commune_code;population_count;share_pct',
      '2A004;70000;12,25',
      '35238;225081;',
      '',
    ]);
    const point = csvDocument(csvLines({ provenance: [], columns, rows, options: { decimal: 'point' } })).slice(1).split('\r\n');
    expect(point).toEqual(['Code commune;Population;Part (%)', '2A004;70000;12.25', '35238;225081;', '']);
  });
});
