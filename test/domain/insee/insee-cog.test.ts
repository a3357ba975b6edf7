import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { resolveCommuneCode, type CogEntry } from '../../../api/src/domain/territory/cog.js';
import { parseComparateur, parseFilosofi, type FilosofiCells } from '../../../api/src/domain/territory/insee-parse.js';
import { groupOntoCog, combineComparateur, combineFilosofi, unemploymentRatePct } from '../../../api/src/domain/territory/insee-cog.js';
import { SHARED, hasShared, readCsv } from './fixtures.js';

const cog = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogEntry[];
const arrondissements = new Set(cog.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.code));
const resolve = (code: string) => resolveCommuneCode(cog, code);

describe('combining merged communes (pure)', () => {
  const part = (median: number | null, persons: number | null, poverty: number | null): FilosofiCells => ({
    fiscalHouseholds2021: persons === null ? null : persons / 2, fiscalPersons2021: persons, medianIncomeEur2021: median,
    povertyRatePct2021: poverty, d1Eur2021: median === null ? null : median / 2, d9Eur2021: median === null ? null : median * 2,
  });

  it('weights medians by fiscal persons, recomputes the poverty rate, flags the median approximate', () => {
    const c = combineFilosofi([part(20000, 300, 10), part(30000, 100, 30)]);
    expect(c.medianIncomeEur2021).toBe(22500); // (20000×300 + 30000×100) / 400
    expect(c.povertyRatePct2021).toBe(15); // (30 + 30 poor persons) / 400
    expect(c.fiscalPersons2021).toBe(400);
    expect(c.medianApproximate).toBe(true);
    expect(c.status).toBe('ok');
  });

  it('a secret part makes the merged cell NULL (never 0, never a partial figure)', () => {
    const c = combineFilosofi([part(20000, 300, null), part(null, null, null)]);
    expect(c.medianIncomeEur2021).toBeNull();
    expect(c.fiscalPersons2021).toBeNull();
    expect(c.povertyRatePct2021).toBeNull();
    expect(c.status).toBe('secret');
  });

  it('a single commune keeps its exact median', () => {
    const c = combineFilosofi([part(21000, 50, null)]);
    expect(c).toMatchObject({ medianIncomeEur2021: 21000, povertyRatePct2021: null, medianApproximate: false, status: 'ok' });
  });

  it('a count missing in one part is NULL for the merged commune', () => {
    const base = { population2021: 10, population2015: 9, households2021: 4, births2022: 1, deaths2022: 0, pop15642021: 6, active15642021: 5, unemployed15642021: 1 };
    expect(combineComparateur([base, { ...base, households2021: null }]).households2021).toBeNull();
    expect(combineComparateur([base, base]).population2021).toBe(20);
  });

  it('a code resolving to several communes or to none is unmatched', () => {
    const g = groupOntoCog(['a', 'b', 'c', 'd'], (c) => ({ a: ['X'], b: ['X'], c: ['Y', 'Z'], d: [] } as Record<string, string[]>)[c]);
    expect([...g.groups]).toEqual([['X', ['a', 'b']]]);
    expect(g.unmatched).toEqual(['c', 'd']);
  });
});

describe.skipIf(!hasShared)('comparateur 2021 and Filosofi 2021 on COG 2026 (real files, ../shared/data)', () => {
  const comp = hasShared ? parseComparateur(readCsv(join(SHARED, 'insee/comparateur-communes-2021.csv.gz'))) : null!;
  const filo = hasShared ? parseFilosofi(readCsv(join(SHARED, 'insee/filosofi-2021-communes.csv.gz'), ';'), (c) => arrondissements.has(c)) : null!;
  const compGroups = hasShared ? groupOntoCog(comp.entries.keys(), resolve).groups : null!;
  const filoGroups = hasShared ? groupOntoCog(filo.communes.keys(), resolve).groups : null!;

  it('deduplicates the one-row-per-postcode file and skips communes déléguées', () => {
    expect(comp.entries.size).toBe(34931 + 45); // unique COM + ARM
    expect(comp.delegatedRowsSkipped).toBeGreaterThan(573); // COMD repeat per postcode too
    expect([...comp.entries.values()].some((e) => (e.type as string) === 'COMD')).toBe(false);
  });

  it('Rennes 35238: population 2021 225,081 and Filosofi median 22,770 €', () => {
    expect(combineComparateur(compGroups.get('35238')!.map((c) => comp.entries.get(c)!.counts)).population2021).toBe(225081);
    expect(combineFilosofi(filoGroups.get('35238')!.map((c) => filo.communes.get(c)!)).medianIncomeEur2021).toBe(22770);
  });

  it('Paris 75056 is the sum of its 20 arrondissements (the comparateur has no whole-Paris row)', () => {
    const parts = compGroups.get('75056')!;
    expect(parts).toHaveLength(20);
    expect(parts.every((p) => arrondissements.has(p))).toBe(true);
    expect(combineComparateur(parts.map((c) => comp.entries.get(c)!.counts)).population2021).toBe(2133111); // = arrondissement 751 in the RP
  });

  it('01187 Haut Valromey absorbed 01330 Ruffieu after COG 2024: counts summed, unemployment rate recomputed, median weighted', () => {
    expect(compGroups.get('01187')).toEqual(['01187', '01330']);
    const merged = combineComparateur(compGroups.get('01187')!.map((c) => comp.entries.get(c)!.counts));
    // Source rows: 01187 pop 609, active 286, unemployed 23; 01330 pop 177, active 74, unemployed 7.
    expect(merged).toMatchObject({ population2021: 786, population2015: 875, households2021: 394, active15642021: 360, unemployed15642021: 30 });
    expect(unemploymentRatePct(merged)).toBeCloseTo((100 * 30) / 360, 10); // 8.33 %, not the mean of 8.04 % and 9.46 %
    const f = combineFilosofi(filoGroups.get('01187')!.map((c) => filo.communes.get(c)!));
    // 01187 MED21 23,000 € for 645 persons; 01330 21,390 € for 160 persons.
    expect(f.medianIncomeEur2021).toBeCloseTo((23000 * 645 + 21390 * 160) / 805, 6);
    expect(f).toMatchObject({ fiscalHouseholds2021: 400, fiscalPersons2021: 805, medianApproximate: true, povertyRatePct2021: null });
  });

  it('keeps Filosofi secret cells NULL, never 0', () => {
    const ab = filo.communes.get('01001')!; // L'Abergement-Clémenciat: median published, poverty rate and deciles secret
    expect(ab.medianIncomeEur2021).toBe(25820);
    expect(ab.povertyRatePct2021).toBeNull();
    expect(ab.d1Eur2021).toBeNull();
    const secretMedians = [...filo.communes.values()].filter((c) => c.medianIncomeEur2021 === null);
    expect(secretMedians.length).toBeGreaterThan(3500);
    expect([...filo.communes.values()].some((c) => c.medianIncomeEur2021 === 0)).toBe(false);
  });

  it("blanks Mayotte's census zeros (missing, not 0) but keeps its births and deaths", () => {
    const acoua = comp.entries.get('97601')!;
    expect(acoua.censusMissing).toBe(true);
    expect(acoua.counts.population2021).toBeNull();
    expect(acoua.counts.births2022).toBe(163);
    expect(comp.censusMissingCodes).toHaveLength(17);
  });

  it('every COG 2024 code of both files maps onto exactly one COG 2026 commune', () => {
    expect(groupOntoCog(comp.entries.keys(), resolve).unmatched).toEqual([]);
    expect(groupOntoCog(filo.communes.keys(), resolve).unmatched).toEqual([]);
  });
});
