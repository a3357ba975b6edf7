import { describe, expect, it, vi } from 'vitest';

// The web modules build their API client from the page's origin: give them one (no request is made here).
vi.hoisted(() => Object.assign(globalThis, { location: { origin: 'http://127.0.0.1', hash: '' } }));
import { rampFor } from '../../web/src/lib/classify.js';
import { HEALTH_CATEGORY_COLORS, HEALTH_OTHER_COLOR, POINT_PALETTE, deltaE76, hexToRgb, type Rgb } from '../../web/src/lib/palette.js';
import { MAPLIBRE_LOCALE_FR, fieldLabel } from '../../web/src/lib/messages/map.js';
import { pointCategories, pointFields, pointValue, visiblePoints } from '../../web/src/features/layers/point-style.js';
import { itemsAt } from '../../web/src/map/picking.js';
import { healthLayers } from '../../web/src/features/health/layers.js';
import { healthStore } from '../../web/src/features/health/state.js';
import { toolStore } from '../../web/src/map/tools.js';
import { toolLayers } from '../../web/src/map/tool-layers.js';
import { healthZoneStore } from '../../web/src/features/health/zones-state.js';

describe('customer point colours', () => {
  const choropleth = [...rampFor(7), ...rampFor(7, true)].map(hexToRgb);
  const hospitals: Rgb[] = [...HEALTH_CATEGORY_COLORS.map(([, c]) => c), HEALTH_OTHER_COLOR];

  it('stay apart from every choropleth class colour and every hospital category (ΔE ≥ 40)', () => {
    for (const p of POINT_PALETTE) {
      for (const c of [...choropleth, ...hospitals]) expect(deltaE76(p, c), `${p} vs ${c}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('are told apart from each other (ΔE ≥ 30)', () => {
    POINT_PALETTE.forEach((a, i) => POINT_PALETTE.slice(i + 1).forEach((b) => expect(deltaE76(a, b), `${a} vs ${b}`).toBeGreaterThanOrEqual(30)));
  });
});

describe('points styled by a field', () => {
  const points = [
    { category: 'pharmacie', communeCode: '35238', precision: 'commune', locatedVia: 'commune_code', measures: { segment: 'A', ca_eur: 10 } },
    { category: 'pharmacie', communeCode: '29019', precision: 'coordinates', locatedVia: 'coordinates', measures: { segment: 'B', ca_eur: 20 } },
    { category: 'cabinet', communeCode: '97105', precision: 'coordinates', locatedVia: 'coordinates', measures: { segment: 'A' } },
    { category: null, communeCode: '2A004', precision: 'commune', locatedVia: 'commune_code', measures: {} },
  ];

  it('offers category, the category measures and the location fields, in French', () => {
    const fields = pointFields([{ name: 'ca_eur', type: 'number', unit: 'EUR' }, { name: 'segment', type: 'category' }]);
    expect(fields.map((f) => f.id)).toEqual(['category', 'm:segment', 'departement', 'precision', 'locatedVia']);
    expect(fields.map((f) => f.label)).toEqual(['Catégorie', 'Segment', 'Département', 'Précision de localisation', 'Mode de localisation']);
  });

  it('gives each value a colour, most frequent first, with counts and French labels', () => {
    const cats = pointCategories(points, 'category');
    expect(cats.map((c) => [c.value, c.count])).toEqual([['pharmacie', 2], ['', 1], ['cabinet', 1]]);
    expect(cats[1].label).toBe('(vide)');
    expect(cats.map((c) => c.color)).toEqual(POINT_PALETTE.slice(0, 3));
    expect(pointCategories(points, 'precision').map((c) => c.label)).toEqual(['centroïde de commune', 'coordonnées']);
    expect(points.map((p) => pointValue(p, 'departement'))).toEqual(['35', '29', '971', '2A']);
    expect(pointCategories(points, 'm:segment').map((c) => [c.value, c.count])).toEqual([['A', 2], ['', 1], ['B', 1]]);
  });

  it('filters out the values switched off, and keeps the same array when none is', () => {
    expect(visiblePoints(points, { field: 'category', hidden: [] })).toBe(points);
    expect(visiblePoints(points, { field: 'm:segment', hidden: ['A'] }).map((p) => p.communeCode)).toEqual(['29019', '2A004']);
  });
});

describe('clicks on co-located objects', () => {
  const sites = [
    { id: 'ch', at: [5.20879, 46.2222] as [number, number], r: 10 },
    { id: 'crf', at: [5.20879, 46.2222] as [number, number], r: 3 },
    { id: 'far', at: [5.25, 46.2222] as [number, number], r: 3 },
  ];
  it('returns every object whose symbol covers the click, nearest first, not only the nearest', () => {
    const hits = itemsAt(sites, (s) => s.at, (s) => s.r, [5.2088, 46.2222], 13);
    expect(hits.map((h) => h.item.id).sort()).toEqual(['ch', 'crf']);
    expect(itemsAt(sites, (s) => s.at, (s) => s.r, [5.2, 46.2222], 13)).toEqual([]);
  });
});

describe('outlines on the map', () => {
  it('draws PMSI codes géo in a colour of their own over a white casing, not white like the commune borders', () => {
    healthStore.set({ zones: { geojson: { type: 'FeatureCollection', features: [] }, truncated: false } as never });
    const layers = healthLayers();
    const ids = layers.map((l) => l.id);
    expect(ids.indexOf('health-pmsi-zones-casing')).toBeLessThan(ids.indexOf('health-pmsi-zones'));
    const line = layers.find((l) => l.id === 'health-pmsi-zones')!.props as unknown as { getLineColor: number[] };
    expect(line.getLineColor.slice(0, 3)).not.toEqual([255, 255, 255]);
    healthStore.set({ zones: null });
  });

  it('draws a drawn polygon over a white halo (readable on dark fills too)', () => {
    healthZoneStore.set({ polygon: { type: 'Polygon', coordinates: [[[2, 48], [2.1, 48], [2.1, 48.1], [2, 48]]] } });
    const ids = healthLayers().map((l) => l.id);
    expect(ids).toEqual(['health-zone-polygon-halo', 'health-zone-polygon']);
    healthZoneStore.set({ polygon: null });
    // the polygon being drawn is the shared draw-polygon tool's (health draws with it too)
    toolStore.set({ active: { id: 'draw-polygon', owner: 'health' }, vertices: [[2, 48], [2.1, 48]], hover: null });
    expect(healthLayers()).toEqual([]);
    expect(toolLayers().map((l) => l.id)).toEqual(['tool-draw-halo', 'tool-draw-line', 'tool-draw-vertices']);
    toolStore.set({ active: null, vertices: [] });
  });
});

describe('French words on the map', () => {
  it('labels fields for people: "CA (€)", not caEur', () => {
    expect(fieldLabel('ca_eur', 'EUR')).toBe('CA (€)');
    expect(fieldLabel('caEur')).toBe('CA (€)');
    expect(fieldLabel('visites', 'visites/an')).toBe('Visites (par an)');
    expect(fieldLabel('nombre_de_lits')).toBe('Nombre de lits');
  });

  it("translates MapLibre's controls", () => {
    expect(MAPLIBRE_LOCALE_FR['NavigationControl.ZoomIn']).toBe('Zoom avant');
    expect(MAPLIBRE_LOCALE_FR['NavigationControl.ZoomOut']).toBe('Zoom arrière');
    expect(MAPLIBRE_LOCALE_FR['AttributionControl.ToggleAttribution']).toBe("Afficher l'attribution");
  });
});
