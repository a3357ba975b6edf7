import { describe, expect, it } from 'vitest';
import { COMMUNE_CODE_ANY_CASE_RE, isCommuneCode, isDepartementCode } from '../../../api/src/domain/territory/codes.js';
import { parseCommuneName } from '../../../api/src/domain/territory/commune-names.js';

describe('COG code rule', () => {
  it('accepts commune codes of mainland, Corsica, overseas départements and collectivities', () => {
    for (const code of ['01001', '48095', '2A004', '2B033', '97411', '97611', '97701', '98735']) expect(isCommuneCode(code), code).toBe(true);
    for (const code of ['1001', '480950', '2a004', '2C004', 'ABCDE', '48 095', '']) expect(isCommuneCode(code), code).toBe(false);
    expect(COMMUNE_CODE_ANY_CASE_RE.test('2a004')).toBe(true);
  });

  it('accepts département codes, overseas ones included, and nothing else', () => {
    for (const code of ['01', '35', '2A', '2B', '95', '971', '974', '976', '975', '977', '978', '984', '986', '988', '989']) expect(isDepartementCode(code), code).toBe(true);
    for (const code of ['7', '2C', '2a', '970', '979', '980', '985', '123', '035', '']) expect(isDepartementCode(code), code).toBe(false);
  });

  it('reads "(2a)" and "(977)" after a commune name as département codes', () => {
    expect(parseCommuneName('Ajaccio (2a)').departement).toBe('2A');
    expect(parseCommuneName('Gustavia (977)').departement).toBe('977');
    expect(parseCommuneName('Saint-Denis (Seine-Saint-Denis)').departement).toBe('seine saint denis');
  });
});
