import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { departementOfFiness, restoreFinessCode, toFinessSite } from '../../../api/src/domain/health/finess.js';
import { buildCommuneCodeMap, remapCommuneCounts, type CogEntry } from '../../../api/src/domain/health/communes.js';

const fixture = (f: string) => readFileSync(new URL(`../../fixtures/health/${f}`, import.meta.url), 'utf8');
const cog = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as CogEntry[];

describe('FINESS codes', () => {
  it('restores the leading 0 lost by GISCO and keeps Corsica and overseas codes', () => {
    expect(restoreFinessCode('10000024')).toBe('010000024');
    expect(restoreFinessCode('330781360')).toBe('330781360');
    expect(restoreFinessCode('2A0000212')).toBe('2A0000212');
    expect(() => restoreFinessCode('1234')).toThrow();
  });
  it('gives the département of a FINESS number', () => {
    expect(departementOfFiness('010000024')).toBe('01');
    expect(departementOfFiness('2B0000020')).toBe('2B');
    expect(departementOfFiness('970100228')).toBe('971');
    expect(departementOfFiness('970400123')).toBe('974');
    expect(departementOfFiness('980500003')).toBe('976');
  });
  it('reads real GISCO rows', () => {
    const rows = Papa.parse<Record<string, string>>(fixture('finess-sites.csv'), { header: true, skipEmptyLines: true }).data.map(toFinessSite);
    const bourg = rows.find((s) => s.finess === '010000024')!;
    expect(bourg).toMatchObject({ departementCode: '01', city: 'VIRIAT', category: 'Centre Hospitalier (C.H.)', status: 'public', lon: 5.20879, lat: 46.2222 });
    expect(rows.find((s) => s.finess === '980500011')?.departementCode).toBe('976');
    expect(rows.find((s) => s.finess === '970100012')?.departementCode).toBe('971');
    expect(rows.filter((s) => s.departementCode === '2A')).toHaveLength(3);
  });
});

describe('BPE counts re-keyed to COG 2026', () => {
  const map = buildCommuneCodeMap(cog);
  const rows = Papa.parse<Record<string, string>>(fixture('bpe-doctor.csv'), { header: true, skipEmptyLines: true }).data.map((r) => ({ code: r.CODGEO, count: Number(r.NB_D201) }));
  it('maps delegated communes to their chef-lieu and old codes through anciensCodes', () => {
    const r = remapCommuneCounts(rows, map);
    expect(r.unmapped).toEqual([]);
    expect(r.remapped).toEqual([
      { from: '01091', to: '01033', count: 2 },
      { from: '12076', to: '12218', count: 3 },
      { from: '14513', to: '50592', count: 1 },
      { from: '22038', to: '22206', count: 4 },
      { from: '25282', to: '25060', count: 1 },
    ]);
    expect(r.counts.get('01004')).toBe(24);
    expect([...r.counts.values()].reduce((a, b) => a + b, 0)).toBe(rows.reduce((a, b) => a + b.count, 0));
  });
  it('reports, never drops, a code it cannot place', () => {
    const r = remapCommuneCounts([...rows, { code: '99999', count: 7 }], map);
    expect(r.unmapped).toEqual([{ code: '99999', count: 7 }]);
  });
});
