import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScanSante } from '../../../api/src/domain/health/scansante.js';
import { parseCount, parseFrenchNumber, parsePercentRatio } from '../../../api/src/domain/health/numbers.js';

const fixture = (f: string) => readFileSync(new URL(`../../fixtures/health/${f}`, import.meta.url), 'utf8');

describe('French number formats', () => {
  it('reads thousands separators as spaces, non-breaking spaces included', () => {
    expect(parseFrenchNumber('9 337')).toBe(9337);
    expect(parseFrenchNumber('955\u00a0312')).toBe(955312);
    expect(parseFrenchNumber('1\u202f234,5')).toBe(1234.5);
    expect(parseFrenchNumber('NA')).toBeNull();
    expect(() => parseFrenchNumber('12.5')).toThrow(/not a French number/);
  });
  it('keeps a masked "1 à 10" as a range, never 0 nor 10', () => {
    expect(parseCount('1 à 10')).toEqual({ min: 1, max: 10 });
    expect(parseCount('1\u00a0à\u00a010')).toEqual({ min: 1, max: 10 });
    expect(parseCount('29 398')).toEqual({ min: 29398, max: 29398 });
    expect(parseCount('0')).toEqual({ min: 0, max: 0 });
  });
  it('reads percentages as ratios', () => {
    expect(parsePercentRatio('47,5 %')).toBe(0.475);
    expect(parsePercentRatio('0,0 %')).toBe(0);
    expect(() => parsePercentRatio('47,5')).toThrow(/not a percentage/);
  });
});

describe('parseScanSante on lines cut from the real files', () => {
  it('public 2024: BOM, masked counts, rows without category, the total line skipped', () => {
    const r = parseScanSante(fixture('scansante-public-2024.csv'), 2024, 'public');
    expect(r.errors).toEqual([]);
    expect(r.skipped).toEqual([{ row: 10, reason: 'national total line' }]);
    expect(r.rows).toHaveLength(8);
    const bugey = r.rows.find((x) => x.finess === '010008407')!;
    expect(bugey).toMatchObject({
      finessKind: 'EJ', category: 'CH', name: 'CH DU HAUT BUGEY',
      staysTotal: { min: 9337, max: 9337 }, staysFull: { min: 5816, max: 5816 }, staysPartial: { min: 3521, max: 3521 },
      sessions: { min: 578, max: 578 }, maleRatio: 0.475, meanAgeYears: 52.15, meanLengthOfStayDays: 2.8, deathRatio: 0.014,
    });
    expect(r.rows.find((x) => x.finess === '010009132')!.staysPartial).toEqual({ min: 1, max: 10 });
    const noName = r.rows.find((x) => x.finess === '100013010')!;
    expect(noName).toMatchObject({ category: null, name: null, staysTotal: { min: 1794, max: 1794 } });
    expect(r.rows.find((x) => x.finess === '750712184')!.staysTotal).toEqual({ min: 955312, max: 955312 });
    expect(r.rows.find((x) => x.finess === '2A0000014')!.name).toBe("CH GAL D'AJACCIO");
  });
  it('private 2015: FINESS is the site (ET)', () => {
    const r = parseScanSante(fixture('scansante-private-2015.csv'), 2015, 'private');
    expect(r.rows.map((x) => x.finess)).toEqual(['010007300', '010780195', '010780203', '010780294', '020000360']);
    expect(r.rows.every((x) => x.finessKind === 'ET' && x.category === 'PRIVÉ')).toBe(true);
    expect(r.rows[4].sessions).toEqual({ min: 1, max: 10 });
    expect(r.rows[3]).toMatchObject({ staysTotal: { min: 0, max: 0 }, sessions: { min: 9305, max: 9305 } });
  });
  it('reports a bad cell with its row and field', () => {
    const text = fixture('scansante-private-2015.csv').replace('17 866', '17.866');
    const r = parseScanSante(text, 2015, 'private');
    expect(r.errors).toEqual([{ row: 3, field: 'Nombre de séjoursséances total', reason: 'not a French number: "17.866"' }]);
  });
  it('refuses a file of another layout', () => {
    expect(() => parseScanSante('a,b\n1,2\n', 2020, 'public')).toThrow(/missing columns/);
  });
});
