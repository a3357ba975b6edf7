import { describe, expect, it } from 'vitest';
import { SECTORS as M, minutes, pct } from '../../web/src/features/sectors/messages';
import { balanceFigures, kpiRows, optimiseBody, otherVersions, paletteOf, sectorValues, tolerancePctOf, SECTOR_PALETTE, initialSectorsState } from '../../web/src/features/sectors/slice';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const sector = (o: Json) => ({
  key: 'E', name: 'Est', owner: 'Alice', colour: null, locked: false, communeCount: 3, workload: 27018, populationCount: 27018, areaKm2: 30.5,
  meanDurationSec: 301, maxDurationSec: 720, pieceCount: 1, contiguous: true, workloadDeviationRatio: 0.6, populationDeviationRatio: 0.6,
  base: { key: 'E', communeCode: '06104', reason: null }, ...o,
});

describe('sectors slice: KPI rows in French', () => {
  it('formats counts, workload, population, minutes (rounded up) and contiguity', () => {
    const rows = kpiRows({ sectors: [sector({}), sector({ key: 'W', name: 'Ouest', owner: null, communeCount: 2, workload: 12.25, populationCount: 6626, meanDurationSec: 59, maxDurationSec: null, pieceCount: 3, contiguous: false, base: { key: 'W', communeCode: null, reason: null } })] } as Json);
    expect(rows.map((r) => ({ ...r, population: nb(r.population), workload: nb(r.workload) }))).toEqual([
      { key: 'E', name: 'Est', owner: 'Alice', communes: '3', workload: '27 018', population: '27 018', meanTime: '6 min', maxTime: '12 min', times: '6 / 12 min', contiguity: '1 morceau', contiguous: true, hasBase: true },
      { key: 'W', name: 'Ouest', owner: null, communes: '2', workload: '12,3', population: '6 626', meanTime: '1 min', maxTime: '—', times: '—', contiguity: '3 morceaux', contiguous: false, hasBase: false },
    ]);
  });

  it('a base off the plan has no drive time', () => {
    expect(kpiRows({ sectors: [sector({ base: { key: 'E', communeCode: '06088', reason: 'n’est dans aucune commune du plan' } })] } as Json)[0].hasBase).toBe(false);
  });

  it('gives the plan balance and French ratios', () => {
    expect(balanceFigures({ balance: { workloadMean: 16822, workloadMaxMinRatio: 4.0775, workloadMaxDeviationRatio: 0.6061, populationMaxDeviationRatio: null } } as Json))
      .toEqual({ maxDeviation: '60,6 %', maxMin: '4,08', mean: expect.stringMatching(/^16[\s\u202f\u00a0]822$/) });
    expect(balanceFigures({ balance: { workloadMean: null, workloadMaxMinRatio: null, workloadMaxDeviationRatio: null } } as Json)).toEqual({ maxDeviation: '—', maxMin: '—', mean: '—' });
    expect(pct(1 / 15)).toBe('6,7 %');
    expect(minutes(0)).toBe('0 min');
    expect(minutes(null)).toBe('—');
    expect(M.pieces(1)).toBe('1 morceau');
    expect(M.pieces(2)).toBe('2 morceaux');
  });
});

describe('sectors slice: requests and the map', () => {
  it('builds the optimise body from the form (percent → ratio), refusing a tolerance out of range', () => {
    const f = initialSectorsState.form;
    expect(optimiseBody(f, 2)).toEqual({ fromVersion: 2, toleranceRatio: 0.1, contiguity: true, minimalDisruption: false });
    expect(optimiseBody({ ...f, tolerancePct: 6.7, chooseBases: true, minimalDisruption: true }, 1)).toEqual({ fromVersion: 1, toleranceRatio: 0.067, contiguity: true, minimalDisruption: true, chooseBases: true });
    expect(optimiseBody({ ...f, tolerancePct: -1 }, 1)).toBeNull();
    expect(optimiseBody({ ...f, tolerancePct: Number.NaN }, 1)).toBeNull();
    expect(optimiseBody({ ...f, tolerancePct: 101 }, 1)).toBeNull();
  });

  it('rounds a proposed tolerance up to 0.1 % (still feasible) and words it', () => {
    expect(tolerancePctOf(1 / 15)).toBe(6.7);
    expect(tolerancePctOf(0.334)).toBe(33.4);
    expect(tolerancePctOf(0.1)).toBe(10);
    expect(M.optimise.useTightest(0.0667)).toBe('Utiliser ± 6,7 %');
  });

  it('colours each commune by its sector index; a sector colour wins over the palette', () => {
    const v = { sectors: [{ key: 'E', colour: null }, { key: 'W', colour: '#123456' }], assignments: [{ communeCode: '06104', sectorKey: 'E' }, { communeCode: '06032', sectorKey: 'W' }, { communeCode: '06999', sectorKey: 'Z' }] };
    expect(sectorValues(v as Json)).toEqual({ codes: ['06104', '06032'], values: [0, 1] });
    expect(paletteOf(v.sectors)).toEqual([SECTOR_PALETTE[0], '#123456']);
    expect(paletteOf(Array.from({ length: 20 }, () => ({ colour: null })))).toBe(SECTOR_PALETTE);
  });

  it('offers the other versions, newest first, to compare with', () => {
    expect(otherVersions({ version: 2, versions: [{ version: 1 }, { version: 2 }, { version: 3 }] } as Json)).toEqual([3, 1]);
    expect(otherVersions(null)).toEqual([]);
    expect(M.compare.moved(0)).toBe('Aucune commune ne change de secteur');
    expect(M.compare.moved(2)).toBe('2 communes changent de secteur');
    expect(M.optimise.moved(1)).toBe('1 commune déplacée');
  });
});
