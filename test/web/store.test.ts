import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => Object.assign(globalThis, { location: { origin: 'http://127.0.0.1', hash: '' } }));
import { workspace } from '../../web/src/state/workspace.js';
import { PANELS } from '../../web/src/panels/index.js';
import * as zones from '../../web/src/features/zones/index.js';
import * as health from '../../web/src/features/health/index.js';
import * as layers from '../../web/src/features/layers/index.js';
import * as isochrones from '../../web/src/features/isochrones/index.js';
import * as matrix from '../../web/src/features/matrix/index.js';
import { toolStore, toolMapClick, startTool, cancelTool } from '../../web/src/map/tools.js';
import { isochroneToolOn } from '../../web/src/features/isochrones/state.js';

describe('one store with a slice per feature', () => {
  it('holds every feature slice under its key in the one workspace state', () => {
    const s = workspace.get();
    for (const key of ['zones', 'tools', 'layers', 'pointStyle', 'health', 'healthZones', 'isochrone', 'matrix'] as const) expect(s[key], key).toBeTypeOf('object');
    expect(s.zones).toBe(zones.slice.store.get());
    expect(s.health).toBe(health.slice.get());
    expect(s.layers).toBe(layers.slice.get());
    expect(s.isochrone).toBe(isochrones.slice.get());
    expect(s.matrix).toBe(matrix.slice.get());
    expect(s.tools).toBe(toolStore.get());
  });

  it('a slice update is a store update: one subscription sees it, other slices keep their references', () => {
    const before = workspace.get();
    let calls = 0;
    const off = workspace.subscribe(() => calls++);
    isochrones.slice.set({ breaksText: '5, 15' });
    off();
    const after = workspace.get();
    expect(calls).toBe(1);
    expect(after.isochrone.breaksText).toBe('5, 15');
    expect(after.isochrone.status).toBe(before.isochrone.status);
    expect(after.zones).toBe(before.zones);
    expect(after.health).toBe(before.health);
    isochrones.slice.set({ breaksText: before.isochrone.breaksText });
  });

  it('lists each feature in the panel registry once', () => {
    expect(PANELS.map((p) => p.id)).toEqual(['commune-sheet', 'zone-profile', 'isochrones', 'matrix', 'health', 'layers', 'zones', 'areas', 'basins', 'sectors']);
    expect(PANELS.find((p) => p.id === 'health')!.Component).toBe(health.Panel);
  });
});

describe('one map-tool mechanism', () => {
  it('the isochrone origin is the shared click-point tool, kept on after each click until cancelled', () => {
    const points: [number, number][] = [];
    startTool({ id: 'click-point', owner: 'isochrones', repeat: true, onPoint: (p) => points.push(p) });
    expect(isochroneToolOn()).toBe(true);
    expect(toolMapClick([2.09, 48.9], '78551')).toBe(true);
    expect(toolMapClick([2.1, 48.91], null)).toBe(true);
    expect(points).toEqual([[2.09, 48.9], [2.1, 48.91]]);
    expect(isochroneToolOn()).toBe(true);
    cancelTool();
    expect(isochroneToolOn()).toBe(false);
    expect(toolMapClick([2.09, 48.9], '78551')).toBe(false); // no tool: the click goes on to the commune sheet
  });

  it('a one-shot click-point tool ends after its click; starting another tool cancels the first', () => {
    let cancelled = 0;
    startTool({ id: 'click-point', owner: 'a', onPoint: () => {}, onCancel: () => cancelled++ });
    toolMapClick([1, 1], null);
    expect(toolStore.get().active).toBeNull();
    expect(cancelled).toBe(0);
    startTool({ id: 'draw-polygon', owner: 'health', onCancel: () => cancelled++ });
    startTool({ id: 'click-point', owner: 'isochrones', repeat: true });
    expect(cancelled).toBe(1);
    expect(toolStore.get().active?.owner).toBe('isochrones');
    cancelTool();
  });
});
