import { describe, expect, it } from 'vitest';
import {
  BASIN_PALETTE, accessBody, basinColorIndex, basinValues, decayBody, flowsBody, initialBasinsState, minutesUp, nearestBody, nextSort, sortBasins, zonesByBasin,
  type AccessForm,
} from '../../web/src/features/basins/slice';
import type { FlowBasin } from '../../web/src/features/basins/api';
import { buildChoropleth } from '../../web/src/map/choropleth';
import { minutes, num, pct } from '../../web/src/lib/messages/basins';

const access = (patch: Partial<AccessForm> = {}): AccessForm => ({ ...initialBasinsState.access, ...patch });
const basin = (id: number, label: string, populationCount: number, extra: Partial<FlowBasin> = {}): FlowBasin => ({
  id, key: `U${id}`, label, codeGeoCount: 1, communeCount: 1, populationCount, stays: populationCount / 10, localizationRatio: 0.6, mainUnitShareRatio: 0.5,
  leakageRatio: 0.4, codesGeo: [], mainUnit: null, unitCount: 1, treatedStays: 0, ...extra,
});

describe('basins: the accessibility request from the form', () => {
  it('GPs from the BPE, step decay (1 / ⅔ / ⅓ for 0–10 / 10–15 / 15–20 min) within 30 min, the sensitivity table asked', () => {
    expect(accessBody(access())).toEqual({
      body: { supply: { source: 'gp' }, catchmentMin: 30, decay: { kind: 'steps', upperMin: [10, 15, 20], weights: [1, 0.6667, 0.3333] }, sensitivity: true },
    });
  });

  it('optional activity per GP and under-served threshold are sent only when given; save names the indicator', () => {
    const { body } = accessBody(access({ decay: 'gaussian', activityPerSupply: 4000, underServedThreshold: 2.5 }), 'APL test');
    expect(body).toEqual({ supply: { source: 'gp' }, catchmentMin: 30, decay: { kind: 'gaussian' }, sensitivity: true, activityPerSupply: 4000, underServedThreshold: 2.5, save: { name: 'APL test' } });
    expect(accessBody(access({ activityPerSupply: 0 })).body).not.toHaveProperty('activityPerSupply');
  });

  it('a layer measure or FINESS categories and départements as the supply', () => {
    expect(accessBody(access({ supply: 'layer' }))).toEqual({ error: 'needLayer' });
    expect(accessBody(access({ supply: 'layer', layerId: 'L1', measure: 'etp' })).body?.supply).toEqual({ source: 'layer', layerId: 'L1', measure: 'etp' });
    expect(accessBody(access({ supply: 'layer', layerId: 'L1' })).body?.supply).toEqual({ source: 'layer', layerId: 'L1' }); // 1 per point
    expect(accessBody(access({ supply: 'finess', finessCategories: ['355'], finessDepartementsText: '78, 2a' })).body?.supply).toEqual({ source: 'finess', categories: ['355'], departements: ['78', '2A'] });
    expect(accessBody(access({ supply: 'finess', finessDepartementsText: 'Yvelines' }))).toEqual({ error: 'badDepartements' });
  });

  it('refuses a catchment outside 0–180 min and steps that do not increase within it, or weights outside [0, 1]', () => {
    expect(accessBody(access({ catchmentMin: 0 }))).toEqual({ error: 'badCatchment' });
    expect(accessBody(access({ catchmentMin: 181 }))).toEqual({ error: 'badCatchment' });
    expect(accessBody(access({ stepsUpperMin: [10, 10, 20] }))).toEqual({ error: 'badSteps' });
    expect(accessBody(access({ catchmentMin: 15 }))).toEqual({ error: 'badSteps' }); // the last step (20 min) is beyond 15 min
    expect(accessBody(access({ stepsWeights: [1, 1.5, 0.3] }))).toEqual({ error: 'badSteps' });
    expect(decayBody({ ...access(), decay: 'binary' })).toEqual({ kind: 'binary' });
  });
});

