import { describe, expect, it } from 'vitest';
import {
  apportion, crowFlyDistanceM, modelFlows, modelFlowsByDriveTime, MODELLED_DRIVE_TIME_LABEL, MODELLED_FLOWS_LABEL, DEFAULT_DRIVE_TIME_GRAVITY_PARAMS, DEFAULT_GRAVITY_PARAMS,
} from '../../../api/src/domain/health/gravity.js';

const establishments = [
  { finess: '010780054', lon: 5.20879, lat: 46.2222, staysCount: 29398 }, // CH Bourg-en-Bresse (ScanSanté 2024 total)
  { finess: '010008407', lon: 5.6467, lat: 46.2603, staysCount: 9337 }, // CH du Haut Bugey
];
const zones = [
  { zoneCode: '01000', lon: 5.2256, lat: 46.2052, populationCount: 41000 },
  { zoneCode: '01100', lon: 5.6557, lat: 46.2566, populationCount: 23000 },
  { zoneCode: '01300', lon: 5.6886, lat: 45.7594, populationCount: 9000 },
  { zoneCode: '75001', lon: 2.3412, lat: 48.8625, populationCount: 17000 },
];

describe('modelled flows (gravity on crow-fly distance)', () => {
  it('is labelled as modelled, crow-fly, not observed', () => {
    expect(MODELLED_FLOWS_LABEL).toMatch(/modelled, not observed/);
    expect(MODELLED_FLOWS_LABEL).toMatch(/crow-fly/);
  });
  it('keeps each establishment total exactly and stays within range', () => {
    const flows = modelFlows(establishments, zones, { ...DEFAULT_GRAVITY_PARAMS, coverageRatio: 1 });
    for (const e of establishments) expect(flows.filter((f) => f.finess === e.finess).reduce((a, f) => a + f.stays, 0)).toBe(e.staysCount);
    expect(flows.some((f) => f.zoneCode === '75001')).toBe(false); // > 150 km
  });
  it('sends most of a zone to its near establishment', () => {
    const flows = modelFlows(establishments, zones, { ...DEFAULT_GRAVITY_PARAMS, noiseRatio: 0, coverageRatio: 1 });
    const get = (e: string, z: string) => flows.find((f) => f.finess === e && f.zoneCode === z)?.stays ?? 0;
    expect(get('010780054', '01000')).toBeGreaterThan(get('010008407', '01000'));
    expect(get('010008407', '01100')).toBeGreaterThan(get('010780054', '01100'));
  });
  it('is reproducible with a seed and changes with another', () => {
    const a = modelFlows(establishments, zones);
    expect(modelFlows(establishments, zones)).toEqual(a);
    expect(modelFlows(establishments, zones, { ...DEFAULT_GRAVITY_PARAMS, seed: 1 })).not.toEqual(a);
  });
  it('apportions integers that sum to the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toEqual([0, 0]);
  });
  it('measures crow-fly distance (Paris–Lyon ≈ 391 km)', () => {
    expect(Math.round(crowFlyDistanceM(2.3522, 48.8566, 4.8357, 45.764) / 1000)).toBe(391);
  });
});

describe('modelled flows (gravity on drive times)', () => {
  const params = { ...DEFAULT_DRIVE_TIME_GRAVITY_PARAMS, decaySec: 480, noiseRatio: 0, coverageRatio: 1 };
  const two = [
    { finess: 'A', lon: 0, lat: 0, staysCount: 100 },
    { finess: 'B', lon: 0, lat: 0, staysCount: 300 },
  ];
  const zonesAB = [
    { zoneCode: 'z1', lon: 0, lat: 0, populationCount: 1000 },
    { zoneCode: 'z2', lon: 0, lat: 0, populationCount: 1000 },
  ];
  // drive times zone → establishment: z1→A 0 s, z1→B 480 s (one τ), z2→A no route, z2→B 0 s
  const times = [[0, 480], [null, 0]];

  it('is labelled as modelled on drive times, not observed', () => {
    expect(MODELLED_DRIVE_TIME_LABEL).toMatch(/^modelled, not observed; gravity model on drive times/);
  });

  it('matches the hand-computed Huff shares and apportionment', () => {
    // z1: pulls A = 100·e⁰ = 100, B = 300·e⁻¹ = 110.36 → weights A 475.4, B 524.6; z2: B alone → 1000.
    // A: its 100 stays all from z1. B: 300 × 524.6 / 1524.6 = 103.23 → 103 from z1, 197 from z2 (largest remainder).
    const flows = modelFlowsByDriveTime(two, zonesAB, (zi, ei) => times[zi][ei], params);
    expect(flows).toEqual([
      { finess: 'A', zoneCode: 'z1', stays: 100 },
      { finess: 'B', zoneCode: 'z2', stays: 197 },
      { finess: 'B', zoneCode: 'z1', stays: 103 },
    ]);
  });

  it('sends nothing over a missing route or beyond the maximum drive time', () => {
    const flows = modelFlowsByDriveTime(two, zonesAB, (zi, ei) => times[zi][ei], { ...params, maxDurationSec: 300 });
    // z1→B (480 s) is now beyond reach: B draws only from z2, A only from z1
    expect(flows).toEqual([{ finess: 'A', zoneCode: 'z1', stays: 100 }, { finess: 'B', zoneCode: 'z2', stays: 300 }]);
  });

  it('uses the same core as the crow-fly model: the same decays give the same table', () => {
    const speedMps = DEFAULT_GRAVITY_PARAMS.crowFlyDecayM / params.decaySec; // 10 km ↔ 8 min
    const byTime = modelFlowsByDriveTime(establishments, zones, (zi, ei) => {
      const d = crowFlyDistanceM(establishments[ei].lon, establishments[ei].lat, zones[zi].lon, zones[zi].lat);
      return d <= DEFAULT_GRAVITY_PARAMS.maxCrowFlyDistanceM ? d / speedMps : null;
    }, { ...params, maxDurationSec: Infinity, noiseRatio: 0.2, coverageRatio: 0.95 });
    expect(byTime).toEqual(modelFlows(establishments, zones));
  });
});
