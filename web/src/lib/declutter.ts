/**
 * Greedy label placement without overlaps (MapLibre's symbol collision, for our deck.gl text labels).
 * Pure: screen boxes from lon/lat at a zoom; items are taken in the given priority order.
 */

/** Web Mercator pixel position at `zoom` (512-px world at z0, as MapLibre). */
export function projectPx(lon: number, lat: number, zoom: number): [number, number] {
  const scale = 512 * 2 ** zoom;
  const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale];
}

export interface LabelBox {
  lon: number;
  lat: number;
  /** Label width and height in pixels, centred on the point (plus offsetY). */
  widthPx: number;
  heightPx: number;
  offsetYPx?: number;
}

/** Rough width of a text in a sans-serif font: ~0.6 em per character (0.72 for capitals). */
export function textWidthPx(text: string, sizePx: number, upper = false): number {
  return text.length * sizePx * (upper ? 0.72 : 0.6);
}

/** Keeps items (in priority order) whose box, grown by `marginPx`, overlaps no box already kept. */
export function declutter<T>(items: readonly T[], box: (item: T) => LabelBox, zoom: number, marginPx = 3): T[] {
  const kept: T[] = [];
  const boxes: [number, number, number, number][] = [];
  for (const item of items) {
    const b = box(item);
    const [x, y] = projectPx(b.lon, b.lat, zoom);
    const cy = y + (b.offsetYPx ?? 0);
    const r: [number, number, number, number] = [x - b.widthPx / 2 - marginPx, cy - b.heightPx / 2 - marginPx, x + b.widthPx / 2 + marginPx, cy + b.heightPx / 2 + marginPx];
    if (boxes.some((o) => r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3])) continue;
    boxes.push(r);
    kept.push(item);
  }
  return kept;
}
