import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NUTS3_TO_DEPARTEMENT, NUTS_VERSION, departementEconomyRows, parseEurostat } from '../../../api/src/domain/territory/insee-eurostat.js';
import { ARTIFACTS, SHARED, hasShared, readCsv } from './fixtures.js';

describe('NUTS 2016 level 3 → département', () => {
  it('has 101 entries, one per département', () => {
    expect(Object.keys(NUTS3_TO_DEPARTEMENT)).toHaveLength(101);
    expect(new Set(Object.values(NUTS3_TO_DEPARTEMENT)).size).toBe(101);
    expect(NUTS_VERSION).toBe('NUTS 2016');
  });

  it('maps known codes', () => {
    expect(NUTS3_TO_DEPARTEMENT.FR101).toBe('75');
    expect(NUTS3_TO_DEPARTEMENT.FRH03).toBe('35');
    expect(NUTS3_TO_DEPARTEMENT.FRY50).toBe('976');
    expect(NUTS3_TO_DEPARTEMENT.FRM01).toBe('2A');
    expect(NUTS3_TO_DEPARTEMENT.FRM02).toBe('2B');
    expect(NUTS3_TO_DEPARTEMENT.FRK26).toBe('69');
    expect(NUTS3_TO_DEPARTEMENT.FRE21).toBe('02');
  });

  it('computes GDP per inhabitant and keeps a missing value NULL', () => {
    const rows = departementEconomyRows([{ geo: 'FR101', year: 2019, value: 200, flag: 'p' }, { geo: 'FRH03', year: 2019, value: null, flag: '' }],
      [{ geo: 'FR101', year: 2019, value: 2_000_000, flag: '' }, { geo: 'FRH03', year: 2019, value: 1_000, flag: '' }], 2019, 2019);
    expect(rows).toEqual([
      { departementCode: '35', nutsCode: 'FRH03', nutsVersion: 'NUTS 2016', year: 2019, gdpMeur: null, populationCount: 1000, gdpPerInhabitantEur: null },
      { departementCode: '75', nutsCode: 'FR101', nutsVersion: 'NUTS 2016', year: 2019, gdpMeur: 200, populationCount: 2_000_000, gdpPerInhabitantEur: 100 },
    ]);
  });
});

describe.skipIf(!hasShared)('Eurostat extracts (real files)', () => {
  const gdp = hasShared ? parseEurostat(readCsv(join(SHARED, 'eurostat/nama_10r_3gdp-FR.csv'))) : [];
  const pop = hasShared ? parseEurostat(readCsv(join(SHARED, 'eurostat/demo_r_pjanaggr3-FR.csv'))) : [];

  it('FR101 Paris 2019 GDP 251,623.58 M€ (provisional)', () => {
    expect(gdp.find((o) => o.geo === 'FR101' && o.year === 2019)).toEqual({ geo: 'FR101', year: 2019, value: 251623.58, flag: 'p' });
  });

  it('every French NUTS-3 code of the file has a département, and its population matches INSEE within 10 %', () => {
    const nuts3 = new Set(gdp.map((o) => o.geo).filter((g) => g.length === 5 && g !== 'FRZZZ'));
    expect(nuts3.size).toBe(101);
    for (const g of nuts3) expect(NUTS3_TO_DEPARTEMENT[g]).toBeDefined();
    const insee = new Map(readCsv(join(SHARED, 'insee/estim-pop-dep-sexe-aq-1975-2022.csv.gz')).filter((r) => r.annee === '2020' && r.sexe === 'T').map((r) => [r.dep, Number(r.age_total)]));
    for (const r of departementEconomyRows(gdp, pop, 2020, 2020)) {
      expect(Math.abs(r.populationCount! / insee.get(r.departementCode)! - 1)).toBeLessThan(0.1);
    }
  });
});

describe('committed Eurostat artifact', () => {
  const rows = readCsv(join(ARTIFACTS, 'departement-economy-2015-2020.csv.gz'));
  it('holds 2015–2020 for 101 départements, Paris 2019 at 251,623.58 M€', () => {
    expect(rows).toHaveLength(606);
    const paris = rows.find((r) => r.departementCode === '75' && r.year === '2019')!;
    expect(Number(paris.gdpMeur)).toBe(251623.58);
    expect(Number(paris.gdpPerInhabitantEur)).toBeGreaterThan(100000);
  });
});
