import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AGE_BANDS, bandShares, bandsFromAreaRow, bandsFromQuinquennialRow, estimateCommuneBands, pickAgeShares } from '../../../api/src/domain/territory/insee-age.js';
import { ARTIFACTS, SHARED, hasShared, readCsv } from './fixtures.js';

describe('age band estimation (pure)', () => {
  it('scales the area shares to the commune population: bands sum to it', () => {
    const bands = estimateCommuneBands(bandShares([10, 20, 30, 40, 50, 40, 10])!, 1000);
    expect(bands.map((b) => b.band)).toEqual([...AGE_BANDS]);
    expect(bands[0].populationCount).toBeCloseTo(50, 10);
    expect(bands.reduce((a, b) => a + b.populationCount, 0)).toBeCloseTo(1000, 8);
  });

  it('falls back from bassin de vie to arrondissement to département', () => {
    const areas = { bassinDeVie: new Map([['B1', [1, 1, 1, 1, 1, 1, 1]]]), arrondissement: new Map([['A1', [2, 0, 0, 0, 0, 0, 0]]]), departement: new Map([['2A', [0, 0, 0, 0, 0, 0, 3]]]) };
    expect(pickAgeShares(areas, { bv: 'B1', arr: 'A1', dep: '2A' })!.level).toBe('bassin_de_vie');
    expect(pickAgeShares(areas, { bv: 'B9', arr: 'A1', dep: '2A' })).toEqual({ level: 'arrondissement', shares: [1, 0, 0, 0, 0, 0, 0] });
    expect(pickAgeShares(areas, { bv: null, arr: 'A9', dep: '2A' })!.level).toBe('departement');
    expect(pickAgeShares(areas, { bv: null, arr: null, dep: '975' })).toBeNull();
  });

  it('regroups quinquennial ages; 90+ from 90–94 + 95+ or from the 1990s "90 and over" column', () => {
    const row: Record<string, string> = {};
    for (const a of ['00_04', '05_09', '10_14', '15_19', '20_24', '25_29', '30_34', '35_39', '40_44', '45_49', '50_54', '55_59', '60_64', '65_69', '70_74', '75_79', '80_84', '85_89']) row[`age_${a}`] = '1';
    expect(bandsFromQuinquennialRow({ ...row, age_90_94: '2', age_95p: '1', age_90p: '' })).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(bandsFromQuinquennialRow({ ...row, age_90_94: '', age_95p: '', age_90p: '5' })[6]).toBe(5);
  });
});

describe.skipIf(!hasShared)('age sources (real files)', () => {
  it('Paris 2021 département estimate regrouped into the 7 bands sums to its total', () => {
    const row = readCsv(join(SHARED, 'insee/estim-pop-dep-sexe-aq-1975-2022.csv.gz')).find((r) => r.annee === '2021' && r.dep === '75' && r.sexe === 'T')!;
    expect(bandsFromQuinquennialRow(row).reduce((a, v) => a + v, 0)).toBe(Number(row.age_total));
  });

  it('BV 35238 (Rennes) bands sum to its pop_tot 399,544', () => {
    const row = readCsv(join(SHARED, 'insee/pop-age-2021-bv2022.csv')).find((r) => r.bv2022 === '35238')!;
    expect(bandsFromAreaRow(row).reduce((a, v) => a + v, 0)).toBeCloseTo(399544, 3);
  });
});

describe('committed age bands (data/insee/commune-age-bands-2021.csv.gz)', () => {
  const rows = readCsv(join(ARTIFACTS, 'commune-age-bands-2021.csv.gz'));
  const communes = new Map(readCsv(join(ARTIFACTS, 'commune-insee-2021.csv.gz')).map((r) => [r.communeCode, r]));
  const sum = (r: Record<string, string>) => ['b0_14', 'b15_29', 'b30_44', 'b45_59', 'b60_74', 'b75_89', 'b90p'].reduce((a, c) => a + Number(r[c]), 0);

  it('Rennes: estimated from its bassin de vie, bands sum to its 2021 population 225,081', () => {
    const r = rows.find((x) => x.communeCode === '35238')!;
    expect(r.sourceLevel).toBe('bassin_de_vie');
    expect(sum(r)).toBeCloseTo(225081, 1);
  });

  it('every commune with a 2021 population has bands summing to it (rounding to 1e-4 per band)', () => {
    let checked = 0;
    for (const r of rows) {
      const pop = communes.get(r.communeCode)?.population2021;
      if (!pop) continue;
      expect(Math.abs(sum(r) - Number(pop))).toBeLessThan(0.001);
      checked++;
    }
    expect(checked).toBeGreaterThan(34800);
  });

  it('Corsica and the DOM use the département level, 5 non-Corsican BV fall back to the arrondissement', () => {
    const level = (code: string) => rows.find((x) => x.communeCode === code)?.sourceLevel;
    expect(level('2A004')).toBe('departement'); // Ajaccio
    expect(level('97411')).toBe('departement'); // Saint-Denis (La Réunion)
    expect(level('97611')).toBe('departement'); // Mamoudzou (Mayotte: population légale stands in)
    expect(rows.filter((x) => x.sourceLevel === 'arrondissement').length).toBeGreaterThan(0);
  });
});
