import { expect, it, describe } from 'vitest';
import { createRequire } from 'node:module';
import { resolveCommuneCode, type CogEntry } from '../../api/src/domain/territory/cog.js';
import { normalizeSearchText } from '../../api/src/domain/territory/search-text.js';
import { parseBbox, tileBbox } from '../../api/src/domain/territory/bbox.js';

const cog = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogEntry[];

describe('resolveCommuneCode', () => {
  it('keeps current codes, maps merged, delegated and arrondissement codes to today\'s commune', () => {
    expect(resolveCommuneCode(cog, '48095')).toEqual(['48095']);
    expect(resolveCommuneCode(cog, '74011')).toEqual(['74010']); // Annecy-le-Vieux → Annecy
    expect(resolveCommuneCode(cog, '75111')).toEqual(['75056']); // Paris 11e → Paris
    expect(resolveCommuneCode(cog, '2a004')).toEqual(['2A004']);
    expect(resolveCommuneCode(cog, '99999')).toEqual([]);
  });
});

describe('normalizeSearchText', () => {
  it('folds accents, case, punctuation and saint abbreviations', () => {
    expect(normalizeSearchText("Saint-Étienne")).toBe('saint etienne');
    expect(normalizeSearchText('ST ETIENNE')).toBe('saint etienne');
    expect(normalizeSearchText("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(normalizeSearchText('Œuilly')).toBe('oeuilly');
  });
});

describe('bbox', () => {
  it('parses and validates', () => {
    expect(parseBbox('1,2,3,4')).toEqual([1, 2, 3, 4]);
    expect(parseBbox('3,2,1,4')).toMatch(/l’ouest doit être inférieur à l’est/);
    expect(parseBbox('650000,6800000,660000,6810000')).toMatch(/Lambert-93/);
  });
  it('computes tile bounds', () => {
    const [w, s, e, n] = tileBbox(0, 0, 0);
    expect([w, e]).toEqual([-180, 180]);
    expect(n).toBeCloseTo(85.0511, 3);
    expect(s).toBeCloseTo(-85.0511, 3);
  });
});
