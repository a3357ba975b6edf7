import { TextLayer } from '@deck.gl/layers';
import type { LabelData, LabelPoint } from '../lib/labels';
import { declutter, textWidthPx } from '../lib/declutter';
import type { ViewState } from '../state/workspace';

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

const FONT = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const citySize = (d: LabelPoint) => (d.populationCount > 100_000 ? 15 : d.populationCount > 20_000 ? 13 : 11.5);
const AREA_OFFSET_PX = 14;

/**
 * Commune, département and région names as deck.gl text (canvas fonts: no glyph server, nothing leaves the
 * machine). Bigger communes first; régions at country scale, départements at regional scale; labels that
 * would overlap a more important one are dropped (lib/declutter.ts), as MapLibre's symbol collision would.
 */
export function labelLayers(data: LabelData | null, view: ViewState | null): TextLayer<LabelPoint>[] {
  if (!data || !view) return [];
  const { zoom, bounds } = view;
  const minPop = minPopulation(zoom);
  const candidates = data.communes.filter((c) => c.populationCount >= minPop && inside(c, bounds)).slice(0, 600);
  const areas = (zoom < 6 ? data.regions : zoom < 9 ? data.departements : []).filter((d) => inside(d, bounds));
  const areaSize = zoom < 6 ? 11.5 : 11;
  // Priority: big cities (préfecture-sized once zoomed in), then the admin areas, then the other communes.
  const bigPop = zoom < 7 ? 150_000 : 10_000;
  const big = candidates.filter((c) => c.populationCount >= bigPop);
  const rest = candidates.filter((c) => c.populationCount < bigPop);
  const items = [...big.map((d) => ({ d, area: false })), ...areas.map((d) => ({ d, area: true })), ...rest.map((d) => ({ d, area: false }))];
  const kept = declutter(
    items,
    ({ d, area }) =>
      area
        ? { lon: d.lon, lat: d.lat, widthPx: textWidthPx(d.name, areaSize, true), heightPx: areaSize * 1.2, offsetYPx: AREA_OFFSET_PX }
        : { lon: d.lon, lat: d.lat, widthPx: textWidthPx(d.name, citySize(d)), heightPx: citySize(d) * 1.2 },
    zoom,
  );
  const common = {
    getPosition: (d: LabelPoint) => [d.lon, d.lat] as [number, number],
    getText: (d: LabelPoint) => d.name,
    characterSet: data.characterSet,
    fontFamily: FONT,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 5,
    outlineColor: [255, 255, 255, 235] as [number, number, number, number],
    billboard: true,
  };
  return [
    new TextLayer<LabelPoint>({
      id: 'labels-areas',
      data: kept.filter((k) => k.area).map((k) => k.d),
      ...common,
      getText: (d) => d.name.toUpperCase(),
      getSize: areaSize,
      getColor: [72, 66, 58, 235],
      fontWeight: 600,
      getPixelOffset: [0, AREA_OFFSET_PX],
    }),
    new TextLayer<LabelPoint>({
      id: 'labels-communes',
      data: kept.filter((k) => !k.area).map((k) => k.d),
      ...common,
      getSize: citySize,
      getColor: [30, 30, 30, 255],
      fontWeight: 600,
    }),
  ];
}