describe('basins: time to the nearest, flow basins', () => {
  it('an actor set, FINESS or a layer; thresholds 30 / 45 min parsed', () => {
    const form = initialBasinsState.nearest;
    expect(nearestBody(form)).toEqual({ body: { actors: { set: 'maternity' }, cutoffMin: 90, thresholdsMin: [30, 45] } });
    expect(nearestBody({ ...form, actors: 'layer' })).toEqual({ error: 'needLayer' });
    expect(nearestBody({ ...form, actors: 'layer', layerId: 'L2' }, { name: 'Maternités', zones: true }).body).toMatchObject({ actors: { source: 'layer', layerId: 'L2' }, save: { name: 'Maternités', zones: true } });
    expect(nearestBody({ ...form, thresholdsText: '45, 30, 30' }).body?.thresholdsMin).toEqual([30, 45]);
    expect(nearestBody({ ...form, thresholdsText: '30 min' })).toEqual({ error: 'badThresholds' });
  });

  it('flow basins: dataset, unit, LI 0.5, 1,000 stays, contiguity', () => {
    expect(flowsBody({ ...initialBasinsState.flows, dataset: 'modelled-2024' }, 'Bassins')).toEqual({
      dataset: 'modelled-2024', unit: 'establishment', minLocalizationRatio: 0.5, minStays: 1000, contiguity: true, save: { name: 'Bassins' },
    });
  });

  it('sorts the basins table by a column; the same column flips the order, text goes A→Z first', () => {
    const rows = [basin(0, 'Évreux', 500), basin(1, 'Amiens', 900), basin(2, 'Caen', 900, { localizationRatio: 0.9 })];
    expect(sortBasins(rows, { key: 'populationCount', desc: true }).map((b) => b.label)).toEqual(['Amiens', 'Caen', 'Évreux']); // ties keep the API's order
    expect(sortBasins(rows, { key: 'label', desc: false }).map((b) => b.label)).toEqual(['Amiens', 'Caen', 'Évreux']); // É sorts with E
    expect(sortBasins(rows, { key: 'localizationRatio', desc: false }).map((b) => b.id)).toEqual([0, 1, 2]);
    expect(nextSort({ key: 'populationCount', desc: true }, 'populationCount')).toEqual({ key: 'populationCount', desc: false });
    expect(nextSort({ key: 'populationCount', desc: true }, 'label')).toEqual({ key: 'label', desc: false });
    expect(nextSort({ key: 'label', desc: false }, 'stays')).toEqual({ key: 'stays', desc: true });
  });

  it('colours: the largest basins get distinct colours, a commune without a basin gets none (never a colour)', () => {
    const basins = Array.from({ length: 15 }, (_, i) => basin(i, `B${i}`, 1000 + i));
    const colour = basinColorIndex(basins);
    const largest12 = [...basins].sort((a, b) => b.populationCount - a.populationCount).slice(0, BASIN_PALETTE.length);
    expect(new Set(largest12.map((b) => colour.get(b.id))).size).toBe(BASIN_PALETTE.length);
    const values = basinValues({ basins, communes: { codes: ['a', 'b', 'c'], basin: [14, -1, 0] } });
    expect(values).toEqual([0, null, colour.get(0)]);
    // the map draws them with the palette, the commune without a basin as « no value »
    const map = buildChoropleth(['a', 'b', 'c'], values, 'quantile', 7, false, BASIN_PALETTE);
    expect(map.colorByCode.get('a')).toBe(BASIN_PALETTE[0]);
    expect(map.colorByCode.get('b')).toBeNull();
    expect(map.missingCount).toBe(1);
    expect(map.breaks).toEqual([]);
  });

  it('saved zones matched to their basin by name (longest label first), else in order', () => {
    const basins = [basin(0, 'Rouen', 1), basin(1, 'Rouen Sud', 1)];
    const byName = zonesByBasin(basins, [{ id: 'z1', name: 'Bassins 2024 — Rouen Sud' }, { id: 'z0', name: 'Bassins 2024 — Rouen' }]);
    expect(byName.get(1)?.id).toBe('z1');
    expect(byName.get(0)?.id).toBe('z0');
    expect(zonesByBasin(basins, [{ id: 'a', name: 'x' }, { id: 'b', name: 'y' }]).get(1)?.id).toBe('b');
    expect(zonesByBasin(basins, [{ id: 'a', name: 'x' }]).size).toBe(0);
  });

  it('minutes rounded up, off network stays null; French numbers', () => {
    expect(minutesUp([0, 61, null, 1800])).toEqual([0, 2, null, 30]);
    expect(minutes(1330)).toBe('23 min');
    expect(minutes(null)).toBe('—');
    expect(num(84.349).replace(/\s/g, ' ')).toBe('84,3');
    expect(num(3.4712)).toBe('3,47');
    expect(pct(0.1234).replace(/\s/g, ' ')).toBe('12,3 %');
    expect(pct(null)).toBe('—');
  });
});
