import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attractivenessZone, leakageAutarky, marketShares, type FlowRow } from '../../../api/src/domain/health/flows.js';
import { parseFlowCsv, parseFlowRows } from '../../../api/src/domain/health/flow-import.js';

const fixture = (f: string) => readFileSync(new URL(`../../fixtures/health/${f}`, import.meta.url), 'utf8');
const { flows } = JSON.parse(fixture('flows-hand.json')) as { flows: FlowRow[] };
const [A, B, C] = ['010000001', '010000002', '010000003'];

describe('market shares (hand-computed)', () => {
  const zones = marketShares(flows);
  it('gives each establishment its share of a zone', () => {
    const z1 = zones.find((z) => z.zoneCode === '01001')!;
    expect(z1.staysCount).toBe(100);
    expect(z1.shares).toEqual([
      { finess: A, staysCount: 60, shareRatio: 0.6 },
      { finess: B, staysCount: 20, shareRatio: 0.2 },
      { finess: C, staysCount: 20, shareRatio: 0.2 },
    ]);
    const z2 = zones.find((z) => z.zoneCode === '01002')!;
    expect(z2.shares.map((s) => [s.finess, s.shareRatio])).toEqual([[C, 0.45], [B, 0.3], [A, 0.25]]);
  });
  it('shares of every zone sum to 1', () => {
    for (const z of zones) expect(z.shares.reduce((a, s) => a + s.shareRatio, 0)).toBeCloseTo(1, 12);
  });
});

describe('80 % attractiveness zone (hand-computed)', () => {
  it('takes zones by decreasing stays until 80 % is reached', () => {
    // A: 60, 25, 10, 5 of 100 → 60 % then 85 % ≥ 80 %: two zones.
    expect(attractivenessZone(flows, A)).toEqual({
      finess: A, thresholdRatio: 0.8, staysCount: 100,
      zones: [
        { zoneCode: '01001', staysCount: 60, shareRatio: 0.6, cumulativeRatio: 0.6 },
        { zoneCode: '01002', staysCount: 25, shareRatio: 0.25, cumulativeRatio: 0.85 },
      ],
    });
    // C: 45, 40, 20 of 105 → 42.9 %, 81.0 %: two zones.
    expect(attractivenessZone(flows, C).zones.map((z) => z.zoneCode)).toEqual(['01002', '01003']);
    // Exactly 60 % is reached with one zone at threshold 0.6.
    expect(attractivenessZone(flows, A, 0.6).zones.map((z) => z.zoneCode)).toEqual(['01001']);
  });
  it('is empty for an establishment without flows', () => {
    expect(attractivenessZone(flows, '999999999')).toEqual({ finess: '999999999', thresholdRatio: 0.8, staysCount: 0, zones: [] });
  });
});

describe('leakage and autarky (hand-computed)', () => {
  const r = leakageAutarky(flows, ['01001', '01002'], [A, B]);
  it('counts residents treated inside and outside', () => {
    // Residents of {01001, 01002}: 60+25+20+30+20+45 = 200; inside (A, B): 135; outside (C): 65.
    expect(r.residentStaysCount).toBe(200);
    expect(r.insideStaysCount).toBe(135);
    expect(r.outsideStaysCount).toBe(65);
    expect(r.autarkyRatio).toBe(0.675);
    expect(r.leakageRatio).toBe(0.325);
    // A and B treat 150 stays, 15 of them (A's 01003 and 01004) from outside.
    expect(r.attractionRatio).toBe(0.1);
  });
  it('autarky + leakage = 1 and establishment shares sum to 1', () => {
    expect(r.autarkyRatio + r.leakageRatio).toBeCloseTo(1, 12);
    expect(r.byEstablishment.reduce((a, e) => a + e.shareRatio, 0)).toBeCloseTo(1, 12);
    for (const zones of [['01003'], ['01001', '01002', '01003', '01004'], ['01004']]) {
      const x = leakageAutarky(flows, zones, [C]);
      expect(x.autarkyRatio + x.leakageRatio).toBeCloseTo(1, 12);
    }
  });
});

describe('"origine des patients" import', () => {
  it('reads a good file (BOM, semicolons, thousands separators) and counts masked rows apart', () => {
    const r = parseFlowCsv(fixture('origine-patients-ok.csv'));
    expect(r).toEqual({
      ok: true,
      maskedRowCount: 1,
      rows: [
        { finess: '010780054', year: 2023, zoneCode: '01000', stays: 1234 },
        { finess: '010780054', year: 2023, zoneCode: '01500', stays: 87 },
        { finess: '2A0000014', year: 2023, zoneCode: '2AC14', stays: 4512 },
      ],
    });
  });
  it('gives the exact row errors of a malformed file and no rows', () => {
    expect(parseFlowCsv(fixture('origine-patients-bad.csv'))).toEqual({
      ok: false,
      errors: [
        { row: 4, field: 'finess', reason: '« 01078005 » n’est pas un numéro FINESS à 9 caractères' },
        { row: 5, field: 'year', reason: '« 23 » n’est pas une année (par ex. 2023)' },
        { row: 6, field: 'zoneCode', reason: '« 0150 » n’est pas un code géographique PMSI à 5 caractères' },
        { row: 7, field: 'stays', reason: '« douze » n’est pas un nombre entier de séjours' },
      ],
    });
  });
  it('names the missing columns', () => {
    const r = parseFlowRows([['FINESS', 'Année', 'Séjours'], ['010780054', '2023', '5']]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.row, e.field])).toEqual([[1, 'zoneCode']]);
  });
});
