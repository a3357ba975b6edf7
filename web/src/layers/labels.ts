import { TextLayer } from '@deck.gl/layers';
import type { ViewState } from '../map/MapView';

export interface LabelPoint {
  code: string;
  name: string;
  lon: number;
  lat: number;
  populationCount: number;
}

export interface LabelData {
  communes: LabelPoint[];
  departements: LabelPoint[];
  regions: LabelPoint[];
  characterSet: string[];
}

/** Minimum population for a commune label at a zoom (bigger communes first, all of them from z12). */
function minPopulation(zoom: number): number {
  if (zoom < 6.5) return 250_000;
  if (zoom < 7) return 100_000;
  if (zoom < 8) return 30_000;
  if (zoom < 9) return 10_000;
  if (zoom < 10) return 3_000;
  if (zoom < 11) return 1_000;
  if (zoom < 12) return 300;
  return 0;
}

const inside = (p: LabelPoint, [w, s, e, n]: ViewState['bounds']) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n;

/** Commune and département names as deck.gl text (canvas fonts: no glyph server, nothing leaves the machine). */
export function labelLayers(data: LabelData | null, view: ViewState | null): TextLayer<LabelPoint>[] {
  if (!data || !view) return [];
  const minPop = minPopulation(view.zoom);
  const communes = data.communes.filter((c) => c.populationCount >= minPop && inside(c, view.bounds)).slice(0, 250);
  const common = {
    getPosition: (d: LabelPoint) => [d.lon, d.lat] as [number, number],
    getText: (d: LabelPoint) => d.name,
    characterSet: data.characterSet,
    fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 230] as [number, number, number, number],
    billboard: true,
  };
  const layers: TextLayer<LabelPoint>[] = [
    new TextLayer<LabelPoint>({
      id: 'labels-communes',
      data: communes,
      ...common,
      getSize: (d) => (d.populationCount > 100_000 ? 15 : d.populationCount > 20_000 ? 13 : 11.5),
      getColor: [35, 35, 35, 255],
      fontWeight: 600,
    }),
  ];
  // Régions at country scale, départements at regional scale: one admin level at a time stays legible.
  const areas = view.zoom < 6.5 ? data.regions : view.zoom < 9 ? data.departements : [];
  if (areas.length) {
    layers.push(
      new TextLayer<LabelPoint>({
        id: 'labels-areas',
        data: areas.filter((d) => inside(d, view.bounds)),
        ...common,
        getText: (d) => d.name.toUpperCase(),
        getSize: view.zoom < 6.5 ? 12 : 11,
        getColor: [90, 84, 74, 200],
        fontWeight: 500,
        getPixelOffset: [0, 14],
      }),
    );
  }
  return layers;
}

export function characterSetOf(names: string[]): string[] {
  const set = new Set<string>();
  for (const n of names) for (const ch of n) set.add(ch);
  for (const n of names) for (const ch of n.toUpperCase()) set.add(ch);
  return [...set];
}
